import { z } from 'zod';
import { COMPOSE_KINDS, composeArticle } from '../../../../core/compose/compose.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

const composeBody = z.object({
  kind: z.enum(COMPOSE_KINDS).describe('reply, reply_all, forward, note or phone'),
  articleId: z.number().int().positive().optional().describe('The article answered or forwarded; default: the last customer article'),
  templateId: z.number().int().positive().optional().describe("A valid template of the ticket's queue matching the kind"),
  lock: z.boolean().optional().describe('Lock the ticket for you; default true except for notes'),
});

const draftSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    cc: z.string(),
    bcc: z.string(),
    subject: z.string(),
    bodyText: z.string(),
    bodyHtml: z.string().nullable(),
    inReplyTo: z.string().nullable(),
    references: z.string().nullable(),
    attachments: z.array(z.object({ id: z.number().int(), filename: z.string(), contentType: z.string(), size: z.number().int(), isInline: z.boolean() })).describe('Files of the forwarded mail'),
    ticket: ticketSchema,
    lockedBy: z.object({ id: z.number().int(), login: z.string(), name: z.string() }).nullable().describe('Another agent holds the lock: sending will be refused'),
  })
  .meta({ id: 'ComposeDraft' });

/** POST /tickets/:id/compose: a prefilled reply, forward, note or call; locks the ticket for mails and calls. */
export const composeArticleRoute: RouteModule = (api, deps) => {
  api.post(
    '/tickets/:id/compose',
    { schema: { tags: ['articles'], summary: 'Start a reply, forward, note or phone call (prefilled; locks the ticket)', params: idParams, body: composeBody, response: { 200: draftSchema, ...errorResponses } } },
    async (request) => {
      const actor = actorOf(request);
      const draft = await composeArticle(deps.ctx, actor, { ticketId: request.params.id, ...request.body });
      return { ...draft, ticket: presentTicket(draft.ticket, actor) };
    },
  );
};
