import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveRawMail } from '../../server/core/mail-intake/raw-mail.service.ts';
import { isTrustedSmtpClient } from '../../server/core/postmaster/trusted-client.service.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomField, buildQueue } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const PASSWORD_REGEX = 'passwor(t|d) vergessen|forgot.*password';

describe.each(dialects)('postmaster filters API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let password: { id: number; full_name: string; group_id: number };
  let secondLevel: { id: number; full_name: string; group_id: number };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    password = await buildQueue(t.ctx, { name: 'Password' });
    const desk = await buildQueue(t.ctx, { name: 'Service Desk' });
    secondLevel = await buildQueue(t.ctx, { name: '2nd Level', parent: desk });
    await buildCustomField(t.ctx, { name: 'Campus', fieldType: 'dropdown', options: ['Nord', 'Süd'] });
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: password.group_id, kinds: ['rw'] }] }));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const count = async (table: 'postmaster_filter' | 'postmaster_trusted_client' | 'raw_mail' | 'ticket') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rule = (header: string, value: string, isRegex = false, negate = false) => ({ header, value, isRegex, negate });

  describe('POST/GET/PUT/DELETE /postmaster-filters', () => {
    it('creates, lists in run order, reads, replaces and deletes a filter', async () => {
      const created = await call(app, admin, 'POST', '/api/v1/postmaster-filters', {
        name: 'Password reset',
        position: 10,
        match: [rule('Subject', PASSWORD_REGEX, true), rule('X-Spam-Flag', 'yes', false, true)],
        newTicket: { queueId: password.id, priorityId: 4, title: 'Password: [***]', customFields: { Campus: 'Nord' } },
        followUp: { stateId: 4 },
        stopAfterMatch: true,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Password reset', position: 10, isValid: true, ignore: false, stopAfterMatch: true, newTicket: { queueId: password.id, title: 'Password: [***]' } });
      const early = await call(app, admin, 'POST', '/api/v1/postmaster-filters', { name: 'Spam', position: 1, ignore: true, match: [rule('X-Spam-Flag', 'yes')] });
      expect(early.status).toBe(201);

      const list = await call(app, admin, 'GET', '/api/v1/postmaster-filters');
      // "Fax gateway" is the filter every desk starts with (position 0).
      expect(list.body.map((f: { name: string }) => f.name)).toEqual(['Fax gateway', 'Spam', 'Password reset']);

      const replaced = await call(app, admin, 'PUT', `/api/v1/postmaster-filters/${created.body.id}`, { name: 'Password reset', match: [rule('Body', 'passwort')], isValid: false });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ position: 0, isValid: false, newTicket: {}, followUp: {}, match: [rule('Body', 'passwort')] });
      expect((await call(app, admin, 'GET', `/api/v1/postmaster-filters/${created.body.id}`)).body.isValid).toBe(false);

      expect((await call(app, admin, 'DELETE', `/api/v1/postmaster-filters/${created.body.id}`)).status).toBe(204);
      expect((await call(app, admin, 'GET', `/api/v1/postmaster-filters/${created.body.id}`)).status).toBe(404);
      expect((await call(app, admin, 'DELETE', `/api/v1/postmaster-filters/${early.body.id}`)).status).toBe(204);
    });

    it.each([
      ['a bad regex', { match: [rule('From', 'a'), rule('To', 'b'), rule('Subject', 'foo(', true)] }, 'match.2.value', /not a valid regular expression/],
      ['a nested quantifier', { match: [rule('Body', '(\\w+\\s?)*$', true)] }, 'match.0.value', /repeats/],
      ['a header name with a colon', { match: [rule('Subject:', 'x')] }, 'match.0.header', /header name/],
      ['no rule', { match: [] }, 'match', /./],
      ['an unknown queue', { match: [rule('From', 'x')], newTicket: { queueId: 999_999 } }, 'newTicket.queueId', /queue 999999 does not exist/],
      ['an unknown custom field', { match: [rule('From', 'x')], followUp: { customFields: { Shoe: '42' } } }, 'followUp.customFields.Shoe', /no such/],
      ['a value the dropdown does not offer', { match: [rule('From', 'x')], newTicket: { customFields: { Campus: 'Mitte' } } }, 'newTicket.customFields.Campus', /one of: Nord, Süd/],
      ['a misspelt set key', { match: [rule('From', 'x')], newTicket: { queue: 'Password' } }, 'newTicket', /./],
    ])('rejects %s → 400 naming the field, nothing stored', async (_what, body, field, message) => {
      const before = await count('postmaster_filter');
      const res = await call(app, admin, 'POST', '/api/v1/postmaster-filters', { name: 'Broken', ...body });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(res.body.error.message).toMatch(message);
      expect(await count('postmaster_filter')).toBe(before);
    });

    it('rejects an invalid queue and a duplicate name (409)', async () => {
      const closed = await buildQueue(t.ctx, { name: 'Closed Desk' });
      await t.ctx.db.updateTable('queue').set({ is_valid: false }).where('id', '=', closed.id).execute();
      const invalidQueue = await call(app, admin, 'POST', '/api/v1/postmaster-filters', { name: 'To closed', match: [rule('From', 'x')], newTicket: { queueId: closed.id } });
      expect(invalidQueue.body.error).toMatchObject({ field: 'newTicket.queueId', message: 'newTicket.queueId: queue "Closed Desk" is not valid' });
      expect((await call(app, admin, 'POST', '/api/v1/postmaster-filters', { name: 'Unique', match: [rule('From', 'x')] })).status).toBe(201);
      const twin = await call(app, admin, 'POST', '/api/v1/postmaster-filters', { name: 'Unique', match: [rule('From', 'y')] });
      expect(twin.status).toBe(409);
      expect(twin.body.error).toMatchObject({ code: 'CONFLICT', field: 'name' });
    });

    it('agents who are not admins get 403 and change nothing', async () => {
      const before = await count('postmaster_filter');
      expect((await call(app, agent, 'GET', '/api/v1/postmaster-filters')).status).toBe(403);
      const res = await call(app, agent, 'POST', '/api/v1/postmaster-filters', { name: 'Sneaky', match: [rule('From', 'x')] });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('PERMISSION_DENIED');
      expect((await call(app, agent, 'POST', '/api/v1/postmaster-filters/dry-run', { raw: 'From: a@b.de\n\nx' })).status).toBe(403);
      expect((await call(app, agent, 'POST', '/api/v1/postmaster-trusted-clients', { address: '10.0.0.1' })).status).toBe(403);
      expect(await count('postmaster_filter')).toBe(before);
    });
  });

  describe('POST /postmaster-filters/dry-run', () => {
    beforeAll(async () => {
      await call(app, admin, 'POST', '/api/v1/postmaster-filters', { name: '10 password body', position: 10, match: [rule('Body', PASSWORD_REGEX, true)], newTicket: { queueId: password.id } });
      await call(app, admin, 'POST', '/api/v1/postmaster-filters', { name: '11 password subject', position: 10, match: [rule('Subject', PASSWORD_REGEX, true)], newTicket: { queueId: password.id, priorityId: 4 } });
      await call(app, admin, 'POST', '/api/v1/postmaster-filters', { name: '20 staff', position: 20, match: [rule('From', '@student.', false, true), rule('Subject', 'urgent')], newTicket: { priorityId: 5 } });
    });

    it('shows for a pasted German mail which filters matched, which rule failed, and the queue by name; writes nothing', async () => {
      const before = { raw: await count('raw_mail'), tickets: await count('ticket') };
      const raw = 'From: Lena Schulz <lena@student.uni-spree.de>\nTo: support@uni-spree.de\nSubject: Hilfe beim Login\nContent-Type: text/plain; charset=utf-8\n\nHallo, ich habe mein Passwort vergessen.\n';
      const res = await call(app, admin, 'POST', '/api/v1/postmaster-filters/dry-run', { raw });
      expect(res.status).toBe(200);
      expect(res.body.mail).toEqual({ from: 'lena@student.uni-spree.de', to: ['support@uni-spree.de'], subject: 'Hilfe beim Login', messageId: null });
      const byName = Object.fromEntries(res.body.filters.map((f: { name: string }) => [f.name, f]));
      expect(byName['10 password body']).toMatchObject({ status: 'matched', failedRule: null });
      expect(byName['11 password subject']).toMatchObject({ status: 'not_matched', failedRule: { index: 0, header: 'Subject' } });
      expect(byName['20 staff']).toMatchObject({ status: 'not_matched', failedRule: { index: 0, header: 'From', negate: true } });
      expect(res.body).toMatchObject({ ignore: false, isAutoGenerated: false, trusted: false, newTicket: { queue: { id: password.id, name: 'Password' } }, followUp: {} });
      expect({ raw: await count('raw_mail'), tickets: await count('ticket') }).toEqual(before);
    });

    it('an English mail matches by subject and gets the priority by name', async () => {
      const raw = 'From: tom@student.uni-spree.de\nSubject: I forgot my password\nAuto-Submitted: no\n\nHi';
      const res = await call(app, admin, 'POST', '/api/v1/postmaster-filters/dry-run', { raw });
      expect(res.body.newTicket).toEqual({ queue: { id: password.id, name: 'Password' }, priority: { id: 4, name: '4 high' } });
    });

    it('runs a stored raw mail; its X-Ticketwerk-Queue counts only when the mail is trusted', async () => {
      const raw = Buffer.from('From: form@uni-spree.de\r\nSubject: Antrag\r\nX-Ticketwerk-Queue: Service Desk::2nd Level\r\nAuto-Submitted: auto-generated\r\n\r\nAntrag\r\n');
      const { rawMailId } = await receiveRawMail(t.ctx, { raw, source: 'smtp 10.0.0.5', trusted: true });
      const asStored = await call(app, admin, 'POST', '/api/v1/postmaster-filters/dry-run', { rawMailId });
      expect(asStored.body).toMatchObject({ trusted: true, isAutoGenerated: true, autoGeneratedReason: 'Auto-Submitted: auto-generated', newTicket: { queue: { name: secondLevel.full_name } } });
      expect(asStored.body.controlHeaders).toEqual([{ header: 'x-ticketwerk-queue', value: 'Service Desk::2nd Level', honoured: true }]);
      const untrusted = await call(app, admin, 'POST', '/api/v1/postmaster-filters/dry-run', { rawMailId, trusted: false });
      expect(untrusted.body.newTicket).toEqual({});
      expect(untrusted.body.controlHeaders[0].honoured).toBe(false);
    });

    it.each([
      [{}, 'raw'],
      [{ raw: 'From: a@b.de\n\nx', rawMailId: 1 }, 'raw'],
      [{ raw: 'just some text' }, 'raw'],
      [{ rawMailId: 999_999 }, 'rawMailId'],
    ])('rejects %j naming %s', async (body, field) => {
      const res = await call(app, admin, 'POST', '/api/v1/postmaster-filters/dry-run', body);
      expect([400, 404]).toContain(res.status);
      expect(res.body.error.field).toBe(field);
    });
  });

  describe('/postmaster-trusted-clients', () => {
    it('adds, lists and removes trusted SMTP client addresses; rejects bad and duplicate ones', async () => {
      const added = await call(app, admin, 'POST', '/api/v1/postmaster-trusted-clients', { address: '10.20.0.0/16', comment: 'web form servers' });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ address: '10.20.0.0/16', comment: 'web form servers' });
      expect((await call(app, admin, 'POST', '/api/v1/postmaster-trusted-clients', { address: '10.20.0.0/16' })).status).toBe(409);
      const bad = await call(app, admin, 'POST', '/api/v1/postmaster-trusted-clients', { address: 'webform.uni-spree.de' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('address');
      const list = await call(app, admin, 'GET', '/api/v1/postmaster-trusted-clients');
      expect(list.body.map((c: { address: string }) => c.address)).toEqual(['10.20.0.0/16']);
      expect(await isTrustedSmtpClient(t.ctx, '::ffff:10.20.3.4')).toBe(true);
      expect(await isTrustedSmtpClient(t.ctx, '10.21.3.4')).toBe(false);
      expect((await call(app, admin, 'DELETE', `/api/v1/postmaster-trusted-clients/${added.body.id}`)).status).toBe(204);
      expect(await count('postmaster_trusted_client')).toBe(0);
    });
  });
});
