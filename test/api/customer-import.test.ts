import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomer, countRows, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const sample = readFileSync(new URL('../fixtures/customers.csv', import.meta.url), 'utf8');

describe.each(dialects)('customer users from CSV on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: { authorization: string };
  let agent: { authorization: string };

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

  const importCsv = (csv: string, dryRun?: boolean, headers = admin) => call(app, headers, 'POST', '/api/v1/customer-users/import', { csv, ...(dryRun !== undefined ? { dryRun } : {}) });
  const user = (login: string) =>
    t.ctx.db
      .selectFrom('customer_user as cu')
      .leftJoin('customer_company as cc', 'cc.id', 'cu.customer_company_id')
      .select(['cu.id', 'cu.email', 'cu.first_name', 'cu.last_name', 'cu.phone', 'cu.language', 'cc.customer_id as company_key', 'cc.name as company_name'])
      .where('cu.login', '=', login)
      .executeTakeFirst();
  const signIn = (login: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { login, password }, remoteAddress: '10.30.0.1' });

  describe('POST /customer-users/import', () => {
    it('imports the sample export (BOM, semicolons, CRLF): new logins created, an existing login updated, companies found by key or created', async () => {
      const existing = await buildCustomer(t.ctx, { login: 'lena.vogt', password: TEST_PASSWORD });
      const now = t.clock.now().toISOString();
      await t.ctx.db.insertInto('customer_company').values({ customer_id: 'FB03', name: 'Fachbereich 03 Informatik', street: null, zip: null, city: null, country: null, url: null, comment: null, created_at: now, changed_at: now }).execute();

      const res = await importCsv(sample);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 7, updated: 1, companiesCreated: 3, failed: [], dryRun: false });

      expect(await user('lena.vogt')).toMatchObject({ id: existing.id, email: 'lena.vogt@student.uni-spree.de', first_name: 'Lena', last_name: 'Vogt', company_name: 'Studierende' });
      // No password in her row: she keeps hers.
      expect((await signIn('lena.vogt', TEST_PASSWORD)).statusCode).toBe(200);
      expect((await signIn('jonas.albers@student.uni-spree.de', 'Semesterstart-2026')).statusCode).toBe(200);
      expect(await user('m.oezdemir')).toMatchObject({ last_name: 'Özdemir', phone: '+49 30 8385-4411', company_key: 'FB03', company_name: 'Fachbereich 03 Informatik' });
      expect(await user('s.brandt')).toMatchObject({ company_name: 'Zentrale Universitätsverwaltung; Personalabteilung' });
      expect(await user('a.nowak')).toMatchObject({ language: 'en' });
      expect(await user('t.yilmaz')).toMatchObject({ last_name: 'Yılmaz', language: 'de' });

      const again = await importCsv(sample);
      expect(again.body).toMatchObject({ created: 0, updated: 8, companiesCreated: 0, failed: [] });
    });

    it('reports a bad row with its line and column and skips it whole while the good rows import', async () => {
      const csv = [
        'login,email,first_name,last_name,company,language',
        'p.hartmann,paula.hartmann@uni-spree.de,Paula,Hartmann,Institut für Physik,de',
        'r.costa,rafael.costa(at)uni-spree.de,Rafael,Costa,Neues Institut,en',
        'e.lindqvist,erik.lindqvist@uni-spree.de,Erik,Lindqvist,,fr',
        'broken,row',
        '"f.bauer","franziska.bauer@uni-spree.de","Franziska","Bauer, geb. Klein",Institut für Physik,en',
      ].join('\n');
      const companiesBefore = await countRows(t.ctx, 'customer_company');
      const res = await importCsv(csv);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 2, updated: 0, companiesCreated: 1 });
      expect(res.body.failed).toEqual([
        { line: 3, field: 'email', message: 'line 3, email: is not an email address' },
        { line: 4, field: 'language', message: 'line 4, language: must be one of de, en' },
        { line: 5, field: null, message: expect.stringMatching(/^line 5 has 2 cells, the header has 6/) },
      ]);
      expect(await user('p.hartmann')).toMatchObject({ company_name: 'Institut für Physik' });
      expect(await user('f.bauer')).toMatchObject({ last_name: 'Bauer, geb. Klein', company_name: 'Institut für Physik' });
      expect(await user('r.costa')).toBeUndefined();
      expect(await user('e.lindqvist')).toBeUndefined();
      // The failed row's new company was not created either.
      expect(await countRows(t.ctx, 'customer_company')).toBe(companiesBefore + 1);
    });

    it('a dry run reports what would happen and changes nothing', async () => {
      const csv = 'login;email;first_name;last_name;company\nh.schmidt;h.schmidt@uni-spree.de;Hanna;Schmidt;Sprachenzentrum\np.hartmann;paula.hartmann@uni-spree.de;Paula;Hartmann-Ries;\n';
      const users = await countRows(t.ctx, 'customer_user');
      const companies = await countRows(t.ctx, 'customer_company');
      const res = await importCsv(csv, true);
      expect(res.body).toEqual({ created: 1, updated: 1, companiesCreated: 1, failed: [], dryRun: true });
      expect(await countRows(t.ctx, 'customer_user')).toBe(users);
      expect(await countRows(t.ctx, 'customer_company')).toBe(companies);
      expect(await user('p.hartmann')).toMatchObject({ last_name: 'Hartmann' });
    });

    it('refuses a file with a missing column as a whole, naming the header line', async () => {
      const res = await importCsv('login;email;last_name\nx;x@uni-spree.de;X\n');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'csv', message: expect.stringContaining('line 1: missing column first_name') });
    });

    it('is for admins only: another agent gets 403 and nothing is imported', async () => {
      const users = await countRows(t.ctx, 'customer_user');
      const res = await importCsv('login;email;first_name;last_name\nz.neu;z.neu@uni-spree.de;Zoe;Neu\n', false, agent);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('PERMISSION_DENIED');
      expect(await countRows(t.ctx, 'customer_user')).toBe(users);
    });
  });

  describe('PATCH /customer-companies/:id isPortalCompanyTickets', () => {
    it("an admin lets a company's customer users see each other's tickets; other agents may not", async () => {
      const colleague = await buildCustomer(t.ctx, { password: TEST_PASSWORD });
      const seesCompany = async () => (await signIn(colleague.login, TEST_PASSWORD)).json().customer.seesCompanyTickets;
      expect(await seesCompany()).toBe(false);
      expect((await call(app, admin, 'GET', `/api/v1/customer-companies/${colleague.companyId}`)).body.isPortalCompanyTickets).toBe(false);

      expect((await call(app, agent, 'PATCH', `/api/v1/customer-companies/${colleague.companyId}`, { isPortalCompanyTickets: true })).status).toBe(403);
      const res = await call(app, admin, 'PATCH', `/api/v1/customer-companies/${colleague.companyId}`, { isPortalCompanyTickets: true });
      expect(res.status).toBe(200);
      expect(res.body.isPortalCompanyTickets).toBe(true);
      expect(await seesCompany()).toBe(true);

      const created = await call(app, admin, 'POST', '/api/v1/customer-companies', { customerId: 'ZIT', name: 'Zentrum für IT', isPortalCompanyTickets: true });
      expect(created.body).toMatchObject({ customerId: 'ZIT', isPortalCompanyTickets: true });
    });
  });
});
