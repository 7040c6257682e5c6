import { z } from 'zod';
import { changeOwnPassword } from '../../../../core/users/agent-profile.service.ts';
import { actorOf, SESSION_COOKIE } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { passwordChangeSchema } from './me.schema.ts';

/** POST /me/password: change my password; my other sessions end, this one stays. */
export const changeMyPasswordRoute: RouteModule = (api, deps) => {
  api.post(
    '/me/password',
    {
      config: {
        // Guessing the current password through a stolen session is as slow as guessing at login.
        rateLimit: {
          max: deps.config.LOGIN_RATE_LIMIT,
          timeWindow: 15 * 60 * 1000,
          hook: 'preHandler',
          keyGenerator: (request) => `me-password|${request.actor?.agentId ?? request.ip}`,
          errorResponseBuilder: (_request, context) => ({
            statusCode: 429,
            message: `Too many password changes; try again in ${Math.ceil(context.ttl / 60000)} minutes.`,
          }),
        },
      },
      schema: {
        tags: ['me'],
        summary: 'Change my password (ends my other sessions)',
        body: passwordChangeSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const keepSessionToken = request.authKind === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      await changeOwnPassword(deps.ctx, actorOf(request), { ...request.body, keepSessionToken });
      return reply.status(204).send(null);
    },
  );
};
