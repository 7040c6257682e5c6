import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildGroup, buildQueue, countRows } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('queues API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let groupId: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    groupId = (await buildGroup(t.ctx)).id;
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const fullNameOf = async (id: number) => (await t.ctx.db.selectFrom('queue').select('full_name').where('id', '=', id).executeTakeFirstOrThrow()).full_name;
  const create = (body: object) => call(app, admin, 'POST', '/api/v1/queues', { groupId, ...body });

  describe('POST /queues', () => {
    it('admin creates a queue with its settings; a child is named Parent::Child', async () => {
      const desk = await create({ name: 'Service Desk', unlockTimeout: 60, firstResponseTime: 240, firstResponseNotify: 80, followUpOption: 'new_ticket', isFollowUpLock: true });
      expect(desk.status).toBe(201);
      expect(desk.body).toMatchObject({ name: 'Service Desk', fullName: 'Service Desk', parentId: null, groupId, unlockTimeout: 60, firstResponseTime: 240, firstResponseNotify: 80, followUpOption: 'new_ticket', isFollowUpLock: true, isValid: true });
      const child = await create({ name: '1st Level', parentId: desk.body.id });
      expect(child.status).toBe(201);
      expect(child.body).toMatchObject({ fullName: 'Service Desk::1st Level', parentId: desk.body.id });
    });

    it('a second queue with the same full name → 409 CONFLICT on name, nothing written', async () => {
      await create({ name: 'Duplicate' });
      const before = await countRows(t.ctx, 'queue');
      const twice = await create({ name: 'Duplicate' });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({ code: 'CONFLICT', field: 'name' });
      expect(await countRows(t.ctx, 'queue')).toBe(before);
    });

    it.each([
      ['a name with "::"', { name: 'A::B' }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['an unknown group', { name: 'X', groupId: 999_999 }, 'groupId'],
      ['an unknown parent', { name: 'X', parentId: 999_999 }, 'parentId'],
      ['an unknown signature', { name: 'X', signatureId: 999_999 }, 'signatureId'],
      ['a notify percentage above 100', { name: 'X', firstResponseNotify: 150 }, 'firstResponseNotify'],
      ['an unknown follow-up option', { name: 'X', followUpOption: 'maybe' }, 'followUpOption'],
      ['negative minutes', { name: 'X', unlockTimeout: -1 }, 'unlockTimeout'],
    ])('%s → 400 VALIDATION_FAILED naming the field, nothing written', async (_case, body, field) => {
      const before = await countRows(t.ctx, 'queue');
      const response = await create(body);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(await countRows(t.ctx, 'queue')).toBe(before);
    });

    it('a body without groupId → 400 naming groupId', async () => {
      const response = await call(app, admin, 'POST', '/api/v1/queues', { name: 'No group' });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'groupId' });
    });

    it('an agent who is not an admin → 403 PERMISSION_DENIED, nothing written', async () => {
      const before = await countRows(t.ctx, 'queue');
      const refused = await call(app, agent, 'POST', '/api/v1/queues', { name: 'Mine', groupId });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect(await countRows(t.ctx, 'queue')).toBe(before);
    });

    it('without a token → 401', async () => {
      expect((await call(app, {}, 'POST', '/api/v1/queues', { name: 'Anon', groupId })).status).toBe(401);
    });
  });

  describe('PATCH /queues/:id', () => {
    it('renaming a parent renames children and grandchildren in one go', async () => {
      const top = (await create({ name: 'IT' })).body;
      const mid = (await create({ name: 'Accounts', parentId: top.id })).body;
      const leaf = (await create({ name: 'Passwords', parentId: mid.id })).body;
      const other = (await create({ name: 'IT-Other' })).body;
      const renamed = await call(app, admin, 'PATCH', `/api/v1/queues/${top.id}`, { name: 'Campus IT' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.fullName).toBe('Campus IT');
      expect(await fullNameOf(mid.id)).toBe('Campus IT::Accounts');
      expect(await fullNameOf(leaf.id)).toBe('Campus IT::Accounts::Passwords');
      expect(await fullNameOf(other.id)).toBe('IT-Other');
      expect((await call(app, admin, 'GET', `/api/v1/queues/${leaf.id}`)).body.fullName).toBe('Campus IT::Accounts::Passwords');
    });

    it('names with LIKE wildcards or a backslash rename their own subtree only', async () => {
      const odd = (await create({ name: 'Lab_1\\' })).body;
      const sibling = (await create({ name: 'LabX1\\' })).body;
      const child = (await create({ name: 'Bench', parentId: odd.id })).body;
      const siblingChild = (await create({ name: 'Bench', parentId: sibling.id })).body;
      await call(app, admin, 'PATCH', `/api/v1/queues/${odd.id}`, { name: 'Lab 1' });
      expect(await fullNameOf(child.id)).toBe('Lab 1::Bench');
      expect(await fullNameOf(siblingChild.id)).toBe('LabX1\\::Bench');
    });

    it('moving a queue under another parent moves its subtree; moving to the top level works too', async () => {
      const a = (await create({ name: 'Moves A' })).body;
      const b = (await create({ name: 'Moves B' })).body;
      const child = (await create({ name: 'Child', parentId: a.id })).body;
      expect((await call(app, admin, 'PATCH', `/api/v1/queues/${a.id}`, { parentId: b.id })).body.fullName).toBe('Moves B::Moves A');
      expect(await fullNameOf(child.id)).toBe('Moves B::Moves A::Child');
      expect((await call(app, admin, 'PATCH', `/api/v1/queues/${a.id}`, { parentId: null })).body.fullName).toBe('Moves A');
      expect(await fullNameOf(child.id)).toBe('Moves A::Child');
    });

    it('a queue below itself or one of its descendants → 400 on parentId, nothing changed', async () => {
      const top = (await create({ name: 'Cycle' })).body;
      const child = (await create({ name: 'Inner', parentId: top.id })).body;
      for (const parentId of [top.id, child.id]) {
        const response = await call(app, admin, 'PATCH', `/api/v1/queues/${top.id}`, { parentId, name: 'Cycle renamed' });
        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'parentId' });
      }
      expect(await fullNameOf(top.id)).toBe('Cycle');
      expect(await fullNameOf(child.id)).toBe('Cycle::Inner');
    });

    it('renaming onto an existing full name → 409 on name; the queue and its children keep their names', async () => {
      await create({ name: 'Taken' });
      const q = (await create({ name: 'Free' })).body;
      const child = (await create({ name: 'Kid', parentId: q.id })).body;
      const response = await call(app, admin, 'PATCH', `/api/v1/queues/${q.id}`, { name: 'Taken' });
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'CONFLICT', field: 'name' });
      expect(await fullNameOf(q.id)).toBe('Free');
      expect(await fullNameOf(child.id)).toBe('Free::Kid');
    });

    it('an unknown field in the body → 400; an agent who is not an admin → 403 and nothing changes', async () => {
      const q = (await create({ name: 'Locked down' })).body;
      expect((await call(app, admin, 'PATCH', `/api/v1/queues/${q.id}`, { colour: 'red' })).status).toBe(400);
      const refused = await call(app, agent, 'PATCH', `/api/v1/queues/${q.id}`, { name: 'Hijacked' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect(await fullNameOf(q.id)).toBe('Locked down');
    });

    it('an unknown queue → 404 NOT_FOUND', async () => {
      const response = await call(app, admin, 'PATCH', '/api/v1/queues/999999', { name: 'Ghost' });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('GET /queues', () => {
    it('an agent lists only queues of groups they hold ro (or rw) on; move_into alone does not show a queue', async () => {
      const [readable, writable, moveOnly] = [await buildGroup(t.ctx), await buildGroup(t.ctx), await buildGroup(t.ctx)];
      const seen = await buildQueue(t.ctx, { groupId: readable.id, name: 'Readable' });
      const worked = await buildQueue(t.ctx, { groupId: writable.id, name: 'Writable' });
      const hidden = await buildQueue(t.ctx, { groupId: moveOnly.id, name: 'Move only' });
      const someone = await buildAgent(t.ctx, { permissions: [{ groupId: readable.id, kinds: ['ro'] }, { groupId: writable.id, kinds: ['rw'] }, { groupId: moveOnly.id, kinds: ['move_into'] }] });
      const headers = await bearerFor(t.ctx, someone);
      const list = await call(app, headers, 'GET', '/api/v1/queues');
      expect(list.status).toBe(200);
      expect(list.body.map((q: { id: number }) => q.id).sort()).toEqual([seen.id, worked.id].sort());
      expect((await call(app, headers, 'GET', `/api/v1/queues/${seen.id}`)).status).toBe(200);
      const notVisible = await call(app, headers, 'GET', `/api/v1/queues/${hidden.id}`);
      expect(notVisible.status).toBe(404);
      expect(notVisible.body.error.code).toBe('NOT_FOUND');
    });

    it('an agent without permissions sees no queue; an admin sees every queue', async () => {
      expect((await call(app, agent, 'GET', '/api/v1/queues')).body).toEqual([]);
      const all = await call(app, admin, 'GET', '/api/v1/queues');
      expect(all.body).toHaveLength(await countRows(t.ctx, 'queue'));
    });
  });

  it('the OpenAPI document describes the queue endpoints with a Queue schema', async () => {
    const spec = (await call(app, {}, 'GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/queues', '/api/v1/queues/{id}', '/api/v1/customer-users', '/api/v1/state-types']));
    expect(spec.components.schemas).toHaveProperty('Queue');
  });
});
