import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidAddress } from '../../components/address-list';
import { api, ApiError, unwrap } from '../../lib/api-client';
import type { CustomerUser } from '../../lib/api-types';

/** Creates a customer user on the spot (the server allows this to admins only). */
export function CreateCustomerModal({ initialSearch, onCreated, onClose }: { initialSearch: string; onCreated: (c: CustomerUser) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const guessEmail = isValidAddress(initialSearch) ? initialSearch.trim() : '';
  const [form, setForm] = useState({ email: guessEmail, login: guessEmail, firstName: '', lastName: '', phone: '' });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/customer-users', {
          body: { login: form.login.trim() || form.email.trim(), email: form.email.trim(), firstName: form.firstName.trim(), lastName: form.lastName.trim(), phone: form.phone.trim() || null },
        }),
      ),
    onSuccess: onCreated,
  });
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const at = (field: string) => (error?.field === field ? error.message : undefined);
  const emailInvalid = form.email.trim() !== '' && !isValidAddress(form.email);
  function submit(event: FormEvent) {
    event.preventDefault();
    event.stopPropagation();
    if (!emailInvalid) mutation.mutate();
  }
  return (
    <Modal.Root opened onClose={onClose}>
      <Modal.Overlay />
      <Modal.Content>
        {/* A <div> head, not Modal.Header's <header>: one banner landmark per page (axe). */}
        <Group justify="space-between" wrap="nowrap" p="md" pb="xs">
          <Modal.Title fw={600}>{t('Create customer')}</Modal.Title>
          <Modal.CloseButton aria-label={t('Close')} />
        </Group>
        <Modal.Body>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {mutation.error && !error?.field && (
            <Alert color="red" role="alert">
              {mutation.error.message}
            </Alert>
          )}
          <TextInput label={t('Mail address')} type="email" required value={form.email} onChange={(e) => set({ email: e.currentTarget.value, login: form.login === form.email ? e.currentTarget.value : form.login })} error={at('email') ?? (emailInvalid ? t('Not a valid mail address') : undefined)} data-autofocus />
          <Group grow gap="sm">
            <TextInput label={t('First name')} required value={form.firstName} onChange={(e) => set({ firstName: e.currentTarget.value })} error={at('firstName')} />
            <TextInput label={t('Last name')} required value={form.lastName} onChange={(e) => set({ lastName: e.currentTarget.value })} error={at('lastName')} />
          </Group>
          <TextInput label={t('Customer login')} description={t('Usually the mail address')} required value={form.login} onChange={(e) => set({ login: e.currentTarget.value })} error={at('login')} />
          <TextInput label={t('Phone')} type="tel" value={form.phone} onChange={(e) => set({ phone: e.currentTarget.value })} error={at('phone')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('Cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!form.email.trim() || !form.firstName.trim() || !form.lastName.trim() || emailInvalid}>
              {t('Create customer')}
            </Button>
          </Group>
        </Stack>
      </form>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
