import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { portalSettingsSchema } from './portal-account.schema.ts';

/** GET /portal/settings: what the portal's sign-in page offers (registration, allowed domains). */
export const portalSettingsRoutes: RouteModule = (api, { config }) => {
  api.get(
    '/portal/settings',
    { config: { public: true }, schema: { tags: ['portal'], summary: 'Whether customers may register, and with which mail domains', response: { 200: portalSettingsSchema, ...errorResponses } } },
    async () => ({ selfRegistration: config.PORTAL_SELF_REGISTRATION, registrationDomains: config.PORTAL_REGISTRATION_DOMAINS }),
  );
};
