import { z } from 'zod';
import { getArticleDelivery } from '../../../../core/outbox/delivery.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParam } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { articleDeliverySchema } from './outbox.schema.ts';

/** GET /tickets/:id/articles/:articleId/delivery: queued, sent, failed or bounced, with the relay's answer. */
export const articleDeliveryRoute: RouteModule = (api, deps) => {
  api.get(
    '/tickets/:id/articles/:articleId/delivery',
    {
      schema: {
        tags: ['articles'],
        summary: "Delivery state of an article's mail",
        params: z.object({ id: idParam, articleId: idParam }),
        response: { 200: articleDeliverySchema, ...errorResponses },
      },
    },
    async (request) => getArticleDelivery(deps.ctx, actorOf(request), request.params.id, request.params.articleId),
  );
};
