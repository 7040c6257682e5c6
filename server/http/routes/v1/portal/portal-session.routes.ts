import { z } from 'zod';
import { loadCustomerActor } from '../../../../core/customer-auth/customer-actor.ts';
import { customerLogin, customerLogout, resolveCustomerSession } from '../../../../core/customer-auth/customer-session.service.ts';
import { getPortalCustomerView } from '../../../../core/customer-auth/portal-customer.view.ts';
import { DomainError } from '../../../../core/errors.ts';
import { CUSTOMER_SESSION_COOKIE, customerOf, setCustomerSessionCookie } from '../../../plugins/customer-auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import { loginRateLimit } from '../../../plugins/login-rate-limit.ts';
import type { RouteModule } from '../route-module.ts';
import { portalSessionSchema } from './portal-session.schema.ts';

/** POST/GET/DELETE /portal/session: a customer signs in, is recognised, signs out. */
export const portalSessionRoutes: RouteModule = (api, deps) => {
  api.post(
    '/portal/session',
    {
      config: {
        public: true,
        rateLimit: loginRateLimit(deps.config.LOGIN_RATE_LIMIT, 'portal', 'sign-in'),
      },
      schema: {
        tags: ['portal'],
        summary: 'Customer sign-in with login or e-mail address',
        body: z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(512) }),
        response: { 200: portalSessionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await customerLogin(deps.ctx, request.body);
      const customer = await loadCustomerActor(deps.ctx, session.customerUserId);
      if (!customer) throw new DomainError('INVALID_CREDENTIALS', 'Login or password is wrong.');
      setCustomerSessionCookie(reply, session.token, deps.config.COOKIE_SECURE);
      return { customer: await getPortalCustomerView(deps.ctx, customer), csrfToken: session.csrfToken };
    },
  );

  api.get(
    '/portal/session',
    { schema: { tags: ['portal'], summary: 'The signed-in customer and the CSRF token', response: { 200: portalSessionSchema, ...errorResponses } } },
    async (request) => {
      const customer = customerOf(request);
      const token = request.cookies[CUSTOMER_SESSION_COOKIE];
      const session = token ? await resolveCustomerSession(deps.ctx, token, deps.config.SESSION_IDLE_HOURS) : null;
      return { customer: await getPortalCustomerView(deps.ctx, customer), csrfToken: session?.csrfToken ?? '' };
    },
  );

  api.delete('/portal/session', { config: { public: true }, schema: { tags: ['portal'], summary: 'Customer sign-out' } }, async (request, reply) => {
    const token = request.cookies[CUSTOMER_SESSION_COOKIE];
    if (token) await customerLogout(deps.ctx, token);
    reply.clearCookie(CUSTOMER_SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
