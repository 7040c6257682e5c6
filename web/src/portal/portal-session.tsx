import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { applyUserLanguage } from '../lib/i18n';
import { PortalLoader } from './portal-loader';
import { ApiError, portalApi, portalKeys, setPortalCsrfToken, unwrap } from './portal-api';
import type { PortalCustomer, PortalSession } from './portal-types';

/** The signed-in customer, or null when the browser has no valid portal session. */
export function usePortalSessionQuery() {
  return useQuery({
    queryKey: portalKeys.session,
    queryFn: async (): Promise<PortalSession | null> => {
      try {
        return rememberPortalSession(await unwrap(portalApi.GET('/api/v1/portal/session')));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

/** Keeps the CSRF token and switches to the customer's own language. */
export function rememberPortalSession(session: PortalSession): PortalSession {
  setPortalCsrfToken(session.csrfToken);
  applyUserLanguage(session.customer.language);
  return session;
}

/**
 * Stores a session the server just answered (sign-in, confirmation) in the cache. A session
 * request still in flight from before (sent without the new cookie, so answered "signed out")
 * is cancelled first; otherwise it could land afterwards and sign the customer out again.
 */
export function useSignedIn(): (session: PortalSession) => Promise<void> {
  const queryClient = useQueryClient();
  return async (session) => {
    await queryClient.cancelQueries({ queryKey: portalKeys.session });
    queryClient.setQueryData(portalKeys.session, rememberPortalSession(session));
  };
}

/** The customer of a page behind the sign-in; only call below <RequirePortalSession>. */
export function usePortalCustomer(): PortalCustomer {
  const { data } = usePortalSessionQuery();
  if (!data) throw new Error('usePortalCustomer outside a signed-in portal page');
  return data.customer;
}

/** Replaces the cached customer after a profile change. */
export function useUpdateCustomer(): (customer: PortalCustomer) => void {
  const queryClient = useQueryClient();
  return (customer) => {
    queryClient.setQueryData<PortalSession | null>(portalKeys.session, (old) => (old ? { ...old, customer } : old));
    applyUserLanguage(customer.language);
  };
}

/** Signs out on the server and forgets every cached portal answer. */
export function usePortalSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await portalApi.DELETE('/api/v1/portal/session').catch(() => undefined);
    setPortalCsrfToken(null);
    queryClient.removeQueries({ queryKey: ['portal'] });
    queryClient.setQueryData(portalKeys.session, null);
  };
}

/** Sends visitors without a portal session to the sign-in page and back here afterwards. */
export function RequirePortalSession({ children }: { children: ReactNode }) {
  const { data: session, isPending } = usePortalSessionQuery();
  const location = useLocation();
  if (isPending) return <PortalLoader />;
  if (!session) return <Navigate to="/customer/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
