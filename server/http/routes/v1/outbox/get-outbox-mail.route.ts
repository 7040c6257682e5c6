import { getOutboxMail } from '../../../../core/outbox/delivery.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { outboxMailContentSchema } from './outbox.schema.ts';

/** GET /outbox/:id: one outgoing mail with text, HTML and headers, so admins can read queued mail. */
export const getOutboxMailRoute: RouteModule = (api, deps) => {
  api.get(
    '/outbox/:id',
    { schema: { tags: ['outbox'], summary: 'One outgoing mail with its content (admins)', params: idParams, response: { 200: outboxMailContentSchema, ...errorResponses } } },
    async (request) => getOutboxMail(deps.ctx, actorOf(request), request.params.id),
  );
};
