import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';
import { useSessionQuery } from './session';

// Pages load on first use, so the login and the overview come up without the editor's weight.
const OverviewPage = lazy(() => import('../features/overview/overview-page').then((m) => ({ default: m.OverviewPage })));
const QueueViewPage = lazy(() => import('../features/queue-view/queue-view-page').then((m) => ({ default: m.QueueViewPage })));
const TicketZoomPage = lazy(() => import('../features/ticket-zoom/ticket-zoom-page').then((m) => ({ default: m.TicketZoomPage })));
const NewTicketPage = lazy(() => import('../features/new-ticket/new-ticket-page').then((m) => ({ default: m.NewTicketPage })));
const PreferencesPage = lazy(() => import('../features/preferences/preferences-page').then((m) => ({ default: m.PreferencesPage })));
// The customer portal: its own layout and session, outside the agent login.
const PortalApp = lazy(() => import('../portal/portal-app').then((m) => ({ default: m.PortalApp })));

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="50vh">
      <Loader role="status" aria-label={t("Loading")} />
    </Center>
  );
}

/** Sends visitors without a session to the login page and back here afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const { data: session, isPending } = useSessionQuery();
  const location = useLocation();
  if (isPending) return <PageLoader />;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

const page = (element: ReactNode) => <Suspense fallback={<PageLoader />}>{element}</Suspense>;

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/customer/*', element: page(<PortalApp />) },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: page(<OverviewPage />) },
      { path: 'queues', element: page(<QueueViewPage />) },
      { path: 'queues/:queueId', element: page(<QueueViewPage />) },
      { path: 'tickets/new/:kind', element: page(<NewTicketPage />) },
      { path: 'tickets/:ticketId', element: page(<TicketZoomPage />) },
      { path: 'preferences', element: page(<PreferencesPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** The agent web app: routes behind the login. */
export function App() {
  return <RouterProvider router={router} />;
}
