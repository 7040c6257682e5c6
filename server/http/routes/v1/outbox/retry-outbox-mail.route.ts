import { retryOutboxMail } from '../../../../core/outbox/delivery.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { outboxMailSchema } from './outbox.schema.ts';

/** POST /outbox/:id/retry: a failed, bounced or waiting mail is tried again now. */
export const retryOutboxMailRoute: RouteModule = (api, deps) => {
  api.post(
    '/outbox/:id/retry',
    { schema: { tags: ['outbox'], summary: 'Try an outgoing mail again now (admins)', params: idParams, response: { 200: outboxMailSchema, ...errorResponses } } },
    async (request) => retryOutboxMail(deps.ctx, actorOf(request), request.params.id),
  );
};
