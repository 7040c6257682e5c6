import { z } from 'zod';
import { login } from '../../../../core/auth/session.service.ts';
import { loadAgentActor } from '../../../../core/permissions/permission.service.ts';
import { getAgentView } from '../../../../core/users/agent.service.ts';
import { SESSION_COOKIE } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import { loginRateLimit } from '../../../plugins/login-rate-limit.ts';
import type { RouteModule } from '../route-module.ts';
import { sessionSchema } from './session.schema.ts';

/** POST /session: log in with login and password; sets the HttpOnly session cookie. */
export const createSessionRoute: RouteModule = (api, deps) => {
  api.post(
    '/session',
    {
      config: {
        public: true,
        rateLimit: loginRateLimit(deps.config.LOGIN_RATE_LIMIT, 'agent', 'login'),
      },
      schema: {
        tags: ['session'],
        summary: 'Log in',
        body: z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(512) }),
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await login(deps.ctx, request.body);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.COOKIE_SECURE,
        path: '/',
      });
      const actor = await loadAgentActor(deps.ctx, session.agentId);
      return { agent: await getAgentView(deps.ctx, session.agentId), csrfToken: session.csrfToken, isAdmin: actor?.isAdmin ?? false };
    },
  );
};
