import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { portalApi, unwrap } from '../portal-api';
import { portalErrorText } from '../portal-errors';
import { PublicLayout } from '../portal-layout';
import { PortalLoader } from '../portal-loader';
import { useSignedIn } from '../portal-session';

/** After registering: the confirmation link is on its way. */
export function CheckMailPage() {
  const { t } = useTranslation();
  const email = (useLocation().state as { email?: string } | null)?.email;
  return (
    <PublicLayout>
      <Stack>
        <Title order={1} size="h2">
          {t('Check your mail')}
        </Title>
        <Text role="status">
          {email
            ? t('We have sent a confirmation link to {{email}}. Open it to finish your registration.', { email })
            : t('We have sent you a confirmation link. Open it to finish your registration.')}
        </Text>
        <Text size="sm">{t('No mail after a few minutes? Look in your spam folder, or register again.')}</Text>
        <Anchor component={Link} to="/customer/sign-in">
          {t('Back to sign-in')}
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}

/** The page the mailed confirmation link opens: confirms the address and signs the customer in. */
export function ConfirmPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const started = useRef(false);
  const mutation = useMutation({
    mutationFn: () => unwrap(portalApi.POST('/api/v1/portal/registration/confirm', { body: { token } })),
    onSuccess: async (session) => {
      await signedIn(session);
      navigate('/customer', { replace: true, state: { welcome: true } });
    },
  });
  // The token works once: StrictMode's second effect run must not send it again.
  useEffect(() => {
    if (token && !started.current) {
      started.current = true;
      mutation.mutate();
    }
  }, [token, mutation]);

  return (
    <PublicLayout>
      <Stack>
        <Title order={1} size="h2">
          {t('Confirm your registration')}
        </Title>
        {!token || mutation.isError ? (
          <Alert color="red" role="alert">
            {token ? portalErrorText(mutation.error, t) : t('This link is incomplete. Please open the link from the mail again, or ask for a new one.')}
          </Alert>
        ) : (
          <PortalLoader />
        )}
        {(!token || mutation.isError) && (
          <Anchor component={Link} to="/customer/sign-in">
            {t('Back to sign-in')}
          </Anchor>
        )}
      </Stack>
    </PublicLayout>
  );
}
