import { Alert, Button, Card, Group, PasswordInput, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isNewPasswordValid, NewPasswordFields } from '../password-fields';
import { ApiError, portalApi, unwrap } from '../portal-api';
import { portalErrorText } from '../portal-errors';

/** Change the password: the current one, the new one twice. A wrong current password shows at its field. */
export function PasswordChange() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const change = useMutation({
    mutationFn: () => unwrap(portalApi.POST('/api/v1/portal/me/password', { body: { currentPassword: current, newPassword: next } })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      setSubmitted(false);
      notifications.show({ color: 'green', message: t('Password changed. You were signed out everywhere else.') });
    },
  });
  const error = change.error instanceof ApiError ? change.error : null;
  const currentError = error?.field === 'currentPassword' ? t('The current password is wrong.') : submitted && !current ? t('Please enter your current password.') : undefined;
  const nextError = error?.field === 'newPassword' ? error.message.replace('newPassword: ', '') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (current && isNewPasswordValid(next, repeat)) change.mutate();
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="profile-password">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={480}>
          <Title order={2} size="h4" id="profile-password">
            {t('Change password')}
          </Title>
          {change.error && !error?.field && (
            <Alert color="red" role="alert">
              {portalErrorText(change.error, t)}
            </Alert>
          )}
          <PasswordInput label={t('Current password')} autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={currentError} />
          <NewPasswordFields password={next} repeat={repeat} onPassword={setNext} onRepeat={setRepeat} showErrors={submitted} serverError={nextError} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('Change password')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
