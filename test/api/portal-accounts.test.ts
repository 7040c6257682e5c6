import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call } from '../support/api-client.ts';
import { buildCustomer, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const PUBLIC_URL = 'https://helpdesk.uni-spree.de';

describe.each(dialects)('customer accounts in the portal on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let closedApp: FastifyInstance;
  let ipCounter = 0;
  /** A fresh client address per request: the per-IP limits are tested on their own. */
  const nextIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    closedApp = await buildTestApp(t.ctx);
    app = await buildTestApp(t.ctx, {
      PORTAL_SELF_REGISTRATION: 'true',
      PORTAL_REGISTRATION_DOMAINS: 'uni-spree.de,student.uni-spree.de',
      PUBLIC_URL: `${PUBLIC_URL}/`,
      PORTAL_RATE_LIMIT: '5',
    });
  });
  afterAll(async () => {
    await app.close();
    await closedApp.close();
    await t.destroy();
  });

  async function post(url: string, payload: unknown, target = app, ip = nextIp()) {
    const res = await target.inject({ method: 'POST', url: `/api/v1/portal${url}`, payload: payload as object, remoteAddress: ip });
    return { status: res.statusCode, body: res.body ? res.json() : undefined, cookie: String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '' };
  }

  const signIn = (login: string, password: string) => post('/session', { login, password });

  async function mailsTo(address: string) {
    return t.ctx.db.selectFrom('outbox_mail').select(['to_address', 'subject', 'body_text', 'headers']).where('to_address', '=', address).orderBy('id').execute();
  }

  function tokenIn(text: string, page: 'confirm' | 'reset-password'): string {
    const match = new RegExp(`^${PUBLIC_URL}/customer/${page}\\?token=([A-Za-z0-9_-]+)$`, 'm').exec(text);
    if (!match?.[1]) throw new Error(`no ${page} link in:\n${text}`);
    return match[1];
  }

  describe('GET /portal/settings', () => {
    it('tells the sign-in page whether registration is open and for which domains', async () => {
      expect((await call(closedApp, {}, 'GET', '/api/v1/portal/settings')).body).toEqual({ selfRegistration: false, registrationDomains: [] });
      expect((await call(app, {}, 'GET', '/api/v1/portal/settings')).body).toEqual({ selfRegistration: true, registrationDomains: ['uni-spree.de', 'student.uni-spree.de'] });
    });
  });

  describe('POST /portal/registration', () => {
    const registration = (email: string, language: 'de' | 'en' = 'de') => ({ email, firstName: 'Lena', lastName: 'Vogt', password: 'semester-start-2026', language });

    it('answers 403 REGISTRATION_DISABLED while an admin has not allowed it, and creates nothing', async () => {
      const res = await post('/registration', registration('l.vogt@student.uni-spree.de'), closedApp);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('REGISTRATION_DISABLED');
      expect(await t.ctx.db.selectFrom('customer_user').select('id').where('email', '=', 'l.vogt@student.uni-spree.de').execute()).toHaveLength(0);
      expect(await mailsTo('l.vogt@student.uni-spree.de')).toHaveLength(0);
    });

    it('mails a working confirmation link; sign-in fails before confirming and the link signs the customer in', async () => {
      const email = 'Jonas.Albers@student.uni-spree.de';
      const res = await post('/registration', { ...registration(email, 'en'), firstName: 'Jonas', lastName: 'Albers' });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({});

      const [mail, ...more] = await mailsTo(email);
      expect(more).toHaveLength(0);
      expect(mail?.subject).toBe('Please confirm your e-mail address');
      expect(mail?.body_text).toContain('Dear Jonas Albers');
      expect(JSON.parse(mail?.headers ?? '{}')['Auto-Submitted']).toBe('auto-generated');
      const token = tokenIn(mail?.body_text ?? '', 'confirm');

      expect((await signIn(email, 'semester-start-2026')).status).toBe(401);

      const confirmed = await post('/registration/confirm', { token });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.customer).toMatchObject({ login: email.toLowerCase(), email, firstName: 'Jonas', lastName: 'Albers', language: 'en', company: null });
      expect(confirmed.cookie).toMatch(/^tw_customer_session=.+/);
      expect((await call(app, { cookie: confirmed.cookie }, 'GET', '/api/v1/portal/session')).body.customer.email).toBe(email);
      expect((await signIn(email, 'semester-start-2026')).status).toBe(200);

      const again = await post('/registration/confirm', { token });
      expect(again.status).toBe(400);
      expect(again.body.error.code).toBe('TOKEN_INVALID');
    });

    it('mails in the language the customer chose', async () => {
      expect((await post('/registration', registration('l.vogt@uni-spree.de', 'de'))).status).toBe(202);
      const [mail] = await mailsTo('l.vogt@uni-spree.de');
      expect(mail?.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
      expect(mail?.body_text).toContain('Guten Tag Lena Vogt');
    });

    it('refuses addresses outside the allowed domains with 400 on field email; subdomains are not implied', async () => {
      for (const email of ['lena.vogt@gmail.com', 'lena.vogt@mail.uni-spree.de']) {
        const res = await post('/registration', registration(email));
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
        expect(await mailsTo(email)).toHaveLength(0);
      }
    });

    it('refuses a short password on field password', async () => {
      const res = await post('/registration', { ...registration('kurz@uni-spree.de'), password: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('password');
    });

    it('re-registering an existing address answers the same but mails a note, not a new account', async () => {
      const existing = await buildCustomer(t.ctx, { password: TEST_PASSWORD, language: 'en' });
      const usersBefore = await t.ctx.db.selectFrom('customer_user').select('id').execute();
      const res = await post('/registration', { ...registration(existing.email), password: 'attacker-chosen-pw' });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({});
      expect(await t.ctx.db.selectFrom('customer_user').select('id').execute()).toHaveLength(usersBefore.length);
      const [note] = await mailsTo(existing.email);
      expect(note?.subject).toBe('Registration with your e-mail address');
      expect(note?.body_text).toContain('someone tried to register with your e-mail address');
      expect(note?.body_text).not.toMatch(/token=/);
      expect((await signIn(existing.login, TEST_PASSWORD)).status).toBe(200);
      expect((await signIn(existing.email, 'attacker-chosen-pw')).status).toBe(401);
    });

    it.runIf(dialect === 'postgres')('an address registered by another request at the same moment answers 202, not 500, and makes one account', async () => {
      const address = 'doppelklick@student.uni-spree.de';
      // The other request's account is written but not yet committed when this one inserts.
      const other = new pg.Client({ connectionString: t.databaseUrl });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(
          `INSERT INTO customer_user (login, email, first_name, last_name, password_hash, language, is_valid, created_at, changed_at)
           VALUES ($1, $1, 'Lena', 'Vogt', 'x', 'de', false, now(), now())`,
          [address],
        );
        const answer = post('/registration', registration(address));
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await other.query('COMMIT');
        expect((await answer).status).toBe(202);
      } finally {
        await other.end();
      }
      expect(await t.ctx.db.selectFrom('customer_user').select('id').where('email', '=', address).execute()).toHaveLength(1);
      expect((await mailsTo(address)).map((m) => m.subject)).toEqual(['Registrierung mit Ihrer E-Mail-Adresse']);
    });
  });

  describe('password reset', () => {
    it('mails a link; the new password works, the old one and all old sessions end, the link works once', async () => {
      const customer = await buildCustomer(t.ctx, { password: TEST_PASSWORD });
      const oldSession = await signIn(customer.login, TEST_PASSWORD);
      expect(oldSession.status).toBe(200);

      const res = await post('/password-reset', { email: customer.email.toUpperCase() });
      expect(res.status).toBe(202);
      const [mail] = await mailsTo(customer.email);
      expect(mail?.subject).toBe('Passwort zurücksetzen');
      const token = tokenIn(mail?.body_text ?? '', 'reset-password');

      const done = await post('/password-reset/confirm', { token, password: 'new-password-2026' });
      expect(done.status).toBe(204);
      expect((await signIn(customer.login, TEST_PASSWORD)).status).toBe(401);
      expect((await signIn(customer.login, 'new-password-2026')).status).toBe(200);
      expect((await call(app, { cookie: oldSession.cookie }, 'GET', '/api/v1/portal/session')).status).toBe(401);

      const twice = await post('/password-reset/confirm', { token, password: 'third-password-2026' });
      expect(twice.status).toBe(400);
      expect(twice.body.error.code).toBe('TOKEN_INVALID');
      expect((await signIn(customer.login, 'new-password-2026')).status).toBe(200);
    });

    it('answers 202 for an unknown address and mails nobody', async () => {
      const before = await t.ctx.db.selectFrom('outbox_mail').select('id').execute();
      expect((await post('/password-reset', { email: 'niemand@uni-spree.de' })).status).toBe(202);
      expect(await t.ctx.db.selectFrom('outbox_mail').select('id').execute()).toHaveLength(before.length);
    });

    it('refuses an expired link and every link but the newest', async () => {
      const customer = await buildCustomer(t.ctx, { password: TEST_PASSWORD });
      await post('/password-reset', { email: customer.email });
      const first = tokenIn((await mailsTo(customer.email))[0]?.body_text ?? '', 'reset-password');
      t.clock.advanceMinutes(61);
      const expired = await post('/password-reset/confirm', { token: first, password: 'new-password-2026' });
      expect(expired.status).toBe(400);
      expect(expired.body.error.code).toBe('TOKEN_INVALID');

      await post('/password-reset', { email: customer.email });
      await post('/password-reset', { email: customer.email });
      const [, second, third] = (await mailsTo(customer.email)).map((m) => tokenIn(m.body_text, 'reset-password'));
      expect((await post('/password-reset/confirm', { token: second, password: 'new-password-2026' })).body.error.code).toBe('TOKEN_INVALID');
      expect((await post('/password-reset/confirm', { token: third, password: 'new-password-2026' })).status).toBe(204);
      expect((await signIn(customer.login, TEST_PASSWORD)).status).toBe(401);
    });

    it('sends at most 3 mails per address and hour, answering 202 all the same', async () => {
      const customer = await buildCustomer(t.ctx, { password: TEST_PASSWORD });
      for (let i = 0; i < 5; i++) expect((await post('/password-reset', { email: customer.email })).status).toBe(202);
      expect(await mailsTo(customer.email)).toHaveLength(3);
      t.clock.advanceMinutes(61);
      await post('/password-reset', { email: customer.email });
      expect(await mailsTo(customer.email)).toHaveLength(4);
    });
  });

  describe('own profile and password', () => {
    async function session(login: string, password = TEST_PASSWORD) {
      const res = await signIn(login, password);
      return { cookie: res.cookie, 'x-csrf-token': res.body.csrfToken as string };
    }

    it('PATCH /portal/me changes name, phone and language and answers the new profile', async () => {
      const customer = await buildCustomer(t.ctx, { password: TEST_PASSWORD, language: 'de' });
      const headers = await session(customer.login);
      const res = await call(app, headers, 'PATCH', '/api/v1/portal/me', { firstName: 'Mira', lastName: 'Okafor', phone: '+49 30 1234-567', language: 'en' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: customer.id, firstName: 'Mira', lastName: 'Okafor', phone: '+49 30 1234-567', language: 'en', email: customer.email });
      expect((await call(app, headers, 'GET', '/api/v1/portal/session')).body.customer).toMatchObject({ firstName: 'Mira', language: 'en' });

      const empty = await call(app, headers, 'PATCH', '/api/v1/portal/me', { firstName: '  ' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.field).toBe('firstName');
      const email = await call(app, headers, 'PATCH', '/api/v1/portal/me', { email: 'other@uni-spree.de' });
      expect(email.status).toBe(400);
      expect((await call(app, { cookie: headers.cookie }, 'PATCH', '/api/v1/portal/me', { firstName: 'Nope' })).status).toBe(403);
      expect((await call(app, headers, 'GET', '/api/v1/portal/session')).body.customer.firstName).toBe('Mira');
    });

    it('POST /portal/me/password checks the current password and ends the other sessions only', async () => {
      const customer = await buildCustomer(t.ctx, { password: TEST_PASSWORD });
      const here = await session(customer.login);
      const elsewhere = await session(customer.login);

      const wrong = await call(app, here, 'POST', '/api/v1/portal/me/password', { currentPassword: 'not-it-at-all', newPassword: 'changed-password-1' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.field).toBe('currentPassword');
      const short = await call(app, here, 'POST', '/api/v1/portal/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
      expect(short.body.error.field).toBe('newPassword');

      expect((await call(app, here, 'POST', '/api/v1/portal/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'changed-password-1' })).status).toBe(204);
      expect((await call(app, here, 'GET', '/api/v1/portal/session')).status).toBe(200);
      expect((await call(app, elsewhere, 'GET', '/api/v1/portal/session')).status).toBe(401);
      expect((await signIn(customer.login, TEST_PASSWORD)).status).toBe(401);
      expect((await signIn(customer.login, 'changed-password-1')).status).toBe(200);
    });
  });

  it('public account endpoints are rate-limited per IP address with a clear 429', async () => {
    const ip = '10.99.0.1';
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await post('/password-reset', { email: `someone-${i}@uni-spree.de` }, app, ip);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(last?.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(last?.body.error.message).toMatch(/Too many requests from your network; try again in \d+ minutes/);
    // Another address is not held back.
    expect((await post('/password-reset', { email: 'someone@uni-spree.de' }, app, '10.99.0.2')).status).toBe(202);
  });
});
