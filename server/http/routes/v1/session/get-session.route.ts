import { resolveSession } from '../../../../core/auth/session.service.ts';
import { getAgentView } from '../../../../core/users/agent.service.ts';
import { actorOf, SESSION_COOKIE } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { sessionSchema } from './session.schema.ts';

/** GET /session: who is logged in, and the CSRF token (for a reloaded web app). */
export const getSessionRoute: RouteModule = (api, deps) => {
  api.get('/session', { schema: { tags: ['session'], summary: 'The current session', response: { 200: sessionSchema, ...errorResponses } } }, async (request) => {
    const actor = actorOf(request);
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(deps.ctx, token, deps.config.SESSION_IDLE_HOURS) : null;
    return { agent: await getAgentView(deps.ctx, actor.agentId), isAdmin: actor.isAdmin, csrfToken: session?.csrfToken ?? '' };
  });
};
