import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { NewTicketPage } from './new-ticket/new-ticket-page';
import { PortalLayout } from './portal-layout';
import { RequirePortalSession } from './portal-session';
import { ProfilePage } from './profile/profile-page';
import { CheckMailPage, ConfirmPage } from './register/confirm-pages';
import { RegisterPage } from './register/register-page';
import { ForgotPasswordPage } from './sign-in/forgot-password-page';
import { ResetPasswordPage } from './sign-in/reset-password-page';
import { SignInPage } from './sign-in/sign-in-page';
import { TicketPage } from './ticket/ticket-page';
import { MyTicketsPage } from './tickets/my-tickets-page';

function PortalNotFound() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('Page not found')}
      </Title>
      <Text>{t('This address does not lead anywhere in the portal.')}</Text>
      <Anchor component={Link} to="/customer">
        {t('Back to my tickets')}
      </Anchor>
    </Stack>
  );
}

/**
 * The customer portal under /customer: its own pages before sign-in, and behind it the
 * customer's tickets and profile. Loaded as one chunk apart from the agent app.
 */
export function PortalApp() {
  return (
    <Routes>
      <Route path="sign-in" element={<SignInPage />} />
      <Route path="register" element={<RegisterPage />} />
      <Route path="register/sent" element={<CheckMailPage />} />
      <Route path="confirm" element={<ConfirmPage />} />
      <Route path="forgot-password" element={<ForgotPasswordPage />} />
      <Route path="reset-password" element={<ResetPasswordPage />} />
      <Route
        element={
          <RequirePortalSession>
            <PortalLayout />
          </RequirePortalSession>
        }
      >
        <Route index element={<MyTicketsPage />} />
        <Route path="tickets/new" element={<NewTicketPage />} />
        <Route path="tickets/:ticketId" element={<TicketPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="*" element={<PortalNotFound />} />
      </Route>
    </Routes>
  );
}
