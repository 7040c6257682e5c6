import { Alert, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { portalApi, unwrap } from '../portal-api';
import { fieldErrorText, portalErrorText } from '../portal-errors';
import { usePortalCustomer, useUpdateCustomer } from '../portal-session';
import { PasswordChange } from './password-change';

function DetailsForm() {
  const { t } = useTranslation();
  const customer = usePortalCustomer();
  const updateCustomer = useUpdateCustomer();
  const [form, setForm] = useState({ firstName: customer.firstName, lastName: customer.lastName, phone: customer.phone ?? '', language: customer.language });
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({
    mutationFn: () => unwrap(portalApi.PATCH('/api/v1/portal/me', { body: { firstName: form.firstName.trim(), lastName: form.lastName.trim(), phone: form.phone.trim() || null, language: form.language } })),
    onSuccess: (updated) => {
      updateCustomer(updated);
      setSubmitted(false);
      notifications.show({ color: 'green', message: t('Your details were saved.') });
    },
  });
  const required = (value: string) => (submitted && !value.trim() ? t('Please fill in this field.') : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (form.firstName.trim() && form.lastName.trim()) save.mutate();
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="profile-details">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={480}>
          <Title order={2} size="h4" id="profile-details">
            {t('Your details')}
          </Title>
          {save.error && !(save.error as { field?: string }).field && (
            <Alert color="red" role="alert">
              {portalErrorText(save.error, t)}
            </Alert>
          )}
          <Text size="sm">
            {t('E-mail address')}: <strong>{customer.email}</strong>
            {customer.company ? ` · ${t('Company')}: ${customer.company.name}` : ''}
          </Text>
          <TextInput label={t('First name')} autoComplete="given-name" required value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.currentTarget.value })} error={required(form.firstName) ?? fieldErrorText(save.error, 'firstName', t)} />
          <TextInput label={t('Last name')} autoComplete="family-name" required value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.currentTarget.value })} error={required(form.lastName) ?? fieldErrorText(save.error, 'lastName', t)} />
          <TextInput label={t('Phone')} type="tel" autoComplete="tel" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.currentTarget.value })} error={fieldErrorText(save.error, 'phone', t)} />
          <Select
            label={t('Language')}
            description={t('For this portal and the mails from the help desk')}
            styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
            allowDeselect={false}
            value={form.language}
            onChange={(value) => setForm({ ...form, language: value === 'de' ? 'de' : 'en' })}
            data={[
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('Save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The customer's own details and password. */
export function ProfilePage() {
  const { t } = useTranslation();
  const customer = usePortalCustomer();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('My profile')}
      </Title>
      {/* The language switch in the header changes the customer too: start the form afresh then. */}
      <DetailsForm key={customer.language} />
      <PasswordChange />
    </Stack>
  );
}
