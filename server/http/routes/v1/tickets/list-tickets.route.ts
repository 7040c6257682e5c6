import { listTicketsShared } from '../../../../core/tickets/ticket-list-cache.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { listTicketsQuery, ticketListSchema } from './list-tickets.schema.ts';

/** GET /tickets: the tickets the agent may see, filtered, sorted and paged. */
export const listTicketsRoute: RouteModule = (api, deps) => {
  api.get(
    '/tickets',
    { schema: { tags: ['tickets'], summary: 'List tickets', querystring: listTicketsQuery, response: { 200: ticketListSchema, ...errorResponses } } },
    async (request) => {
      const actor = actorOf(request);
      const q = request.query;
      const { items, total } = await listTicketsShared(deps.ctx, actor, {
        queueIds: q.queueId,
        includeSubQueues: q.includeSubQueues,
        stateIds: q.stateId,
        stateTypes: q.stateType,
        priorityIds: q.priorityId,
        ownerIds: q.ownerId,
        responsibleIds: q.responsibleId,
        customerUserIds: q.customerUserId,
        customerCompanyIds: q.customerCompanyId,
        locks: q.lock,
        channels: q.channel,
        search: q.search,
        escalated: q.escalated,
        escalatesWithinMinutes: q.escalatesWithinMinutes,
        pendingReminderReached: q.pendingReminderReached,
        sort: q.sort,
        order: q.order,
        limit: q.limit,
        offset: q.offset,
      });
      return { items: items.map((t) => presentTicket(t, actor)), total, limit: q.limit, offset: q.offset };
    },
  );
};
