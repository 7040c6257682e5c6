import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, unwrap } from '../lib/api-client';
import type { Session } from '../lib/api-types';
import { applyUserLanguage } from '../lib/i18n';

/** The logged-in agent, or null when the browser has no valid session. */
export function useSessionQuery() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Session | null> => {
      try {
        return rememberSession(await unwrap(api.GET('/api/v1/session')));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

/** Keeps the CSRF token and the agent's language from a session the server answered. */
export function rememberSession(session: Session): Session {
  setCsrfToken(session.csrfToken);
  applyUserLanguage(session.agent.language);
  return session;
}

/** The session of a page behind the login; only call below <RequireSession>. */
export function useSession(): Session {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useSession outside a logged-in page');
  return data;
}

/** Logs out on the server and forgets every cached answer. */
export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await api.DELETE('/api/v1/session').catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(['session'], null);
  };
}
