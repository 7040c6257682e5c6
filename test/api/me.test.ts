import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildQueue, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('/me on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let queue: { id: number; group_id: number };
  let hiddenQueue: { id: number };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    queue = await buildQueue(t.ctx);
    hiddenQueue = await buildQueue(t.ctx);
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  /** Logs in through the API like the web app; returns cookie headers (reads) and with CSRF (writes). */
  async function logIn(login: string, password = TEST_PASSWORD): Promise<{ status: number; read: Record<string, string>; write: Record<string, string> }> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login, password } });
    if (res.statusCode !== 200) return { status: res.statusCode, read: {}, write: {} };
    const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
    return { status: 200, read: { cookie }, write: { cookie, 'x-csrf-token': res.json().csrfToken as string } };
  }

  async function newAgent() {
    const agent = await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['ro'] }] });
    return { agent, session: await logIn(agent.login) };
  }

  describe('GET /me', () => {
    it('a new agent gets their profile with default preferences and no signature', async () => {
      const { agent, session } = await newAgent();
      const res = await call(app, session.read, 'GET', '/api/v1/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: agent.agentId,
        login: agent.login,
        firstName: 'Test',
        lastName: agent.login,
        email: `${agent.login}@uni-spree.de`,
        language: 'en',
        signature: null,
        preferences: {
          defaultQueueView: { queueId: null, stateTypes: ['new', 'open', 'pending reminder', 'pending auto'], sort: 'createdAt', order: 'desc', pageSize: 25 },
          articleOrder: 'newest-first',
        },
      });
      expect(JSON.stringify(res.body)).not.toContain('password');
    });

    it('the OpenAPI document describes /me, /me/password and /events', async () => {
      const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/me/password', '/api/v1/events']));
      expect(spec.components.schemas.AgentProfile.properties.preferences).toBeDefined();
    });

    it('unauthenticated → 401', async () => {
      expect((await call(app, {}, 'GET', '/api/v1/me')).status).toBe(401);
    });
  });

  describe('PATCH /me', () => {
    it('language, signature and preferences round-trip; unspecified preferences keep their values', async () => {
      const { session } = await newAgent();
      const res = await call(app, session.write, 'PATCH', '/api/v1/me', {
        language: 'de',
        signature: 'Mit freundlichen Grüßen\nRMZ Support',
        preferences: { defaultQueueView: { queueId: queue.id, stateTypes: ['open'], pageSize: 50 }, articleOrder: 'oldest-first' },
      });
      expect(res.status).toBe(200);
      const second = await call(app, session.write, 'PATCH', '/api/v1/me', { preferences: { defaultQueueView: { sort: 'priority', order: 'asc' } } });
      expect(second.status).toBe(200);
      const me = await call(app, session.read, 'GET', '/api/v1/me');
      expect(me.body).toMatchObject({
        language: 'de',
        signature: 'Mit freundlichen Grüßen\nRMZ Support',
        preferences: { defaultQueueView: { queueId: queue.id, stateTypes: ['open'], sort: 'priority', order: 'asc', pageSize: 50 }, articleOrder: 'oldest-first' },
      });
      // The session shows the language the web app should switch to.
      expect((await call(app, session.read, 'GET', '/api/v1/session')).body.agent.language).toBe('de');
      const cleared = await call(app, session.write, 'PATCH', '/api/v1/me', { signature: '  ' });
      expect(cleared.body.signature).toBeNull();
    });

    it.each([
      [{ language: 'fr' }, 'language'],
      [{ preferences: { defaultQueueView: { pageSize: 0 } } }, 'preferences.defaultQueueView.pageSize'],
      [{ preferences: { defaultQueueView: { stateTypes: ['open', 'archived'] } } }, 'preferences.defaultQueueView.stateTypes.1'],
      [{ preferences: { articleOrder: 'random' } }, 'preferences.articleOrder'],
      [{ preferences: { defaultQueueView: { sort: 'colour' } } }, 'preferences.defaultQueueView.sort'],
    ])('invalid %j → 400 naming %s, nothing written', async (body, field) => {
      const { session } = await newAgent();
      const before = (await call(app, session.read, 'GET', '/api/v1/me')).body;
      const res = await call(app, session.write, 'PATCH', '/api/v1/me', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toContain(field);
      expect((await call(app, session.read, 'GET', '/api/v1/me')).body).toEqual(before);
    });

    it('unknown keys are refused, named in the message', async () => {
      const { session } = await newAgent();
      const res = await call(app, session.write, 'PATCH', '/api/v1/me', { language: 'de', isAdmin: true });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('isAdmin');
      const nested = await call(app, session.write, 'PATCH', '/api/v1/me', { preferences: { defaultQueueView: { colour: 'red' } } });
      expect(nested.status).toBe(400);
      expect(nested.body.error.message).toContain('colour');
      expect((await call(app, session.read, 'GET', '/api/v1/me')).body.language).toBe('en');
    });

    it('a default queue the agent cannot see is refused with the field named', async () => {
      const { session } = await newAgent();
      const res = await call(app, session.write, 'PATCH', '/api/v1/me', { preferences: { defaultQueueView: { queueId: hiddenQueue.id } } });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('preferences.defaultQueueView.queueId');
    });

    it('a cookie write without the CSRF token is refused', async () => {
      const { session } = await newAgent();
      expect((await call(app, session.read, 'PATCH', '/api/v1/me', { language: 'de' })).status).toBe(403);
    });
  });

  describe('POST /me/password', () => {
    it('changes the password: other sessions end, this one stays, old password no longer logs in', async () => {
      const { agent, session } = await newAgent();
      const other = await logIn(agent.login);
      expect((await call(app, other.read, 'GET', '/api/v1/me')).status).toBe(200);
      const res = await call(app, session.write, 'POST', '/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'new secret pass' });
      expect(res.status).toBe(204);
      expect((await call(app, session.read, 'GET', '/api/v1/me')).status).toBe(200);
      expect((await call(app, other.read, 'GET', '/api/v1/me')).status).toBe(401);
      expect((await logIn(agent.login, TEST_PASSWORD)).status).toBe(401);
      expect((await logIn(agent.login, 'new secret pass')).status).toBe(200);
      const hash = await t.ctx.db.selectFrom('agent').select('password_hash').where('id', '=', agent.agentId).executeTakeFirstOrThrow();
      expect(hash.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('a wrong current password is refused naming currentPassword; password and sessions unchanged', async () => {
      const { agent, session } = await newAgent();
      const other = await logIn(agent.login);
      const res = await call(app, session.write, 'POST', '/api/v1/me/password', { currentPassword: 'not my password', newPassword: 'new secret pass' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'currentPassword' });
      expect(res.body.error.message).toContain('currentPassword');
      expect((await call(app, other.read, 'GET', '/api/v1/me')).status).toBe(200);
      expect((await logIn(agent.login, TEST_PASSWORD)).status).toBe(200);
    });

    it('a too short new password is refused naming newPassword', async () => {
      const { session } = await newAgent();
      const res = await call(app, session.write, 'POST', '/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('newPassword');
    });
  });
});
