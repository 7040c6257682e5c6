import createClient from 'openapi-fetch';
import type { paths } from './api-schema';
import { localErrorText } from './error-text';

/** An error answered by the API: {"error": {"code", "message", "field"?}}; message is in the UI's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string,
    readonly field?: string,
  ) {
    super(localErrorText(code, serverMessage));
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token; every write made with the session cookie must echo it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The typed REST client: paths, parameters and bodies come from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });

api.use({
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
  return new ApiError(status, error?.code ?? 'HTTP_' + status, error?.message ?? `Request failed (${status})`, error?.field);
}

/** Resolves to the response data, or throws ApiError with the server's code, message and field. */
export async function unwrap<D>(request: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await request;
  if (!response.ok || error !== undefined) throw toApiError(response.status, error);
  return data as D;
}

/** Reads a file the API serves (attachments) with the session cookie, as a Blob. */
export async function fetchBlob(url: string): Promise<Blob> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw toApiError(response.status, await response.json().catch(() => undefined));
  return response.blob();
}
