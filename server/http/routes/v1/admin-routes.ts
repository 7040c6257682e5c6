import { agentPasswordRoute, agentsRoutes } from './agents/agents.routes.ts';
import { autoResponseRoutes } from './auto-responses/auto-responses.routes.ts';
import { prioritiesRoutes } from './catalog/priorities.routes.ts';
import { servicesRoutes } from './catalog/services.routes.ts';
import { slasRoutes } from './catalog/slas.routes.ts';
import { statesRoutes } from './catalog/states.routes.ts';
import { systemAddressesRoutes } from './catalog/system-addresses.routes.ts';
import { textSnippetsRoutes } from './catalog/text-snippets.routes.ts';
import { ticketTypesRoutes } from './catalog/ticket-types.routes.ts';
import { customFieldsRoutes } from './custom-fields/custom-fields.routes.ts';
import { customerCompaniesRoutes } from './customers/customer-companies.routes.ts';
import { customerUsersRoutes } from './customers/customer-users.routes.ts';
import { importCustomerUsersRoute } from './customers/import-customer-users.route.ts';
import { groupsRoutes } from './groups/groups.routes.ts';
import { mailAccountRoutes } from './mail-accounts/mail-accounts.routes.ts';
import { outboxRoutes } from './outbox/outbox.routes.ts';
import { portalTopicsRoutes } from './portal-topics/portal-topics.routes.ts';
import { postmasterRoutes } from './postmaster/postmaster.routes.ts';
import { queuesRoutes } from './queues/queues.routes.ts';
import { rolesRoutes } from './roles/roles.routes.ts';
import type { RouteModule } from './route-module.ts';

/** Configuration and people: queues, catalog, groups, roles, agents, customers, custom fields. */
const configurationRoutes: RouteModule[] = [
  queuesRoutes,
  statesRoutes,
  prioritiesRoutes,
  ticketTypesRoutes,
  servicesRoutes,
  slasRoutes,
  systemAddressesRoutes,
  textSnippetsRoutes,
  groupsRoutes,
  rolesRoutes,
  agentsRoutes,
  agentPasswordRoute,
  customerCompaniesRoutes,
  customerUsersRoutes,
  importCustomerUsersRoute,
  customFieldsRoutes,
  portalTopicsRoutes,
];

/** Endpoints for configuration, people and the mail set-up. */
export const adminRoutes: RouteModule[] = [...configurationRoutes, ...postmasterRoutes, ...outboxRoutes, ...autoResponseRoutes, ...mailAccountRoutes];
