import { z } from 'zod';
import { updateTicket } from '../../../../core/tickets/update-ticket.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses, idParams, isoDateTime } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

const id = z.number().int().positive();

export const updateTicketBody = z
  .object({
    version: z.number().int().positive().optional().describe('The version you last saw; a stale one gets 409 STALE_VERSION'),
    title: z.string().min(1).max(255).optional(),
    queueId: id.optional(),
    stateId: id.optional(),
    pendingUntil: isoDateTime.nullable().optional(),
    priorityId: id.optional(),
    typeId: id.nullable().optional(),
    serviceId: id.nullable().optional(),
    slaId: id.nullable().optional(),
    ownerId: id.optional(),
    responsibleId: id.nullable().optional(),
    customerUserId: id.nullable().optional(),
    customerCompanyId: id.nullable().optional(),
    customFields: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .meta({ id: 'UpdateTicket' });

/** PATCH /tickets/:id: change attributes; each needs its permission (move_into, priority, owner, rw). */
export const updateTicketRoute: RouteModule = (api, deps) => {
  api.patch(
    '/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Change a ticket (move, state, priority, owner …)',
        params: idParams,
        body: updateTicketBody,
        response: { 200: ticketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { version, ...changes } = request.body;
      const ticket = await updateTicket(deps.ctx, actor, { ...changes, ticketId: request.params.id, expectedVersion: version });
      return presentTicket(ticket, actor);
    },
  );
};
