import { z } from 'zod';
import { listOutboxMail } from '../../../../core/outbox/delivery.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { listOutboxQuery, outboxMailSchema } from './outbox.schema.ts';

/** GET /outbox: outgoing mail for admins, newest first, by status and ticket. */
export const listOutboxRoute: RouteModule = (api, deps) => {
  api.get(
    '/outbox',
    { schema: { tags: ['outbox'], summary: 'Outgoing mail (admins)', querystring: listOutboxQuery, response: { 200: z.array(outboxMailSchema), ...errorResponses } } },
    async (request) => listOutboxMail(deps.ctx, actorOf(request), request.query),
  );
};
