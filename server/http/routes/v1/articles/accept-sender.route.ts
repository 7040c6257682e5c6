import { z } from 'zod';
import { acceptArticleSender } from '../../../../core/articles/accept-sender.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses, idParam } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

/** POST /tickets/:id/articles/:articleId/accept-sender: vouch for an unverified follow-up. */
export const acceptSenderRoute: RouteModule = (api, deps) => {
  api.post(
    '/tickets/:id/articles/:articleId/accept-sender',
    {
      schema: {
        tags: ['articles'],
        summary: 'Accept the sender of an unverified follow-up (the article becomes visible to the customer)',
        params: z.object({ id: idParam, articleId: idParam }),
        response: { 200: ticketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentTicket(await acceptArticleSender(deps.ctx, actor, { ticketId: request.params.id, articleId: request.params.articleId }), actor);
    },
  );
};
