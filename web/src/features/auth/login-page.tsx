import { Alert, Button, Center, Paper, PasswordInput, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { rememberSession, useSessionQuery } from '../../app/session';
import { api, ApiError, unwrap } from '../../lib/api-client';
import { i18next } from '../../lib/i18n';

/** Login with login name and password; the language switch only matters until the agent's own setting applies. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { data: session } = useSessionQuery();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const mutation = useMutation({
    mutationFn: async () => rememberSession(await unwrap(api.POST('/api/v1/session', { body: { login: login.trim(), password } }))),
    onSuccess: (newSession) => {
      queryClient.setQueryData(['session'], newSession);
      navigate(from, { replace: true });
    },
  });
  if (session) return <Navigate to={from} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate();
  }
  const error = mutation.error;
  const message =
    error instanceof ApiError && error.status === 429
      ? t('Too many login attempts. Please wait a few minutes and try again.')
      : error instanceof ApiError && (error.status === 401 || error.status === 400)
        ? t('Login or password is wrong.')
        : error
          ? t('The server could not be reached. Please try again.')
          : null;

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={380} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              {t('Ticketwerk login')}
            </Title>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            <TextInput label={t('Login')} name="login" autoComplete="username" required autoFocus value={login} onChange={(e) => setLogin(e.currentTarget.value)} />
            <PasswordInput label={t('Password')} name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={mutation.isPending} disabled={!login.trim() || !password}>
              {t('Log in')}
            </Button>
            <SegmentedControl
              aria-label={t('Language')}
              size="xs"
              value={i18next.resolvedLanguage === 'de' ? 'de' : 'en'}
              onChange={(language) => {
                localStorage.setItem('ticketwerk.language', language);
                void i18next.changeLanguage(language);
              }}
              data={[
                { value: 'de', label: 'Deutsch' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
