import { z } from 'zod';
import { changeOwnPassword, updateOwnProfile } from '../../../../core/customer-auth/customer-profile.service.ts';
import { CUSTOMER_SESSION_COOKIE, customerOf } from '../../../plugins/customer-auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { portalPasswordChangeSchema, portalProfileChangeSchema } from './portal-account.schema.ts';
import { portalCustomerSchema } from './portal-session.schema.ts';

const tags = ['portal'];

/** PATCH /portal/me and POST /portal/me/password: the signed-in customer's own profile and password. */
export const portalMeRoutes: RouteModule = (api, { ctx }) => {
  api.patch(
    '/portal/me',
    { schema: { tags, summary: 'Change own name, phone or language', body: portalProfileChangeSchema, response: { 200: portalCustomerSchema, ...errorResponses } } },
    async (request) => updateOwnProfile(ctx, customerOf(request), request.body),
  );

  api.post(
    '/portal/me/password',
    { schema: { tags, summary: "Change own password; ends the customer's other sessions", body: portalPasswordChangeSchema, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await changeOwnPassword(ctx, customerOf(request), { ...request.body, keepSessionToken: request.cookies[CUSTOMER_SESSION_COOKIE] });
      return reply.status(204).send(null);
    },
  );
};
