import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../server/core/auth/api-token.service.ts';
import { buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildQueue, system, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('sessions and API tokens on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let queue: { id: number; group_id: number };
  let login: string;
  let agentId: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx, { LOGIN_RATE_LIMIT: '3' });
    queue = await buildQueue(t.ctx);
    const agent = await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] });
    login = agent.login;
    agentId = agent.agentId;
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  async function logIn(password = TEST_PASSWORD) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login, password }, remoteAddress: '10.9.9.1' });
    return res;
  }

  it('login sets an HttpOnly SameSite=Strict cookie; writes need the CSRF token; logout ends the session', async () => {
    const res = await logIn();
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/tw_session=[^;]+/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const { csrfToken, agent } = res.json();
    expect(agent).toMatchObject({ id: agentId, login });
    expect(JSON.stringify(res.json())).not.toContain('password');
    const cookie = setCookie.split(';')[0] as string;

    const read = await call(app, { cookie }, 'GET', '/api/v1/tickets');
    expect(read.status).toBe(200);
    const noCsrf = await call(app, { cookie }, 'POST', '/api/v1/tickets', { title: 'x', queueId: queue.id });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.message).toContain('X-CSRF-Token');
    const withCsrf = await call(app, { cookie, 'x-csrf-token': csrfToken }, 'POST', '/api/v1/tickets', { title: 'VPN', queueId: queue.id });
    expect(withCsrf.status).toBe(201);
    const me = await call(app, { cookie }, 'GET', '/api/v1/session');
    expect(me.body.csrfToken).toBe(csrfToken);

    const out = await call(app, { cookie, 'x-csrf-token': csrfToken }, 'DELETE', '/api/v1/session');
    expect(out.status).toBe(204);
    expect((await call(app, { cookie }, 'GET', '/api/v1/tickets')).status).toBe(401);
  });

  it('a session ends after the idle time', async () => {
    const cookie = String((await logIn()).headers['set-cookie']).split(';')[0] as string;
    t.clock.advanceMinutes(13 * 60);
    const res = await call(app, { cookie }, 'GET', '/api/v1/tickets');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('wrong passwords get 401 with one message for any failure, then 429 after the limit', async () => {
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'nobody', password: 'whatever1' }, remoteAddress: '10.9.9.2' });
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login, password: 'wrong-password' }, remoteAddress: '10.9.9.2' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login, password: 'wrong-password' }, remoteAddress: '10.9.9.2' });
    await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login, password: 'wrong-password' }, remoteAddress: '10.9.9.2' });
    const limited = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login, password: TEST_PASSWORD }, remoteAddress: '10.9.9.2' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.json().error.message).toContain('Too many login attempts');
  });

  it('the login body is validated with the field named', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: '' }, remoteAddress: '10.9.9.3' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('login');
  });

  it('API tokens authenticate until revoked; only their hash is stored', async () => {
    const { token, apiToken } = await createApiToken(t.ctx, system, { agentId, name: 'reporting script' });
    const headers = { authorization: `Bearer ${token}` };
    expect((await call(app, headers, 'GET', '/api/v1/tickets')).status).toBe(200);
    // Bearer requests need no CSRF token: no browser sends them on its own.
    expect((await call(app, headers, 'POST', '/api/v1/tickets', { title: 'From a script', queueId: queue.id })).status).toBe(201);
    const stored = await t.ctx.db.selectFrom('api_token').select('token_hash').where('id', '=', apiToken.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(4));
    const list = await call(app, headers, 'GET', '/api/v1/api-tokens');
    expect(list.body.map((x: { name: string }) => x.name)).toContain('reporting script');
    expect(JSON.stringify(list.body)).not.toContain(token);
    const revoked = await call(app, headers, 'DELETE', `/api/v1/api-tokens/${apiToken.id}`);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await call(app, headers, 'GET', '/api/v1/tickets');
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain('revoked');
  });

  it('an agent cannot see or revoke another agent’s tokens', async () => {
    const other = await buildAgent(t.ctx);
    const { apiToken } = await createApiToken(t.ctx, system, { agentId: other.agentId, name: 'theirs' });
    const { token } = await createApiToken(t.ctx, system, { agentId, name: 'mine' });
    const headers = { authorization: `Bearer ${token}` };
    expect((await call(app, headers, 'DELETE', `/api/v1/api-tokens/${apiToken.id}`)).status).toBe(403);
    expect((await call(app, headers, 'GET', `/api/v1/api-tokens?agentId=${other.agentId}`)).status).toBe(403);
  });

  it('OpenAPI 3.1 describes the API and the interactive docs are served', async () => {
    const doc = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/session']));
    expect(spec.components.schemas.Ticket.properties.version).toBeDefined();
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('unknown routes answer 404 in the API error shape (401 before login, so routes are not probed)', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/nothing-here' })).statusCode).toBe(401);
    const { token } = await createApiToken(t.ctx, system, { agentId, name: 'probe' });
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('start page', () => {
  it('greets in German or English after the browser language', async () => {
    const t = await createTestDatabase('sqlite');
    const app = await buildTestApp(t.ctx);
    const de = await app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    expect(de.body).toContain('Ticketwerk läuft');
    const en = await app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'en-GB' } });
    expect(en.body).toContain('Ticketwerk is running');
    await app.close();
    await t.destroy();
  });
});
