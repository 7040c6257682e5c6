import { z } from 'zod';
import { splitArticle } from '../../../../core/tickets/split-ticket.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses, idParam } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

const splitBody = z
  .object({
    title: z.string().trim().min(1).max(255).optional().describe("Default: the article's subject"),
    queueId: z.number().int().positive().optional().describe("Default: the ticket's queue"),
  })
  .default({});

/** POST /tickets/:id/articles/:articleId/split: the article becomes a new child ticket. */
export const splitArticleRoute: RouteModule = (api, deps) => {
  api.post(
    '/tickets/:id/articles/:articleId/split',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Split an article off into a new ticket (linked as child)',
        params: z.object({ id: idParam, articleId: idParam }),
        body: splitBody,
        response: { 201: ticketSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body ?? {};
      const ticket = await splitArticle(deps.ctx, actor, { ticketId: request.params.id, articleId: request.params.articleId, ...body });
      return reply.status(201).send(presentTicket(ticket, actor));
    },
  );
};
