import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveApiToken } from '../../core/auth/api-token.service.ts';
import { resolveSession } from '../../core/auth/session.service.ts';
import { DomainError } from '../../core/errors.ts';
import type { AgentActor } from '../../core/permissions/actor.ts';
import { loadAgentActor } from '../../core/permissions/permission.service.ts';
import type { AppDeps } from '../app.ts';
import { PORTAL_API_PREFIX } from './customer-auth.ts';

export const SESSION_COOKIE = 'tw_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated agent, set for every non-public /api route. */
    actor: AgentActor | null;
    /** How the request authenticated. */
    authKind: 'session' | 'token' | null;
  }
  interface FastifyContextConfig {
    /** Reachable without authentication (login, OpenAPI document). */
    public?: boolean;
  }
}

/**
 * Authenticates API requests by personal API token (Authorization: Bearer) or session
 * cookie. Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token,
 * so another site cannot make a logged-in browser change tickets.
 */
export function registerAuth(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authKind', null);
  app.addHook('onRequest', async (request) => {
    // The portal has its own customer sessions (customer-auth.ts); agent credentials do not open it.
    if (!request.url.startsWith('/api/v1/') || request.url.startsWith(PORTAL_API_PREFIX)) return;
    const isPublic = request.routeOptions.config?.public === true;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const agentId = await resolveApiToken(deps.ctx, authorization.slice(7).trim());
      if (agentId === null) throw new DomainError('UNAUTHENTICATED', 'The API token is unknown, revoked or expired.');
      await setActor(request, deps, agentId, 'token');
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(deps.ctx, token, deps.config.SESSION_IDLE_HOURS) : null;
    if (session) {
      if (UNSAFE_METHODS.has(request.method) && !isPublic && request.headers['x-csrf-token'] !== session.csrfToken) {
        throw new DomainError('PERMISSION_DENIED', 'The X-CSRF-Token header is missing or wrong; reload the page and try again.');
      }
      await setActor(request, deps, session.agentId, 'session');
      return;
    }
    if (!isPublic) throw new DomainError('UNAUTHENTICATED', 'Please log in (POST /api/v1/session) or send an API token.');
  });
}

async function setActor(request: FastifyRequest, deps: AppDeps, agentId: number, kind: 'session' | 'token'): Promise<void> {
  const actor = await loadAgentActor(deps.ctx, agentId);
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'This agent account is no longer valid.');
  request.actor = actor;
  request.authKind = kind;
}

/** The authenticated agent of a request on a non-public route. */
export function actorOf(request: FastifyRequest): AgentActor {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'Please log in.');
  return request.actor;
}
