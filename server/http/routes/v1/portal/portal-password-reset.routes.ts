import { z } from 'zod';
import { confirmPasswordReset, requestPasswordReset } from '../../../../core/customer-auth/password-reset.service.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { acceptedSchema, portalPasswordResetConfirmSchema, portalPasswordResetRequestSchema } from './portal-account.schema.ts';
import { accountSettings, portalRateLimit } from './portal-account.support.ts';

const tags = ['portal'];

/** POST /portal/password-reset and /portal/password-reset/confirm: a new password by mailed link. */
export const portalPasswordResetRoutes: RouteModule = (api, { ctx, config }) => {
  api.post(
    '/portal/password-reset',
    {
      config: { public: true, rateLimit: portalRateLimit(config, 'password-reset') },
      schema: {
        tags,
        summary: 'Mail a password-reset link (always 202, whether or not the address has an account)',
        body: portalPasswordResetRequestSchema,
        response: { 202: acceptedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, accountSettings(config), request.body);
      return reply.status(202).send({});
    },
  );

  api.post(
    '/portal/password-reset/confirm',
    {
      config: { public: true, rateLimit: portalRateLimit(config, 'password-reset-confirm') },
      schema: { tags, summary: 'Set a new password with the mailed token; ends all sessions of the account', body: portalPasswordResetConfirmSchema, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await confirmPasswordReset(ctx, request.body);
      return reply.status(204).send(null);
    },
  );
};
