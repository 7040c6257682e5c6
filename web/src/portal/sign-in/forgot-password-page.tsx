import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { portalApi, unwrap } from '../portal-api';
import { portalErrorText } from '../portal-errors';
import { PublicLayout } from '../portal-layout';

/** Asks for a reset link by e-mail; the answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const mutation = useMutation({ mutationFn: () => unwrap(portalApi.POST('/api/v1/portal/password-reset', { body: { email: email.trim() } })) });
  const invalid = submitted && !/^\S+@\S+\.\S+$/.test(email.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (/^\S+@\S+\.\S+$/.test(email.trim())) mutation.mutate();
  }

  if (mutation.isSuccess) {
    return (
      <PublicLayout>
        <Stack>
          <Title order={1} size="h2">
            {t('Check your mail')}
          </Title>
          <Text role="status">{t('If an account exists for {{email}}, we have sent a link to set a new password. The link is valid for a limited time.', { email: email.trim() })}</Text>
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
            {t('Forgot your password?')}
          </Title>
          <Text size="sm">{t('Enter the e-mail address of your account. We will send you a link to set a new password.')}</Text>
          {mutation.error && (
            <Alert color="red" role="alert">
              {portalErrorText(mutation.error, t)}
            </Alert>
          )}
          <TextInput label={t('E-mail address')} type="email" autoComplete="email" required autoFocus value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={invalid ? t('Please enter a valid e-mail address.') : undefined} />
          <Button type="submit" loading={mutation.isPending}>
            {t('Send link')}
          </Button>
          <Anchor component={Link} to="/customer/sign-in" size="sm">
            {t('Back to sign-in')}
          </Anchor>
        </Stack>
      </form>
    </PublicLayout>
  );
}
