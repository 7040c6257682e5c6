import type { AppDeps } from '../../app.ts';
import { adminRoutes } from './admin-routes.ts';
import { apiTokensRoute } from './api-tokens/api-tokens.route.ts';
import { acceptSenderRoute } from './articles/accept-sender.route.ts';
import { articlesRoute } from './articles/articles.route.ts';
import { downloadAttachmentRoute } from './articles/download-attachment.route.ts';
import { streamEventsRoute } from './events/stream-events.route.ts';
import { changeMyPasswordRoute } from './me/change-my-password.route.ts';
import { getMeRoute } from './me/get-me.route.ts';
import { updateMeRoute } from './me/update-me.route.ts';
import { healthRoute } from './health/health.route.ts';
import { getOverviewRoute } from './overview/get-overview.route.ts';
import { portalRoutes } from './portal/portal-routes.ts';
import { rawMailsRoute } from './raw-mails/raw-mails.route.ts';
import { templatesRoutes } from './templates/templates.routes.ts';
import type { Api, RouteModule } from './route-module.ts';
import { createSessionRoute } from './session/create-session.route.ts';
import { deleteSessionRoute } from './session/delete-session.route.ts';
import { getSessionRoute } from './session/get-session.route.ts';
import { composeArticleRoute } from './tickets/compose-article.route.ts';
import { createTicketRoute } from './tickets/create-ticket.route.ts';
import { escalateTicketRoute } from './tickets/escalate-ticket.route.ts';
import { getTicketRoute } from './tickets/get-ticket.route.ts';
import { listTicketsRoute } from './tickets/list-tickets.route.ts';
import { lockTicketRoute } from './tickets/lock-ticket.route.ts';
import { mergeTicketRoute } from './tickets/merge-ticket.route.ts';
import { splitArticleRoute } from './tickets/split-article.route.ts';
import { ticketHistoryRoute } from './tickets/ticket-history.route.ts';
import { ticketLinksRoute } from './tickets/ticket-links.route.ts';
import { updateTicketRoute } from './tickets/update-ticket.route.ts';

/** Every /api/v1 endpoint. A new endpoint is one file plus one line here. */
const routes: RouteModule[] = [
  healthRoute,
  createSessionRoute,
  getSessionRoute,
  deleteSessionRoute,
  getMeRoute,
  updateMeRoute,
  changeMyPasswordRoute,
  streamEventsRoute,
  apiTokensRoute,
  createTicketRoute,
  getTicketRoute,
  listTicketsRoute,
  updateTicketRoute,
  lockTicketRoute,
  mergeTicketRoute,
  ticketLinksRoute,
  ticketHistoryRoute,
  getOverviewRoute,
  articlesRoute,
  downloadAttachmentRoute,
  acceptSenderRoute,
  composeArticleRoute,
  escalateTicketRoute,
  splitArticleRoute,
  templatesRoutes,
  rawMailsRoute,
  ...adminRoutes,
  ...portalRoutes,
];

export function registerV1Routes(api: Api, deps: AppDeps): void {
  for (const route of routes) route(api, deps);
}
