import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildTicket, countRows } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('groups and roles API on %s', (dialect) => {
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

  describe('groups', () => {
    it('admins create and rename groups; any agent lists them', async () => {
      const created = await call(app, admin, 'POST', '/api/v1/groups', { name: 'service-desk', comment: '1st level' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'service-desk', comment: '1st level', isValid: true });
      expect((await call(app, admin, 'PATCH', `/api/v1/groups/${created.body.id}`, { name: 'servicedesk' })).body.name).toBe('servicedesk');
      expect((await call(app, agent, 'GET', '/api/v1/groups')).body.map((g: { name: string }) => g.name)).toContain('servicedesk');
    });

    it.each([
      ['a name taken in other case', { name: 'ADMIN' }, 409, 'CONFLICT', 'name'],
      ['a blank name', { name: '  ' }, 400, 'VALIDATION_FAILED', 'name'],
      ['no name', {}, 400, 'VALIDATION_FAILED', 'name'],
    ])('%s → %i %s on %s, nothing written', async (_case, body, status, code, field) => {
      const before = await countRows(t.ctx, 'permission_group');
      const response = await call(app, admin, 'POST', '/api/v1/groups', body);
      expect(response.status).toBe(status);
      expect(response.body.error).toMatchObject({ code, field });
      expect(await countRows(t.ctx, 'permission_group')).toBe(before);
    });

    it('an agent who is not an admin → 403 PERMISSION_DENIED, nothing written', async () => {
      const before = await countRows(t.ctx, 'permission_group');
      const refused = await call(app, agent, 'POST', '/api/v1/groups', { name: 'mine' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect(await countRows(t.ctx, 'permission_group')).toBe(before);
    });
  });

  describe('roles', () => {
    it('a role grants its permissions: an agent given the role sees and works the queue; an update replaces them', async () => {
      const group = (await call(app, admin, 'POST', '/api/v1/groups', { name: 'first-level' })).body;
      const queue = (await call(app, admin, 'POST', '/api/v1/queues', { name: 'Password', groupId: group.id })).body;
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      expect((await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}`)).status).toBe(404);
      const role = await call(app, admin, 'POST', '/api/v1/roles', { name: '1st Level', groupPermissions: [{ groupId: group.id, permissions: ['note', 'ro', 'ro'] }], agentIds: [agentId] });
      expect(role.status).toBe(201);
      expect(role.body).toMatchObject({ agentIds: [agentId], groupPermissions: [{ groupId: group.id, permissions: ['ro', 'note'] }] });
      expect((await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}`)).status).toBe(200);
      expect((await call(app, agent, 'GET', '/api/v1/queues')).body.map((q: { id: number }) => q.id)).toEqual([queue.id]);
      expect((await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { priorityId: 5 })).status).toBe(403);
      const updated = await call(app, admin, 'PATCH', `/api/v1/roles/${role.body.id}`, { groupPermissions: [{ groupId: group.id, permissions: ['ro', 'priority'] }] });
      expect(updated.body.groupPermissions).toEqual([{ groupId: group.id, permissions: ['ro', 'priority'] }]);
      expect((await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { priorityId: 5 })).status).toBe(200);
      expect((await call(app, admin, 'GET', `/api/v1/roles/${role.body.id}`)).body.agentIds).toEqual([agentId]);
    });

    it('an unknown group in the permissions → 400 naming the entry; the role is not created (one transaction)', async () => {
      const [roles, grants] = [await countRows(t.ctx, 'role'), await countRows(t.ctx, 'role_group_permission')];
      const bad = await call(app, admin, 'POST', '/api/v1/roles', { name: 'Broken', groupPermissions: [{ groupId: 1, permissions: ['ro'] }, { groupId: 999_999, permissions: ['ro'] }] });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'groupPermissions.1.groupId' });
      expect([await countRows(t.ctx, 'role'), await countRows(t.ctx, 'role_group_permission')]).toEqual([roles, grants]);
    });

    it('an unknown permission kind → 400; an unknown agent → 400 on agentIds; a taken name → 409', async () => {
      const before = await countRows(t.ctx, 'role');
      const kind = await call(app, admin, 'POST', '/api/v1/roles', { name: 'Broken', groupPermissions: [{ groupId: 1, permissions: ['sudo'] }] });
      expect(kind.status).toBe(400);
      expect(kind.body.error.field).toBe('groupPermissions.0.permissions.0');
      const agents = await call(app, admin, 'POST', '/api/v1/roles', { name: 'Broken', agentIds: [999_999] });
      expect(agents.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'agentIds' });
      const taken = await call(app, admin, 'POST', '/api/v1/roles', { name: 'admin' });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({ code: 'CONFLICT', field: 'name' });
      expect(await countRows(t.ctx, 'role')).toBe(before);
    });

    it('agents who are not admins can neither read nor change roles → 403', async () => {
      const before = await countRows(t.ctx, 'role');
      expect((await call(app, agent, 'GET', '/api/v1/roles')).status).toBe(403);
      const refused = await call(app, agent, 'POST', '/api/v1/roles', { name: 'Self-service', agentIds: [agentId] });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect(await countRows(t.ctx, 'role')).toBe(before);
    });
  });
});
