import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildGroup, countRows, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('agents API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let agentId: number;
  let agentLogin: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    const a = await buildAgent(t.ctx);
    [agentId, agentLogin] = [a.agentId, a.login];
    agent = await bearerFor(t.ctx, a);
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const passwordHashOf = async (id: number) => (await t.ctx.db.selectFrom('agent').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
  const newAgent = (login: string, extra: object = {}) => call(app, admin, 'POST', '/api/v1/agents', { login, email: `${login}@uni-spree.de`, firstName: 'Jana', lastName: 'Meyer', password: TEST_PASSWORD, ...extra });

  describe('POST /agents', () => {
    it('admin creates an agent with roles and direct group permissions; no password hash is ever returned', async () => {
      const group = await buildGroup(t.ctx);
      const created = await newAgent('j.meyer', { language: 'de', roleIds: [1], groupPermissions: [{ groupId: group.id, permissions: ['ro'] }] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ login: 'j.meyer', language: 'de', roleIds: [1], isValid: true });
      expect(JSON.stringify(created.body)).not.toMatch(/password|hash/i);
      const grants = await call(app, admin, 'GET', `/api/v1/agents/${created.body.id}/group-permissions`);
      expect(grants.body).toEqual([{ groupId: group.id, permissions: ['ro'] }]);
      const list = await call(app, admin, 'GET', '/api/v1/agents');
      expect(JSON.stringify(list.body)).not.toMatch(/password|hash/i);
    });

    it.each([
      ['a login taken in other case', { login: 'ADMIN' }, 409, 'CONFLICT', 'login'],
      ['a bad email', { login: 'k.bad', email: 'not-an-address' }, 400, 'VALIDATION_FAILED', 'email'],
      ['a login with spaces', { login: 'k bad' }, 400, 'VALIDATION_FAILED', 'login'],
      ['a short password', { login: 'k.short', password: 'short' }, 400, 'VALIDATION_FAILED', 'password'],
      ['an unknown role', { login: 'k.role', roleIds: [999_999] }, 400, 'VALIDATION_FAILED', 'roleIds'],
    ])('%s → %i %s on %s, nothing written', async (_case, body, status, code, field) => {
      const before = await countRows(t.ctx, 'agent');
      const response = await call(app, admin, 'POST', '/api/v1/agents', { email: 'k@uni-spree.de', firstName: 'K', lastName: 'L', ...body });
      expect(response.status).toBe(status);
      expect(response.body.error).toMatchObject({ code, field });
      expect(await countRows(t.ctx, 'agent')).toBe(before);
    });

    it('an agent who is not an admin → 403 PERMISSION_DENIED, nothing written', async () => {
      const before = await countRows(t.ctx, 'agent');
      const refused = await call(app, agent, 'POST', '/api/v1/agents', { login: 'friend', email: 'friend@uni-spree.de', firstName: 'A', lastName: 'B' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect(await countRows(t.ctx, 'agent')).toBe(before);
    });
  });

  describe('GET /agents', () => {
    it('agents list valid colleagues only; admins also see deactivated agents', async () => {
      const gone = (await newAgent('l.gone')).body;
      await call(app, admin, 'PATCH', `/api/v1/agents/${gone.id}`, { isValid: false });
      const asAgent = (await call(app, agent, 'GET', '/api/v1/agents')).body.map((a: { login: string }) => a.login);
      expect(asAgent).toContain(agentLogin);
      expect(asAgent).not.toContain('l.gone');
      expect((await call(app, admin, 'GET', '/api/v1/agents')).body.map((a: { login: string }) => a.login)).toContain('l.gone');
      expect((await call(app, agent, 'GET', `/api/v1/agents/${gone.id}`)).status).toBe(404);
      expect((await call(app, admin, 'GET', `/api/v1/agents/${gone.id}`)).body.isValid).toBe(false);
      expect((await call(app, agent, 'GET', `/api/v1/agents/${gone.id}/group-permissions`)).status).toBe(403);
    });
  });

  describe('PATCH /agents/:id', () => {
    it('an agent changes their own names and language, but not their validity, roles or anyone else', async () => {
      const own = await call(app, agent, 'PATCH', `/api/v1/agents/${agentId}`, { language: 'de', firstName: 'Kim' });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ language: 'de', firstName: 'Kim' });
      for (const body of [{ isValid: false }, { roleIds: [1] }, { email: 'me@uni-spree.de' }]) {
        const refused = await call(app, agent, 'PATCH', `/api/v1/agents/${agentId}`, body);
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      }
      const colleague = (await newAgent('m.colleague')).body;
      expect((await call(app, agent, 'PATCH', `/api/v1/agents/${colleague.id}`, { firstName: 'X' })).status).toBe(403);
      expect((await call(app, admin, 'GET', `/api/v1/agents/${agentId}`)).body).toMatchObject({ isValid: true, roleIds: [] });
      expect((await call(app, admin, 'GET', `/api/v1/agents/${colleague.id}`)).body.firstName).toBe('Jana');
    });

    it('admin replaces roles; an unknown role → 400 on roleIds and the old roles stay', async () => {
      const someone = (await newAgent('n.roles', { roleIds: [1] })).body;
      const bad = await call(app, admin, 'PATCH', `/api/v1/agents/${someone.id}`, { roleIds: [999_999], firstName: 'Changed' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'roleIds' });
      expect((await call(app, admin, 'GET', `/api/v1/agents/${someone.id}`)).body).toMatchObject({ roleIds: [1], firstName: 'Jana' });
      expect((await call(app, admin, 'PATCH', `/api/v1/agents/${someone.id}`, { roleIds: [] })).body.roleIds).toEqual([]);
      expect((await call(app, admin, 'PATCH', `/api/v1/agents/${someone.id}`, { language: 'fr' })).body.error.field).toBe('language');
    });

    it('deactivating an agent ends their API tokens at once', async () => {
      const created = (await newAgent('o.leaving')).body;
      const token = await bearerFor(t.ctx, { kind: 'agent', agentId: created.id, isAdmin: false, grants: new Map() });
      expect((await call(app, token, 'GET', '/api/v1/tickets')).status).toBe(200);
      expect((await call(app, admin, 'PATCH', `/api/v1/agents/${created.id}`, { isValid: false })).body.isValid).toBe(false);
      expect((await call(app, token, 'GET', '/api/v1/tickets')).status).toBe(401);
    });
  });

  describe('POST /agents/:id/password', () => {
    it('an agent needs the current password for their own; a wrong or missing one → 400 on currentPassword, unchanged', async () => {
      const before = await passwordHashOf(agentId);
      const wrong = await call(app, agent, 'POST', `/api/v1/agents/${agentId}/password`, { password: 'a-new-password', currentPassword: 'wrong' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'currentPassword' });
      const missing = await call(app, agent, 'POST', `/api/v1/agents/${agentId}/password`, { password: 'a-new-password' });
      expect(missing.body.error.field).toBe('currentPassword');
      expect(await passwordHashOf(agentId)).toBe(before);
      const ok = await call(app, agent, 'POST', `/api/v1/agents/${agentId}/password`, { password: 'a-new-password', currentPassword: TEST_PASSWORD });
      expect(ok.status).toBe(204);
      const session = await call(app, {}, 'POST', '/api/v1/session', { login: agentLogin, password: 'a-new-password' });
      expect(session.status).toBeLessThan(300);
    });

    it("admins set anyone's password without the current one; agents cannot set someone else's → 403", async () => {
      const other = (await newAgent('p.other')).body;
      const before = await passwordHashOf(other.id);
      const refused = await call(app, agent, 'POST', `/api/v1/agents/${other.id}/password`, { password: 'taken-over-now', currentPassword: TEST_PASSWORD });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect(await passwordHashOf(other.id)).toBe(before);
      expect((await call(app, admin, 'POST', `/api/v1/agents/${other.id}/password`, { password: 'set-by-admin-1' })).status).toBe(204);
      expect(await passwordHashOf(other.id)).not.toBe(before);
      const short = await call(app, admin, 'POST', `/api/v1/agents/${other.id}/password`, { password: 'short' });
      expect(short.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
    });
  });
});
