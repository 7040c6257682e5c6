import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadCustomerActor, type CustomerActor } from '../../core/customer-auth/customer-actor.ts';
import { resolveCustomerSession } from '../../core/customer-auth/customer-session.service.ts';
import { DomainError } from '../../core/errors.ts';
import type { AppDeps } from '../app.ts';

/** The portal's cookie. A different name from the agent cookie: one browser may hold both. */
export const CUSTOMER_SESSION_COOKIE = 'tw_customer_session';
/** Every customer-facing API route lives under this prefix; the agent auth hook skips it. */
export const PORTAL_API_PREFIX = '/api/v1/portal/';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in customer user on a /api/v1/portal route. */
    customer: CustomerActor | null;
  }
}

/**
 * Authenticates portal requests by the customer session cookie. Writes must echo the
 * session's CSRF token in X-CSRF-Token. Routes with `config.public` (sign-in, registration,
 * password reset, topics) are reachable without a session. Customer cookies are never
 * accepted outside the portal prefix, and agent cookies or tokens never inside it.
 */
export function registerCustomerAuth(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('customer', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith(PORTAL_API_PREFIX)) return;
    const isPublic = request.routeOptions.config?.public === true;
    const token = request.cookies[CUSTOMER_SESSION_COOKIE];
    const session = token ? await resolveCustomerSession(deps.ctx, token, deps.config.SESSION_IDLE_HOURS) : null;
    if (session) {
      if (UNSAFE_METHODS.has(request.method) && !isPublic && request.headers['x-csrf-token'] !== session.csrfToken) {
        throw new DomainError('PERMISSION_DENIED', 'The X-CSRF-Token header is missing or wrong; reload the page and try again.');
      }
      const customer = await loadCustomerActor(deps.ctx, session.customerUserId);
      if (!customer && !isPublic) throw new DomainError('UNAUTHENTICATED', 'This customer account is no longer valid.');
      request.customer = customer;
      return;
    }
    if (!isPublic) throw new DomainError('UNAUTHENTICATED', 'Please sign in to the portal (POST /api/v1/portal/session).');
  });
}

/** The signed-in customer of a portal request. */
export function customerOf(request: FastifyRequest): CustomerActor {
  if (!request.customer) throw new DomainError('UNAUTHENTICATED', 'Please sign in to the portal.');
  return request.customer;
}

/** Sets the portal cookie: HttpOnly and SameSite=Strict like the agent's. */
export function setCustomerSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(CUSTOMER_SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
