import type { ServiceContext } from '../core/context.ts';
import { createCustomerCompany, createCustomerUser } from '../core/customers/customer.service.ts';
import { systemActor } from '../core/permissions/actor.ts';
import { loadAgentActor } from '../core/permissions/permission.service.ts';
import { updateSystemAddress } from '../core/catalog/system-address.service.ts';
import { createQueue, updateQueue } from '../core/queues/queue.service.ts';
import { createAgent } from '../core/users/agent.service.ts';
import { createGroup, createRole } from '../core/users/group-role.service.ts';
import { DEMO_AGENTS, DEMO_COMPANIES, DEMO_CUSTOMER_USER_COUNT, DEMO_DOMAIN, DEMO_GROUPS, DEMO_QUEUES, DEMO_ROLES, type DemoGroupKey, type DemoRoleKey } from './demo-catalog.ts';
import { parseFrom, type DemoCase } from './demo-cases.ts';
import type { DemoAgentRef, DemoQueueRef, DemoSetup } from './demo-setup.types.ts';
import { createDemoTemplates } from './demo-templates.ts';

const admin = systemActor('demo');

/** Creates the demo desk's configuration and people; returns what the ticket step needs. */
export async function createDemoSetup(ctx: ServiceContext, cases: DemoCase[], password: string): Promise<DemoSetup> {
  const groupIds = new Map<DemoGroupKey, number>();
  for (const group of DEMO_GROUPS) groupIds.set(group.key, (await createGroup(ctx, admin, { name: group.name, comment: group.comment })).id);
  const groupId = (key: DemoGroupKey) => groupIds.get(key) ?? 0;

  const queues = new Map<string, DemoQueueRef>();
  for (const q of DEMO_QUEUES) {
    const parentId = q.parent ? queues.get(q.parent)?.id : undefined;
    const created = await createQueue(ctx, admin, {
      name: q.name,
      groupId: groupId(q.group),
      // The desk's seeded system address, salutation and signature: agent replies need them.
      systemAddressId: 1,
      salutationId: 1,
      signatureId: 1,
      comment: q.comment,
      ...(parentId !== undefined ? { parentId } : {}),
      ...(q.unlockTimeout ? { unlockTimeout: q.unlockTimeout } : {}),
      ...(q.firstResponseTime ? { firstResponseTime: q.firstResponseTime } : {}),
      ...(q.updateTime ? { updateTime: q.updateTime } : {}),
      ...(q.solutionTime ? { solutionTime: q.solutionTime } : {}),
    });
    queues.set(q.key, { id: created.id, fullName: created.fullName, group: q.group });
  }
  // Escalation targets may come later in the tree, so they are set once every queue exists.
  for (const q of DEMO_QUEUES) {
    const from = queues.get(q.key)?.id;
    const to = q.escalatesTo ? queues.get(q.escalatesTo)?.id : undefined;
    if (from !== undefined && to !== undefined) await updateQueue(ctx, admin, from, { escalationQueueId: to });
  }
  await createDemoTemplates(ctx, queues);
  // New mail to the desk's address starts in the 1st level, as every request at the RMZ does.
  const firstLevel = queues.get('first');
  if (firstLevel) await updateSystemAddress(ctx, admin, 1, { queueId: firstLevel.id });

  const roleIds = new Map<DemoRoleKey, number>();
  for (const role of DEMO_ROLES) {
    const groupPermissions = Object.entries(role.grants).map(([group, permissions]) => ({ groupId: groupId(group as DemoGroupKey), permissions: permissions ?? [] }));
    roleIds.set(role.key, (await createRole(ctx, admin, { name: role.name, comment: role.comment, groupPermissions })).id);
  }

  const teams: Record<DemoRoleKey, DemoAgentRef[]> = { first: [], second: [], students: [], privacy: [] };
  for (const a of DEMO_AGENTS) {
    const agent = await createAgent(ctx, admin, {
      login: a.login,
      email: `${a.login}@rmz.${DEMO_DOMAIN}`,
      firstName: a.firstName,
      lastName: a.lastName,
      password,
      language: a.language,
      roleIds: [roleIds.get(a.role) ?? 0],
    });
    const actor = await loadAgentActor(ctx, agent.id);
    if (!actor) throw new Error(`Demo agent ${a.login} could not be loaded.`);
    teams[a.role].push({ actor, login: a.login, name: `${a.firstName} ${a.lastName}` });
  }

  const customerByEmail = await createDemoCustomers(ctx, cases);
  const states = await ctx.db.selectFrom('ticket_state').select(['id', 'name']).execute();
  return { queues, teams, customerByEmail, stateIds: new Map(states.map((s) => [s.name, s.id])) };
}

/**
 * The faculties and institutes as customer companies, and the first senders of the cases who
 * write from a university address as customer users (students and staff).
 */
async function createDemoCustomers(ctx: ServiceContext, cases: DemoCase[]): Promise<Map<string, number>> {
  const companyBySubdomain = new Map<string, number>();
  let fallbackCompanyId = 0;
  for (const c of DEMO_COMPANIES) {
    const company = await createCustomerCompany(ctx, admin, { customerId: c.customerId, name: c.name, city: 'Berlin', country: 'Deutschland', url: `https://www.${DEMO_DOMAIN}` });
    for (const sub of c.subdomains) companyBySubdomain.set(sub, company.id);
    if (c.customerId === 'ZUV') fallbackCompanyId = company.id;
  }
  const customerByEmail = new Map<string, number>();
  for (const c of cases) {
    if (customerByEmail.size >= DEMO_CUSTOMER_USER_COUNT) break;
    const { name, email } = parseFrom(c.from);
    const domain = email.split('@')[1] ?? '';
    if (customerByEmail.has(email) || !(domain === DEMO_DOMAIN || domain.endsWith(`.${DEMO_DOMAIN}`))) continue;
    const subdomain = domain === DEMO_DOMAIN ? '' : domain.slice(0, -DEMO_DOMAIN.length - 1);
    const [firstName = name, ...rest] = name.split(/\s+/);
    const user = await createCustomerUser(ctx, admin, {
      login: email,
      email,
      firstName,
      lastName: rest.join(' ') || firstName,
      customerCompanyId: companyBySubdomain.get(subdomain) ?? fallbackCompanyId,
      language: c.lang === 'en' ? 'en' : 'de',
    });
    customerByEmail.set(email, user.id);
  }
  return customerByEmail;
}
