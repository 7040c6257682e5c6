import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildTicket, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('configuration and people API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let agentId: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    const a = await buildAgent(t.ctx);
    agentId = a.agentId;
    agent = await bearerFor(t.ctx, a);
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const count = async (table: 'queue' | 'role' | 'customer_user') => Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('admins build a queue tree; renaming a parent renames its children; cycles and duplicates are refused', async () => {
    const group = await call(app, admin, 'POST', '/api/v1/groups', { name: 'service-desk' });
    expect(group.status).toBe(201);
    const desk = await call(app, admin, 'POST', '/api/v1/queues', { name: 'Service Desk', groupId: group.body.id, unlockTimeout: 60, firstResponseTime: 240, followUpOption: 'new_ticket' });
    expect(desk.status).toBe(201);
    expect(desk.body).toMatchObject({ fullName: 'Service Desk', unlockTimeout: 60, firstResponseTime: 240, followUpOption: 'new_ticket' });
    const first = await call(app, admin, 'POST', '/api/v1/queues', { name: '1st Level', parentId: desk.body.id, groupId: group.body.id });
    expect(first.body.fullName).toBe('Service Desk::1st Level');
    const renamed = await call(app, admin, 'PATCH', `/api/v1/queues/${desk.body.id}`, { name: 'IT-Servicedesk' });
    expect(renamed.body.fullName).toBe('IT-Servicedesk');
    expect((await call(app, admin, 'GET', `/api/v1/queues/${first.body.id}`)).body.fullName).toBe('IT-Servicedesk::1st Level');

    const before = await count('queue');
    const cycle = await call(app, admin, 'PATCH', `/api/v1/queues/${desk.body.id}`, { parentId: first.body.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.field).toBe('parentId');
    const twice = await call(app, admin, 'POST', '/api/v1/queues', { name: '1st Level', parentId: desk.body.id, groupId: group.body.id });
    expect(twice.status).toBe(409);
    expect(twice.body.error.field).toBe('name');
    const colons = await call(app, admin, 'POST', '/api/v1/queues', { name: 'A::B', groupId: group.body.id });
    expect(colons.body.error.field).toBe('name');
    const badGroup = await call(app, admin, 'POST', '/api/v1/queues', { name: 'X', groupId: 9999 });
    expect(badGroup.body.error.field).toBe('groupId');
    const badMinutes = await call(app, admin, 'POST', '/api/v1/queues', { name: 'X', groupId: group.body.id, firstResponseNotify: 150 });
    expect(badMinutes.body.error.field).toBe('firstResponseNotify');
    expect(await count('queue')).toBe(before);
  });

  it('agents may read but not change configuration, and see only queues they may see', async () => {
    const before = await count('queue');
    const refused = await call(app, agent, 'POST', '/api/v1/queues', { name: 'Mine', groupId: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PERMISSION_DENIED');
    expect(await count('queue')).toBe(before);
    expect((await call(app, agent, 'GET', '/api/v1/queues')).body).toEqual([]);
    expect((await call(app, agent, 'GET', '/api/v1/states')).body.map((s: { name: string }) => s.name)).toContain('pending reminder');
    expect((await call(app, agent, 'GET', '/api/v1/priorities')).body).toHaveLength(5);
    expect((await call(app, agent, 'PATCH', '/api/v1/priorities/3', { name: 'normal' })).status).toBe(403);
  });

  it('a role grants its permissions: an agent given the role sees and works the queue', async () => {
    const group = (await call(app, admin, 'POST', '/api/v1/groups', { name: 'first-level' })).body;
    const queue = (await call(app, admin, 'POST', '/api/v1/queues', { name: 'Password', groupId: group.id })).body;
    const ticket = await buildTicket(t.ctx, { queueId: queue.id });
    expect((await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}`)).status).toBe(404);
    const role = await call(app, admin, 'POST', '/api/v1/roles', { name: '1st Level', groupPermissions: [{ groupId: group.id, permissions: ['ro', 'note'] }], agentIds: [agentId] });
    expect(role.status).toBe(201);
    expect(role.body).toMatchObject({ agentIds: [agentId], groupPermissions: [{ groupId: group.id, permissions: ['ro', 'note'] }] });
    expect((await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}`)).status).toBe(200);
    expect((await call(app, agent, 'GET', '/api/v1/queues')).body.map((q: { id: number }) => q.id)).toEqual([queue.id]);
    expect((await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { priorityId: 5 })).status).toBe(403);
    await call(app, admin, 'PATCH', `/api/v1/roles/${role.body.id}`, { groupPermissions: [{ groupId: group.id, permissions: ['ro', 'priority'] }] });
    expect((await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { priorityId: 5 })).status).toBe(200);
    const badRole = await call(app, admin, 'POST', '/api/v1/roles', { name: 'Broken', groupPermissions: [{ groupId: 9999, permissions: ['ro'] }] });
    expect(badRole.body.error.field).toBe('groupPermissions.0.groupId');
    const badKind = await call(app, admin, 'POST', '/api/v1/roles', { name: 'Broken', groupPermissions: [{ groupId: group.id, permissions: ['sudo'] }] });
    expect(badKind.status).toBe(400);
  });

  it('agents: admins create and deactivate; an agent changes own language and password but not own validity', async () => {
    const created = await call(app, admin, 'POST', '/api/v1/agents', { login: 'j.meyer', email: 'j.meyer@uni-spree.de', firstName: 'Jana', lastName: 'Meyer', password: TEST_PASSWORD, language: 'de' });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain('password');
    expect((await call(app, admin, 'POST', '/api/v1/agents', { login: 'J.Meyer', email: 'x@uni-spree.de', firstName: 'A', lastName: 'B' })).body.error).toMatchObject({ code: 'CONFLICT', field: 'login' });
    expect((await call(app, admin, 'POST', '/api/v1/agents', { login: 'k', email: 'not-an-address', firstName: 'A', lastName: 'B' })).body.error.field).toBe('email');

    const own = await call(app, agent, 'PATCH', `/api/v1/agents/${agentId}`, { language: 'de' });
    expect(own.body.language).toBe('de');
    expect((await call(app, agent, 'PATCH', `/api/v1/agents/${agentId}`, { isValid: false })).status).toBe(403);
    expect((await call(app, agent, 'PATCH', `/api/v1/agents/${created.body.id}`, { firstName: 'X' })).status).toBe(403);
    const wrongCurrent = await call(app, agent, 'POST', `/api/v1/agents/${agentId}/password`, { password: 'a-new-password', currentPassword: 'wrong' });
    expect(wrongCurrent.body.error.field).toBe('currentPassword');
    expect((await call(app, agent, 'POST', `/api/v1/agents/${agentId}/password`, { password: 'a-new-password', currentPassword: TEST_PASSWORD })).status).toBe(204);

    const janaToken = await bearerFor(t.ctx, { kind: 'agent', agentId: created.body.id, isAdmin: false, grants: new Map() });
    expect((await call(app, janaToken, 'GET', '/api/v1/tickets')).status).toBe(200);
    expect((await call(app, admin, 'PATCH', `/api/v1/agents/${created.body.id}`, { isValid: false })).body.isValid).toBe(false);
    expect((await call(app, janaToken, 'GET', '/api/v1/tickets')).status).toBe(401);
  });

  it('customers: companies and users are created by admins and found by any agent', async () => {
    const company = await call(app, admin, 'POST', '/api/v1/customer-companies', { customerId: 'FB03', name: 'Fachbereich Informatik', city: 'Berlin' });
    expect(company.status).toBe(201);
    expect((await call(app, admin, 'POST', '/api/v1/customer-companies', { customerId: 'fb03', name: 'Twice' })).body.error.field).toBe('customerId');
    const user = await call(app, admin, 'POST', '/api/v1/customer-users', { login: 'lena.vogt', email: 'lena.vogt@student.uni-spree.de', firstName: 'Lena', lastName: 'Vogt', customerCompanyId: company.body.id });
    expect(user.status).toBe(201);
    const before = await count('customer_user');
    expect((await call(app, admin, 'POST', '/api/v1/customer-users', { login: 'LENA.VOGT', email: 'x@y.de', firstName: 'A', lastName: 'B' })).body.error.field).toBe('login');
    expect((await call(app, admin, 'POST', '/api/v1/customer-users', { login: 'other', email: 'nope', firstName: 'A', lastName: 'B' })).body.error.field).toBe('email');
    expect((await call(app, agent, 'POST', '/api/v1/customer-users', { login: 'x', email: 'x@y.de', firstName: 'A', lastName: 'B' })).status).toBe(403);
    expect(await count('customer_user')).toBe(before);
    const found = await call(app, agent, 'GET', '/api/v1/customer-users?search=VOGT');
    expect(found.body).toMatchObject({ total: 1, items: [{ login: 'lena.vogt', customerCompanyId: company.body.id }] });
    expect((await call(app, agent, 'GET', `/api/v1/customer-users?customerCompanyId=${company.body.id}`)).body.total).toBe(1);
    const changed = await call(app, admin, 'PATCH', `/api/v1/customer-users/${user.body.id}`, { language: 'en', phone: '+49 30 1234' });
    expect(changed.body).toMatchObject({ language: 'en', phone: '+49 30 1234' });
  });

  it('catalog items and custom field definitions are validated with the field named', async () => {
    const state = await call(app, admin, 'POST', '/api/v1/states', { name: 'waiting for customer', type: 'pending reminder' });
    expect(state.body).toMatchObject({ type: 'pending reminder', isValid: true });
    expect((await call(app, admin, 'POST', '/api/v1/states', { name: 'gone', type: 'merged' })).body.error.field).toBe('type');
    const service = await call(app, admin, 'POST', '/api/v1/services', { name: 'E-Mail' });
    const sub = await call(app, admin, 'POST', '/api/v1/services', { name: 'Postfach', parentId: service.body.id });
    expect(sub.body.fullName).toBe('E-Mail::Postfach');
    const sla = await call(app, admin, 'POST', '/api/v1/slas', { name: 'Studierende', firstResponseTime: 480, solutionTime: 2400, serviceIds: [service.body.id] });
    expect(sla.body).toMatchObject({ firstResponseTime: 480, serviceIds: [service.body.id] });
    const address = await call(app, admin, 'POST', '/api/v1/system-addresses', { email: 'Support@Uni-Spree.de', displayName: 'RMZ Service Desk' });
    expect(address.body.email).toBe('support@uni-spree.de');
    expect((await call(app, admin, 'POST', '/api/v1/system-addresses', { email: 'support@uni-spree.de', displayName: 'x' })).status).toBe(409);
    const signature = await call(app, admin, 'POST', '/api/v1/signatures', { name: 'RMZ (de)', text: 'Ihr RMZ-Team' });
    expect(signature.status).toBe(201);
    const field = await call(app, admin, 'POST', '/api/v1/custom-fields', { name: 'Building', label: 'Gebäude', fieldType: 'dropdown' });
    expect(field.body.error.field).toBe('options');
    const ok = await call(app, admin, 'POST', '/api/v1/custom-fields', { name: 'Building', label: 'Gebäude', fieldType: 'dropdown', options: ['Hauptgebäude', 'Bibliothek'] });
    expect(ok.body).toMatchObject({ name: 'Building', options: ['Hauptgebäude', 'Bibliothek'] });
    expect((await call(app, admin, 'POST', '/api/v1/custom-fields', { name: '1bad', label: 'x', fieldType: 'text' })).body.error.field).toBe('name');
    expect((await call(app, admin, 'PATCH', `/api/v1/custom-fields/${ok.body.id}`, { fieldType: 'text' })).body.error.field).toBe('fieldType');
  });
});
