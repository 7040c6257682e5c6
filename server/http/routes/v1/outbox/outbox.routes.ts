import type { RouteModule } from '../route-module.ts';
import { articleDeliveryRoute } from './article-delivery.route.ts';
import { getOutboxMailRoute } from './get-outbox-mail.route.ts';
import { listOutboxRoute } from './list-outbox.route.ts';
import { retryOutboxMailRoute } from './retry-outbox-mail.route.ts';

/** Outgoing mail: the admins' outbox and each article's delivery state. */
export const outboxRoutes: RouteModule[] = [listOutboxRoute, getOutboxMailRoute, retryOutboxMailRoute, articleDeliveryRoute];
