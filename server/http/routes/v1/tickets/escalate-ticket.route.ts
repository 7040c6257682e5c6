import { z } from 'zod';
import { escalateTicket, MAX_NOTE_LENGTH } from '../../../../core/tickets/escalate-ticket.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

const escalateBody = z.object({
  version: z.number().int().positive().optional(),
  queueId: z.number().int().positive().optional().describe("Default: the escalation queue of the ticket's queue"),
  note: z.string().trim().min(1).max(MAX_NOTE_LENGTH).describe('The hand-over note (internal)'),
  resetOwner: z.boolean().optional().describe('Hand the ticket to nobody instead of keeping its owner'),
});

/** POST /tickets/:id/escalate: move to the next level, unlock and add a hand-over note, in one change. */
export const escalateTicketRoute: RouteModule = (api, deps) => {
  api.post(
    '/tickets/:id/escalate',
    { schema: { tags: ['tickets'], summary: 'Escalate: move, unlock and add an internal hand-over note at once', params: idParams, body: escalateBody, response: { 200: ticketSchema, ...errorResponses } } },
    async (request) => {
      const actor = actorOf(request);
      const { version, ...rest } = request.body;
      return presentTicket(await escalateTicket(deps.ctx, actor, { ticketId: request.params.id, expectedVersion: version, ...rest }), actor);
    },
  );
};
