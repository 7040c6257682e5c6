import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, countRows } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('catalog API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  describe('states', () => {
    it('any agent lists states with their type and the state types', async () => {
      const states = await call(app, agent, 'GET', '/api/v1/states');
      expect(states.status).toBe(200);
      expect(states.body).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'pending reminder', type: 'pending reminder' })]));
      const types = await call(app, agent, 'GET', '/api/v1/state-types');
      expect(types.body.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['new', 'open', 'closed', 'pending reminder', 'pending auto', 'merged']));
    });

    it('admin creates a state with a type and changes its type', async () => {
      const created = await call(app, admin, 'POST', '/api/v1/states', { name: 'waiting for customer', type: 'pending reminder' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'waiting for customer', type: 'pending reminder', isValid: true });
      const changed = await call(app, admin, 'PATCH', `/api/v1/states/${created.body.id}`, { type: 'open', isValid: false });
      expect(changed.body).toMatchObject({ type: 'open', isValid: false });
      expect((await call(app, agent, 'GET', `/api/v1/states/${created.body.id}`)).body.type).toBe('open');
    });

    it.each([
      ['the reserved type merged', { name: 'gone', type: 'merged' }, 400, 'VALIDATION_FAILED', 'type'],
      ['an unknown type', { name: 'gone', type: 'sleeping' }, 400, 'VALIDATION_FAILED', 'type'],
      ['a missing type', { name: 'gone' }, 400, 'VALIDATION_FAILED', 'type'],
      ['an existing name in other case', { name: 'OPEN', type: 'open' }, 409, 'CONFLICT', 'name'],
    ])('%s → %i %s on %s, nothing written', async (_case, body, status, code, field) => {
      const before = await countRows(t.ctx, 'ticket_state');
      const response = await call(app, admin, 'POST', '/api/v1/states', body);
      expect(response.status).toBe(status);
      expect(response.body.error).toMatchObject({ code, field });
      expect(await countRows(t.ctx, 'ticket_state')).toBe(before);
    });

    it('an agent who is not an admin cannot create or change states → 403', async () => {
      const before = await countRows(t.ctx, 'ticket_state');
      const refused = await call(app, agent, 'POST', '/api/v1/states', { name: 'mine', type: 'open' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect((await call(app, agent, 'PATCH', '/api/v1/states/1', { name: 'renamed' })).status).toBe(403);
      expect(await countRows(t.ctx, 'ticket_state')).toBe(before);
    });
  });

  describe('priorities and ticket types', () => {
    it('there are five priorities; admins rename them, agents may not, and a taken name → 409', async () => {
      const list = await call(app, agent, 'GET', '/api/v1/priorities');
      expect(list.body).toHaveLength(5);
      expect((await call(app, admin, 'PATCH', '/api/v1/priorities/3', { name: '3 mittel' })).body).toMatchObject({ id: 3, name: '3 mittel' });
      const refused = await call(app, agent, 'PATCH', '/api/v1/priorities/3', { name: 'x' });
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      const clash = await call(app, admin, 'PATCH', '/api/v1/priorities/4', { name: '3 Mittel' });
      expect(clash.status).toBe(409);
      expect(clash.body.error).toMatchObject({ code: 'CONFLICT', field: 'name' });
      expect((await call(app, agent, 'GET', '/api/v1/priorities/4')).body.name).not.toBe('3 Mittel');
      expect((await call(app, admin, 'POST', '/api/v1/priorities', { name: '6 panic' })).status).toBe(404);
    });

    it('admins create ticket types; duplicates → 409, a name over 100 characters → 400', async () => {
      const created = await call(app, admin, 'POST', '/api/v1/types', { name: 'Hardware order' });
      expect(created.status).toBe(201);
      const before = await countRows(t.ctx, 'ticket_type');
      const twice = await call(app, admin, 'POST', '/api/v1/types', { name: 'hardware ORDER' });
      expect(twice.status).toBe(409);
      expect(twice.body.error.field).toBe('name');
      const long = await call(app, admin, 'POST', '/api/v1/types', { name: 'x'.repeat(101) });
      expect(long.status).toBe(400);
      expect(long.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
      expect(await countRows(t.ctx, 'ticket_type')).toBe(before);
    });
  });

  describe('services and SLAs', () => {
    it('services form a tree; renaming a parent renames its children; a cycle → 400 on parentId', async () => {
      const mail = (await call(app, admin, 'POST', '/api/v1/services', { name: 'E-Mail' })).body;
      const box = await call(app, admin, 'POST', '/api/v1/services', { name: 'Mailbox', parentId: mail.id });
      expect(box.body.fullName).toBe('E-Mail::Mailbox');
      await call(app, admin, 'PATCH', `/api/v1/services/${mail.id}`, { name: 'Mail' });
      expect((await call(app, agent, 'GET', `/api/v1/services/${box.body.id}`)).body.fullName).toBe('Mail::Mailbox');
      const cycle = await call(app, admin, 'PATCH', `/api/v1/services/${mail.id}`, { parentId: box.body.id });
      expect(cycle.status).toBe(400);
      expect(cycle.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'parentId' });
      const twice = await call(app, admin, 'POST', '/api/v1/services', { name: 'Mailbox', parentId: mail.id });
      expect(twice.status).toBe(409);
      expect(twice.body.error.field).toBe('name');
    });

    it('an SLA carries escalation times, calendar and services; unknown services → 400, nothing written', async () => {
      const service = (await call(app, admin, 'POST', '/api/v1/services', { name: 'Moodle' })).body;
      const sla = await call(app, admin, 'POST', '/api/v1/slas', { name: 'Students', firstResponseTime: 480, firstResponseNotify: 80, solutionTime: 2400, calendarName: 'office-hours', serviceIds: [service.id] });
      expect(sla.status).toBe(201);
      expect(sla.body).toMatchObject({ firstResponseTime: 480, firstResponseNotify: 80, solutionTime: 2400, updateTime: 0, calendarName: 'office-hours', serviceIds: [service.id] });
      const [slas, links] = [await countRows(t.ctx, 'sla'), await countRows(t.ctx, 'service_sla')];
      const bad = await call(app, admin, 'POST', '/api/v1/slas', { name: 'Staff', serviceIds: [999_999] });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'serviceIds' });
      expect([await countRows(t.ctx, 'sla'), await countRows(t.ctx, 'service_sla')]).toEqual([slas, links]);
      const cleared = await call(app, admin, 'PATCH', `/api/v1/slas/${sla.body.id}`, { serviceIds: [], updateTime: 60 });
      expect(cleared.body).toMatchObject({ serviceIds: [], updateTime: 60 });
      expect((await call(app, admin, 'POST', '/api/v1/slas', { name: 'Bad', updateNotify: 101 })).body.error.field).toBe('updateNotify');
      expect((await call(app, agent, 'POST', '/api/v1/slas', { name: 'Mine' })).status).toBe(403);
      expect(await countRows(t.ctx, 'sla')).toBe(slas);
    });
  });

  describe('system addresses, salutations and signatures', () => {
    it('a system address is stored lower-case; duplicates → 409 on email, bad addresses → 400 on email', async () => {
      const created = await call(app, admin, 'POST', '/api/v1/system-addresses', { email: 'Support@Uni-Spree.de', displayName: 'RMZ Service Desk' });
      expect(created.status).toBe(201);
      expect(created.body.email).toBe('support@uni-spree.de');
      const before = await countRows(t.ctx, 'system_address');
      const twice = await call(app, admin, 'POST', '/api/v1/system-addresses', { email: 'SUPPORT@uni-spree.de', displayName: 'Again' });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({ code: 'CONFLICT', field: 'email' });
      const bad = await call(app, admin, 'POST', '/api/v1/system-addresses', { email: 'not an address', displayName: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
      expect(await countRows(t.ctx, 'system_address')).toBe(before);
      expect((await call(app, agent, 'GET', '/api/v1/system-addresses')).body.map((a: { email: string }) => a.email)).toContain('support@uni-spree.de');
    });

    it.each(['salutations', 'signatures'])('%s: admins create and change, names are unique, agents only read', async (path) => {
      const table = path === 'salutations' ? 'salutation' : 'signature';
      const created = await call(app, admin, 'POST', `/api/v1/${path}`, { name: 'RMZ (de)', text: 'Ihr RMZ-Team' });
      expect(created.status).toBe(201);
      const changed = await call(app, admin, 'PATCH', `/api/v1/${path}/${created.body.id}`, { text: 'Ihr Team im RMZ' });
      expect(changed.body).toMatchObject({ name: 'RMZ (de)', text: 'Ihr Team im RMZ' });
      const before = await countRows(t.ctx, table);
      const twice = await call(app, admin, 'POST', `/api/v1/${path}`, { name: 'rmz (DE)', text: '' });
      expect(twice.status).toBe(409);
      expect(twice.body.error.field).toBe('name');
      const refused = await call(app, agent, 'POST', `/api/v1/${path}`, { name: 'Mine', text: '' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect(await countRows(t.ctx, table)).toBe(before);
      expect((await call(app, agent, 'GET', `/api/v1/${path}/${created.body.id}`)).status).toBe(200);
    });
  });
});
