import { Alert, Anchor, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { i18next } from '../../lib/i18n';
import { isNewPasswordValid, NewPasswordFields } from '../password-fields';
import { portalApi, unwrap } from '../portal-api';
import { fieldErrorText, portalErrorText } from '../portal-errors';
import { PublicLayout } from '../portal-layout';
import { isAllowedDomain } from '../portal-format';
import { PortalLoader } from '../portal-loader';
import { usePortalSettings } from '../portal-queries';

const EMAIL = /^\S+@\S+\.\S+$/;

/** Self-registration (only when an admin allows it): name, address, password, language; then a confirmation mail. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { data: settings, isPending } = usePortalSettings();
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', password: '', repeat: '', language: i18next.resolvedLanguage === 'de' ? 'de' : 'en' });
  const [submitted, setSubmitted] = useState(false);
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        portalApi.POST('/api/v1/portal/registration', {
          body: { email: form.email.trim(), firstName: form.firstName.trim(), lastName: form.lastName.trim(), password: form.password, language: form.language === 'de' ? 'de' : 'en' },
        }),
      ),
  });
  if (isPending) return <PortalLoader />;
  if (mutation.isSuccess) return <Navigate to="/customer/register/sent" replace state={{ email: form.email.trim() }} />;
  const domains = settings?.registrationDomains ?? [];
  const set = (field: keyof typeof form) => (value: string) => setForm((old) => ({ ...old, [field]: value }));
  const emailError = !submitted
    ? undefined
    : !EMAIL.test(form.email.trim())
      ? t('Please enter a valid e-mail address.')
      : !isAllowedDomain(form.email, domains)
        ? t('Please use an address of: {{domains}}', { domains: domains.join(', ') })
        : fieldErrorText(mutation.error, 'email', t);
  const required = (value: string) => (submitted && !value.trim() ? t('Please fill in this field.') : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const valid = form.firstName.trim() && form.lastName.trim() && EMAIL.test(form.email.trim()) && isAllowedDomain(form.email, domains) && isNewPasswordValid(form.password, form.repeat);
    if (valid) mutation.mutate();
  }

  if (!settings?.selfRegistration) {
    return (
      <PublicLayout>
        <Stack>
          <Title order={1} size="h2">
            {t('Register')}
          </Title>
          <Text>{t('Registering yourself is not possible here. Please contact the help desk.')}</Text>
          <Anchor component={Link} to="/customer/sign-in">
            {t('Back to sign-in')}
          </Anchor>
        </Stack>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('Register')}
          </Title>
          {domains.length > 0 && <Text size="sm">{t('You can register with an e-mail address of: {{domains}}', { domains: domains.join(', ') })}</Text>}
          {mutation.error && !(mutation.error as { field?: string }).field && (
            <Alert color="red" role="alert">
              {portalErrorText(mutation.error, t)}
            </Alert>
          )}
          <Group grow gap="sm" wrap="wrap" align="flex-start">
            <TextInput label={t('First name')} autoComplete="given-name" required miw={150} value={form.firstName} onChange={(e) => set('firstName')(e.currentTarget.value)} error={required(form.firstName)} />
            <TextInput label={t('Last name')} autoComplete="family-name" required miw={150} value={form.lastName} onChange={(e) => set('lastName')(e.currentTarget.value)} error={required(form.lastName)} />
          </Group>
          <TextInput label={t('E-mail address')} type="email" autoComplete="email" required value={form.email} onChange={(e) => set('email')(e.currentTarget.value)} error={emailError} />
          <NewPasswordFields password={form.password} repeat={form.repeat} onPassword={set('password')} onRepeat={set('repeat')} showErrors={submitted} serverError={fieldErrorText(mutation.error, 'password', t)} />
          <Select
            label={t('Language for mails from the help desk')}
            allowDeselect={false}
            value={form.language}
            onChange={(value) => set('language')(value ?? 'en')}
            data={[
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Button type="submit" loading={mutation.isPending}>
            {t('Register')}
          </Button>
          <Anchor component={Link} to="/customer/sign-in" size="sm">
            {t('Already registered? Sign in')}
          </Anchor>
        </Stack>
      </form>
    </PublicLayout>
  );
}
