import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomer, buildQueue, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('portal sessions on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let customer: { id: number; login: string; email: string };
  let agentLogin: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx, { LOGIN_RATE_LIMIT: '3' });
    customer = await buildCustomer(t.ctx, { password: TEST_PASSWORD });
    const queue = await buildQueue(t.ctx);
    agentLogin = (await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] })).login;
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  async function signIn(login: string, password = TEST_PASSWORD, ip = '10.8.0.1') {
    return app.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { login, password }, remoteAddress: ip });
  }

  it('a customer signs in with login or e-mail address and gets an HttpOnly SameSite=Strict cookie of their own', async () => {
    for (const name of [customer.login, customer.email.toUpperCase()]) {
      const res = await signIn(name);
      expect(res.statusCode).toBe(200);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/tw_customer_session=[^;]+/);
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Strict');
      expect(res.json().customer).toMatchObject({ id: customer.id, email: customer.email, seesCompanyTickets: false });
      expect(res.body).not.toContain('password');
    }
  });

  it('a wrong password gets the same answer as an unknown login', async () => {
    const wrong = await signIn(customer.login, 'not the password', '10.8.0.2');
    const unknown = await signIn('nobody-here', 'not the password', '10.8.0.3');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
  });

  it('customer and agent credentials each open only their own API', async () => {
    const customerCookie = String((await signIn(customer.login)).headers['set-cookie']).split(';')[0] as string;
    expect((await call(app, { cookie: customerCookie }, 'GET', '/api/v1/portal/session')).status).toBe(200);
    expect((await call(app, { cookie: customerCookie }, 'GET', '/api/v1/tickets')).status).toBe(401);
    expect((await call(app, { cookie: customerCookie }, 'GET', '/api/v1/session')).status).toBe(401);

    const agent = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: agentLogin, password: TEST_PASSWORD }, remoteAddress: '10.8.0.4' });
    const agentCookie = String(agent.headers['set-cookie']).split(';')[0] as string;
    expect((await call(app, { cookie: agentCookie }, 'GET', '/api/v1/tickets')).status).toBe(200);
    expect((await call(app, { cookie: agentCookie }, 'GET', '/api/v1/portal/session')).status).toBe(401);
  });

  it('sign-out needs no CSRF token but ends the session; writes otherwise need it', async () => {
    const res = await signIn(customer.login);
    const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
    const me = await call(app, { cookie }, 'GET', '/api/v1/portal/session');
    expect(me.body.csrfToken).toBe(res.json().csrfToken);
    expect((await call(app, { cookie }, 'DELETE', '/api/v1/portal/session')).status).toBe(204);
    expect((await call(app, { cookie }, 'GET', '/api/v1/portal/session')).status).toBe(401);
  });

  it('sign-in attempts are rate-limited per login and address with a clear message', async () => {
    let last = await signIn(customer.login, 'guess-1', '10.8.0.9');
    for (let i = 2; i <= 4; i++) last = await signIn(customer.login, `guess-${i}`, '10.8.0.9');
    expect(last.statusCode).toBe(429);
    expect(last.json().error.message).toMatch(/Too many sign-in attempts/);
  });
});
