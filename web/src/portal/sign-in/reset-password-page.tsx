import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isNewPasswordValid, NewPasswordFields } from '../password-fields';
import { portalApi, unwrap } from '../portal-api';
import { fieldErrorText, portalErrorText } from '../portal-errors';
import { PublicLayout } from '../portal-layout';

/** The page the mailed reset link opens: the new password twice, then sign in with it. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const mutation = useMutation({ mutationFn: () => unwrap(portalApi.POST('/api/v1/portal/password-reset/confirm', { body: { token, password } })) });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (isNewPasswordValid(password, repeat)) mutation.mutate();
  }

  if (mutation.isSuccess) {
    return (
      <PublicLayout>
        <Stack>
          <Title order={1} size="h2">
            {t('Password changed')}
          </Title>
          <Text role="status">{t('Your new password is set. Please sign in with it.')}</Text>
          <Button component={Link} to="/customer/sign-in">
            {t('Sign in')}
          </Button>
        </Stack>
      </PublicLayout>
    );
  }

  const passwordError = fieldErrorText(mutation.error, 'password', t);
  return (
    <PublicLayout>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('Set a new password')}
          </Title>
          {!token && (
            <Alert color="red" role="alert">
              {t('This link is incomplete. Please open the link from the mail again, or ask for a new one.')}
            </Alert>
          )}
          {mutation.error && !passwordError && (
            <Alert color="red" role="alert">
              {portalErrorText(mutation.error, t)}{' '}
              <Anchor component={Link} to="/customer/forgot-password">
                {t('Ask for a new link')}
              </Anchor>
            </Alert>
          )}
          <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} showErrors={submitted} serverError={passwordError} />
          <Button type="submit" loading={mutation.isPending} disabled={!token}>
            {t('Save new password')}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
