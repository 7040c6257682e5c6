import { logout } from '../../../../core/auth/session.service.ts';
import { SESSION_COOKIE } from '../../../plugins/auth.ts';
import type { RouteModule } from '../route-module.ts';

/** DELETE /session: log out. */
export const deleteSessionRoute: RouteModule = (api, deps) => {
  api.delete('/session', { schema: { tags: ['session'], summary: 'Log out' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(deps.ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
