import { z } from 'zod';
import { lockTicket, unlockTicket } from '../../../../core/tickets/lock-ticket.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

const lockBody = z
  .object({
    version: z.number().int().positive().optional(),
    takeOver: z.boolean().optional().describe('Admins: take over a ticket another agent has locked (recorded in history)'),
  })
  .default({});

/** POST /tickets/:id/lock locks for the caller; DELETE /tickets/:id/lock unlocks. */
export const lockTicketRoute: RouteModule = (api, deps) => {
  api.post(
    '/tickets/:id/lock',
    { schema: { tags: ['tickets'], summary: 'Lock a ticket (you become its owner)', params: idParams, body: lockBody, response: { 200: ticketSchema, ...errorResponses } } },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body ?? {};
      return presentTicket(await lockTicket(deps.ctx, actor, { ticketId: request.params.id, expectedVersion: body.version, takeOver: body.takeOver }), actor);
    },
  );
  api.delete(
    '/tickets/:id/lock',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Unlock a ticket',
        params: idParams,
        querystring: z.object({ takeOver: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
        response: { 200: ticketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentTicket(await unlockTicket(deps.ctx, actor, { ticketId: request.params.id, takeOver: request.query.takeOver }), actor);
    },
  );
};
