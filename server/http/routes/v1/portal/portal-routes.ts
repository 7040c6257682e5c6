import type { RouteModule } from '../route-module.ts';
import { portalMeRoutes } from './portal-me.routes.ts';
import { portalPasswordResetRoutes } from './portal-password-reset.routes.ts';
import { portalRegistrationRoutes } from './portal-registration.routes.ts';
import { portalSessionRoutes } from './portal-session.routes.ts';
import { portalSettingsRoutes } from './portal-settings.routes.ts';
import { portalAttachmentRoute } from './portal-attachment.route.ts';
import { portalTicketActionsRoutes } from './portal-ticket-actions.routes.ts';
import { portalTicketsRoutes } from './portal-tickets.routes.ts';
import { portalTopicsRoute } from './portal-topics.route.ts';

/**
 * Every customer-facing endpoint, under /api/v1/portal (customer sessions, see
 * plugins/customer-auth.ts). A new endpoint is one file plus one line here.
 */
export const portalRoutes: RouteModule[] = [
  portalSessionRoutes,
  portalTopicsRoute,
  portalSettingsRoutes,
  portalRegistrationRoutes,
  portalPasswordResetRoutes,
  portalMeRoutes,
  portalTicketsRoutes,
  portalTicketActionsRoutes,
  portalAttachmentRoute,
];
