import { autoResponseRoutes } from './auto-responses/auto-responses.routes.ts';
import { mailAccountRoutes } from './mail-accounts/mail-accounts.routes.ts';
import { outboxRoutes } from './outbox/outbox.routes.ts';
import { postmasterRoutes } from './postmaster/postmaster.routes.ts';
import type { RouteModule } from './route-module.ts';

/** Endpoints for configuration and people: queues, catalog, groups, roles, agents, customers. */
export const adminRoutes: RouteModule[] = [...postmasterRoutes, ...outboxRoutes, ...autoResponseRoutes, ...mailAccountRoutes];
