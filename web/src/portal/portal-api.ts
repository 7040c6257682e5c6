import createClient from 'openapi-fetch';
import type { paths } from '../lib/api-schema';

export { ApiError, unwrap } from '../lib/api-client';

let csrfToken: string | null = null;

/** Remembers the customer session's CSRF token; every portal write echoes it. Apart from the agent's, as the cookies are. */
export function setPortalCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The typed client for /api/v1/portal: paths, parameters and bodies from the server's OpenAPI document. */
export const portalApi = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });

portalApi.use({
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

/** Cache keys of the portal, apart from the agent app's (one browser may hold both sessions). */
export const portalKeys = {
  session: ['portal', 'session'] as const,
  settings: ['portal', 'settings'] as const,
  topics: ['portal', 'topics'] as const,
  tickets: ['portal', 'tickets'] as const,
  ticket: (id: number) => ['portal', 'ticket', id] as const,
};

/** Where a customer's browser downloads an attachment (cookie-authenticated, served as a download). */
export function attachmentUrl(ticketId: number, articleId: number, attachmentId: number): string {
  return `/api/v1/portal/tickets/${ticketId}/articles/${articleId}/attachments/${attachmentId}`;
}
