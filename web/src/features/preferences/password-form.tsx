import { Alert, Button, Card, Group, PasswordInput, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../lib/api-client';

const MIN_LENGTH = 8;

/** Change one's own password: the current one, the new one twice. The server's field error shows at its field. */
export function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const change = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/password', { body: { currentPassword: current, newPassword: next } })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      setSubmitted(false);
      notifications.show({ color: 'green', message: t('Password changed. Your other sessions were logged out.') });
    },
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  const serverError = change.error instanceof ApiError ? change.error : null;
  // The server names the field in front of its message ("newPassword: …"); at the field itself that is redundant.
  const fieldError = (field: string) => (serverError?.field === field ? serverError.message.replace(`${field}: `, '') : undefined);
  const tooShort = submitted && next.length > 0 && next.length < MIN_LENGTH ? t('At least {{min}} characters.', { min: MIN_LENGTH }) : undefined;
  const mismatch = submitted && repeat !== next ? t('The two new passwords differ.') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!current || next.length < MIN_LENGTH || next !== repeat) return;
    change.mutate();
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pref-password">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={420}>
          <Title order={2} size="h4" id="pref-password">
            {t('Change password')}
          </Title>
          {serverError && !serverError.field && (
            <Alert color="red" role="alert">
              {serverError.message}
            </Alert>
          )}
          <PasswordInput
            label={t('Current password')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={fieldError('currentPassword') ?? (submitted && !current ? t('Please enter your current password.') : undefined)}
          />
          <PasswordInput
            label={t('New password')}
            description={t('At least {{min}} characters.', { min: MIN_LENGTH })}
            styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={fieldError('newPassword') ?? tooShort}
          />
          <PasswordInput label={t('Repeat password')} autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={mismatch} />
          <Group>
            <Button color="indigo.8" type="submit" loading={change.isPending}>
              {t('Change password')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
