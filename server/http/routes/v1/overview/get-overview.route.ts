import { getOverview } from '../../../../core/tickets/overview.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { getOverviewQuery, overviewSchema } from './get-overview.schema.ts';

/** GET /overview: the agent's queues with open-work counts and the lists that need attention. */
export const getOverviewRoute: RouteModule = (api, deps) => {
  api.get(
    '/overview',
    { schema: { tags: ['tickets'], summary: 'Queue counts and attention lists for the agent', querystring: getOverviewQuery, response: { 200: overviewSchema, ...errorResponses } } },
    async (request) => {
      const actor = actorOf(request);
      const { queues, lists } = await getOverview(deps.ctx, actor, { soonMinutes: request.query.soonMinutes });
      const present = (list: (typeof lists)['escalated']) => ({ total: list.total, items: list.items.map((t) => presentTicket(t, actor)) });
      return {
        queues,
        lists: {
          myLocked: present(lists.myLocked),
          myOwnedOrResponsible: present(lists.myOwnedOrResponsible),
          pendingReminderReached: present(lists.pendingReminderReached),
          escalated: present(lists.escalated),
          escalatingSoon: present(lists.escalatingSoon),
        },
      };
    },
  );
};
