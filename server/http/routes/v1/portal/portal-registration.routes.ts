import { loadCustomerActor } from '../../../../core/customer-auth/customer-actor.ts';
import { getPortalCustomerView } from '../../../../core/customer-auth/portal-customer.view.ts';
import { confirmRegistration, registerCustomer } from '../../../../core/customer-auth/registration.service.ts';
import { DomainError } from '../../../../core/errors.ts';
import { setCustomerSessionCookie } from '../../../plugins/customer-auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { acceptedSchema, portalRegistrationSchema, portalTokenSchema } from './portal-account.schema.ts';
import { accountSettings, portalRateLimit } from './portal-account.support.ts';
import { portalSessionSchema } from './portal-session.schema.ts';

const tags = ['portal'];

/** POST /portal/registration and /portal/registration/confirm: self-registration confirmed by mail. */
export const portalRegistrationRoutes: RouteModule = (api, { ctx, config }) => {
  api.post(
    '/portal/registration',
    {
      config: { public: true, rateLimit: portalRateLimit(config, 'registration') },
      schema: {
        tags,
        summary: 'Register as a customer; a confirmation link is mailed (same answer for addresses that have an account)',
        body: portalRegistrationSchema,
        response: { 202: acceptedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await registerCustomer(ctx, accountSettings(config), request.body);
      return reply.status(202).send({});
    },
  );

  api.post(
    '/portal/registration/confirm',
    {
      config: { public: true, rateLimit: portalRateLimit(config, 'registration-confirm') },
      schema: { tags, summary: 'Confirm the address with the mailed token; signs the customer in', body: portalTokenSchema, response: { 200: portalSessionSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const session = await confirmRegistration(ctx, request.body.token);
      const customer = await loadCustomerActor(ctx, session.customerUserId);
      if (!customer) throw new DomainError('UNAUTHENTICATED', 'This customer account is no longer valid.');
      setCustomerSessionCookie(reply, session.token, config.COOKIE_SECURE);
      return { customer: await getPortalCustomerView(ctx, customer), csrfToken: session.csrfToken };
    },
  );
};
