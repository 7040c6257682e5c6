import { useQuery } from '@tanstack/react-query';
import { portalApi, portalKeys, unwrap } from './portal-api';

/** Whether customers may register themselves, and with which addresses (public). */
export function usePortalSettings() {
  return useQuery({ queryKey: portalKeys.settings, queryFn: () => unwrap(portalApi.GET('/api/v1/portal/settings')), staleTime: 60_000 });
}

/** The topics customers choose from when they open a ticket, in the admins' order. */
export function usePortalTopics() {
  return useQuery({ queryKey: portalKeys.topics, queryFn: () => unwrap(portalApi.GET('/api/v1/portal/topics', { params: { query: { for: 'portal' } } })), staleTime: 60_000 });
}
