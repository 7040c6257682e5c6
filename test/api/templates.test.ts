import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildQueue, countRows } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('templates API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let firstLevel: { id: number; group_id: number };
  let hidden: { id: number; group_id: number };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    firstLevel = await buildQueue(t.ctx, { name: '1st Level' });
    hidden = await buildQueue(t.ctx, { name: 'Data Protection' });
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: firstLevel.group_id, kinds: ['ro'] }] }));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const create = (body: Record<string, unknown>) => call(app, admin, 'POST', '/api/v1/templates', body);

  describe('POST/PATCH /templates (admins)', () => {
    it('creates a template with its queues; PATCH replaces the queues and keeps the rest', async () => {
      const created = await create({ name: 'Passwort zurückgesetzt', type: 'answer', text: 'wir haben Ihr Passwort zurückgesetzt.', queueIds: [firstLevel.id] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Passwort zurückgesetzt', type: 'answer', contentType: 'text/plain', isValid: true, queueIds: [firstLevel.id] });
      const patched = await call(app, admin, 'PATCH', `/api/v1/templates/${created.body.id}`, { queueIds: [firstLevel.id, hidden.id], comment: 'RMZ' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ name: 'Passwort zurückgesetzt', text: 'wir haben Ihr Passwort zurückgesetzt.', comment: 'RMZ', queueIds: [firstLevel.id, hidden.id].sort((a, b) => a - b) });
      expect((await call(app, admin, 'GET', `/api/v1/templates/${created.body.id}`)).body.comment).toBe('RMZ');
    });

    it('refuses an unknown queue (naming queueIds), a bad type, a taken name; writes nothing', async () => {
      await create({ name: 'Taken', type: 'note', text: 'x' });
      const before = await countRows(t.ctx, 'standard_template');
      const unknown = await create({ name: 'Unknown queue', type: 'answer', text: 'x', queueIds: [999999] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.field).toBe('queueIds');
      const badType = await create({ name: 'Bad', type: 'letter', text: 'x' });
      expect(badType.status).toBe(400);
      expect(badType.body.error.field).toBe('type');
      const taken = await create({ name: 'Taken', type: 'answer', text: 'y' });
      expect(taken.status).toBe(409);
      expect(taken.body.error.field).toBe('name');
      expect(await countRows(t.ctx, 'standard_template')).toBe(before);
    });

    it('agents may not create, change or read single templates', async () => {
      expect((await call(app, agent, 'POST', '/api/v1/templates', { name: 'Mine', type: 'answer', text: 'x' })).status).toBe(403);
      expect((await call(app, agent, 'PATCH', '/api/v1/templates/1', { text: 'x' })).status).toBe(403);
      expect((await call(app, agent, 'GET', '/api/v1/templates/1')).status).toBe(403);
    });
  });

  describe('GET /templates', () => {
    it("agents get the valid templates of a queue they see, filtered by type; admins also see invalid ones", async () => {
      const q = await buildQueue(t.ctx, { groupId: firstLevel.group_id });
      const answer = await create({ name: 'Need more information', type: 'answer', text: 'Please send us …', queueIds: [q.id] });
      await create({ name: 'Übergabe an 2nd Level', type: 'note', text: 'Übergabe: …', queueIds: [q.id] });
      await create({ name: 'Old answer', type: 'answer', text: 'outdated', queueIds: [q.id], isValid: false });
      await create({ name: 'Elsewhere', type: 'answer', text: 'other queue', queueIds: [hidden.id] });

      const answers = await call(app, agent, 'GET', `/api/v1/templates?queueId=${q.id}&type=answer`);
      expect(answers.status).toBe(200);
      expect(answers.body.map((x: { name: string }) => x.name)).toEqual(['Need more information']);
      expect(answers.body[0].id).toBe(answer.body.id);
      const all = await call(app, agent, 'GET', `/api/v1/templates?queueId=${q.id}`);
      expect(all.body.map((x: { name: string }) => x.name)).toEqual(['Need more information', 'Übergabe an 2nd Level']);
      const adminView = await call(app, admin, 'GET', `/api/v1/templates?queueId=${q.id}&type=answer`);
      expect(adminView.body.map((x: { name: string }) => x.name)).toEqual(['Need more information', 'Old answer']);
    });

    it("an agent asking for a queue they cannot see gets 404 naming queueId; without a queue only their queues' templates", async () => {
      const refused = await call(app, agent, 'GET', `/api/v1/templates?queueId=${hidden.id}`);
      expect(refused.status).toBe(404);
      expect(refused.body.error.field).toBe('queueId');
      const mine = await call(app, agent, 'GET', '/api/v1/templates');
      expect(mine.body.map((x: { name: string }) => x.name)).not.toContain('Elsewhere');
      expect(mine.body.length).toBeGreaterThan(0);
      const bad = await call(app, agent, 'GET', '/api/v1/templates?type=letter');
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toMatch(/^type/);
    });
  });
});
