import { createTicket } from '../../../../core/tickets/create-ticket.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { toArticleInput } from '../../../schemas/article-input.schema.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { createTicketBody } from './create-ticket.schema.ts';

/** POST /tickets: create a ticket (needs "create" on the queue). */
export const createTicketRoute: RouteModule = (api, deps) => {
  api.post(
    '/tickets',
    { schema: { tags: ['tickets'], summary: 'Create a ticket', body: createTicketBody, response: { 201: ticketSchema, ...errorResponses } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { article, ...fields } = request.body;
      const ticket = await createTicket(deps.ctx, actor, { ...fields, article: article ? toArticleInput(article) : undefined });
      return reply.status(201).send(presentTicket(ticket, actor));
    },
  );
};
