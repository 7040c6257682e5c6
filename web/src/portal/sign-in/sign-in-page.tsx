import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { portalApi, unwrap } from '../portal-api';
import { portalErrorText } from '../portal-errors';
import { PublicLayout } from '../portal-layout';
import { usePortalSettings } from '../portal-queries';
import { usePortalSessionQuery, useSignedIn } from '../portal-session';

/** Sign in with login or e-mail address and password; links to registration (when allowed) and password reset. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: session } = usePortalSessionQuery();
  const { data: settings } = usePortalSettings();
  const signedIn = useSignedIn();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const from = (location.state as { from?: string } | null)?.from ?? '/customer';
  const mutation = useMutation({
    mutationFn: () => unwrap(portalApi.POST('/api/v1/portal/session', { body: { login: login.trim(), password } })),
    onSuccess: async (newSession) => {
      await signedIn(newSession);
      navigate(from, { replace: true });
    },
  });
  if (session) return <Navigate to={from} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (login.trim() && password) mutation.mutate();
  }

  return (
    <PublicLayout>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('Sign in')}
          </Title>
          <Text size="sm">{t('Sign in to see your tickets and to ask the help desk something new.')}</Text>
          {mutation.error && (
            <Alert color="red" role="alert">
              {portalErrorText(mutation.error, t)}
            </Alert>
          )}
          <TextInput label={t('Login or e-mail address')} name="login" autoComplete="username" required autoFocus value={login} onChange={(e) => setLogin(e.currentTarget.value)} />
          <PasswordInput label={t('Password')} name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={mutation.isPending} disabled={!login.trim() || !password}>
            {t('Sign in')}
          </Button>
          <Group justify="space-between" gap="xs">
            <Anchor component={Link} to="/customer/forgot-password" size="sm">
              {t('Forgot your password?')}
            </Anchor>
            {settings?.selfRegistration && (
              <Anchor component={Link} to="/customer/register" size="sm">
                {t('No account yet? Register')}
              </Anchor>
            )}
          </Group>
        </Stack>
      </form>
    </PublicLayout>
  );
}
