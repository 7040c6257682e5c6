import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, countRows, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('customers API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let companyId: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx));
    companyId = (await call(app, admin, 'POST', '/api/v1/customer-companies', { customerId: 'FB03', name: 'Fachbereich Informatik', city: 'Berlin' })).body.id;
    const people = [
      ['lena.vogt', 'Lena', 'Vogt', companyId],
      ['jonas.weber', 'Jonas', 'Weber', companyId],
      ['mia.schulz', 'Mia', 'Schulz', null],
      ['ben_100', 'Ben', 'Hundert', null],
    ] as const;
    for (const [login, firstName, lastName, company] of people) {
      await call(app, admin, 'POST', '/api/v1/customer-users', { login, email: `${login}@student.uni-spree.de`, firstName, lastName, customerCompanyId: company });
    }
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const user = (login: string, extra: object = {}) => ({ login, email: `${login}@student.uni-spree.de`, firstName: 'Sam', lastName: 'Sommer', ...extra });
  const logins = (body: { items: { login: string }[] }) => body.items.map((u) => u.login);

  describe('customer companies', () => {
    it('admins create and change companies; any agent reads them', async () => {
      const created = await call(app, admin, 'POST', '/api/v1/customer-companies', { customerId: 'ZE-IT', name: 'Zentraleinrichtung IT', url: 'https://it.uni-spree.de' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ customerId: 'ZE-IT', street: null, isValid: true });
      expect((await call(app, admin, 'PATCH', `/api/v1/customer-companies/${created.body.id}`, { city: 'Berlin' })).body.city).toBe('Berlin');
      expect((await call(app, agent, 'GET', `/api/v1/customer-companies/${created.body.id}`)).body.name).toBe('Zentraleinrichtung IT');
      expect((await call(app, agent, 'GET', '/api/v1/customer-companies?search=informatik')).body).toMatchObject({ total: 1, items: [{ customerId: 'FB03' }] });
    });

    it('a company key taken in other case → 409 on customerId, on create and on change; nothing written', async () => {
      const before = await countRows(t.ctx, 'customer_company');
      const twice = await call(app, admin, 'POST', '/api/v1/customer-companies', { customerId: 'fb03', name: 'Twice' });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({ code: 'CONFLICT', field: 'customerId' });
      expect(await countRows(t.ctx, 'customer_company')).toBe(before);
      const other = (await call(app, admin, 'POST', '/api/v1/customer-companies', { customerId: 'FB04', name: 'Mathematik' })).body;
      const rename = await call(app, admin, 'PATCH', `/api/v1/customer-companies/${other.id}`, { customerId: 'Fb03' });
      expect(rename.status).toBe(409);
      expect(rename.body.error).toMatchObject({ code: 'CONFLICT', field: 'customerId' });
      expect((await call(app, agent, 'GET', `/api/v1/customer-companies/${other.id}`)).body.customerId).toBe('FB04');
    });

    it('an agent who is not an admin → 403 PERMISSION_DENIED, nothing written', async () => {
      const before = await countRows(t.ctx, 'customer_company');
      const refused = await call(app, agent, 'POST', '/api/v1/customer-companies', { customerId: 'X', name: 'X' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect((await call(app, agent, 'PATCH', `/api/v1/customer-companies/${companyId}`, { name: 'Hijacked' })).status).toBe(403);
      expect(await countRows(t.ctx, 'customer_company')).toBe(before);
      expect((await call(app, agent, 'GET', `/api/v1/customer-companies/${companyId}`)).body.name).toBe('Fachbereich Informatik');
    });
  });

  describe('POST /customer-users', () => {
    it('admin creates a customer user with a portal password; the hash is never returned', async () => {
      const created = await call(app, admin, 'POST', '/api/v1/customer-users', user('sam.sommer', { password: TEST_PASSWORD, language: 'en', phone: '+49 30 1234' }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ login: 'sam.sommer', language: 'en', phone: '+49 30 1234', customerCompanyId: null });
      expect(JSON.stringify(created.body)).not.toMatch(/password|hash/i);
    });

    it.each([
      ['a login taken in other case', user('LENA.VOGT'), 409, 'CONFLICT', 'login'],
      ['a bad email', user('x.bad', { email: 'nope' }), 400, 'VALIDATION_FAILED', 'email'],
      ['an unknown company', user('x.company', { customerCompanyId: 999_999 }), 400, 'VALIDATION_FAILED', 'customerCompanyId'],
      ['a blank first name', user('x.blank', { firstName: ' ' }), 400, 'VALIDATION_FAILED', 'firstName'],
      ['an unknown language', user('x.lang', { language: 'fr' }), 400, 'VALIDATION_FAILED', 'language'],
      ['a login with spaces', user('x bad'), 400, 'VALIDATION_FAILED', 'login'],
    ])('%s → %i %s on %s, nothing written', async (_case, body, status, code, field) => {
      const before = await countRows(t.ctx, 'customer_user');
      const response = await call(app, admin, 'POST', '/api/v1/customer-users', body);
      expect(response.status).toBe(status);
      expect(response.body.error).toMatchObject({ code, field });
      expect(await countRows(t.ctx, 'customer_user')).toBe(before);
    });

    it('an agent who is not an admin → 403 PERMISSION_DENIED, nothing written', async () => {
      const before = await countRows(t.ctx, 'customer_user');
      const refused = await call(app, agent, 'POST', '/api/v1/customer-users', user('x.agent'));
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PERMISSION_DENIED');
      expect(await countRows(t.ctx, 'customer_user')).toBe(before);
    });
  });

  describe('GET /customer-users', () => {
    it('any agent searches case-insensitively in login, email, first and last name', async () => {
      expect(logins((await call(app, agent, 'GET', '/api/v1/customer-users?search=VOGT')).body)).toEqual(['lena.vogt']);
      expect(logins((await call(app, agent, 'GET', '/api/v1/customer-users?search=jonas')).body)).toEqual(['jonas.weber']);
      expect(logins((await call(app, agent, 'GET', '/api/v1/customer-users?search=MIA.SCHULZ%40STUDENT')).body)).toEqual(['mia.schulz']);
      expect((await call(app, agent, 'GET', '/api/v1/customer-users?search=nobody-here')).body).toEqual({ items: [], total: 0 });
    });

    it('search text is matched literally: % and _ are not wildcards', async () => {
      expect(logins((await call(app, agent, 'GET', '/api/v1/customer-users?search=ben_1')).body)).toEqual(['ben_100']);
      expect(logins((await call(app, agent, 'GET', '/api/v1/customer-users?search=n_1')).body)).toEqual(['ben_100']);
      expect((await call(app, agent, 'GET', '/api/v1/customer-users?search=%25')).body.total).toBe(0);
      expect((await call(app, agent, 'GET', '/api/v1/customer-users?search=l_na')).body.total).toBe(0);
      expect((await call(app, agent, 'GET', '/api/v1/customer-users?search=student.uni-spree.de&customerCompanyId=' + companyId)).body.total).toBe(2);
    });

    it('pages with limit and offset and reports the total; a bad limit → 400 on limit', async () => {
      const first = (await call(app, agent, 'GET', '/api/v1/customer-users?search=uni-spree&limit=2&offset=0')).body;
      const rest = (await call(app, agent, 'GET', '/api/v1/customer-users?search=uni-spree&limit=2&offset=2')).body;
      expect(first.items).toHaveLength(2);
      expect(first.total).toBe(rest.total);
      expect(new Set([...logins(first), ...logins(rest)]).size).toBe(Math.min(4, first.total));
      const bad = await call(app, agent, 'GET', '/api/v1/customer-users?limit=0');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'limit' });
    });
  });

  describe('PATCH /customer-users/:id', () => {
    it('admin changes language, phone and company; a bad email → 400 and nothing changes', async () => {
      const target = (await call(app, agent, 'GET', '/api/v1/customer-users?search=mia.schulz')).body.items[0];
      const changed = await call(app, admin, 'PATCH', `/api/v1/customer-users/${target.id}`, { language: 'en', phone: '+49 30 5678', customerCompanyId: companyId });
      expect(changed.body).toMatchObject({ language: 'en', phone: '+49 30 5678', customerCompanyId: companyId });
      const bad = await call(app, admin, 'PATCH', `/api/v1/customer-users/${target.id}`, { email: 'broken', phone: '000' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
      const badCompany = await call(app, admin, 'PATCH', `/api/v1/customer-users/${target.id}`, { customerCompanyId: 999_999 });
      expect(badCompany.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'customerCompanyId' });
      expect((await call(app, agent, 'GET', `/api/v1/customer-users/${target.id}`)).body).toMatchObject({ phone: '+49 30 5678', email: 'mia.schulz@student.uni-spree.de', customerCompanyId: companyId });
      expect((await call(app, admin, 'PATCH', `/api/v1/customer-users/${target.id}`, { login: 'renamed' })).status).toBe(400);
      expect((await call(app, agent, 'PATCH', `/api/v1/customer-users/${target.id}`, { phone: '1' })).status).toBe(403);
      expect((await call(app, agent, 'GET', '/api/v1/customer-users/999999')).status).toBe(404);
    });
  });
});
