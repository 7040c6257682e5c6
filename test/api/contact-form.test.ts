import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutoResponse } from '../../server/core/auto-responses/auto-response-admin.service.ts';
import { ingestRawMail } from '../../server/core/mail-intake/mail-intake.service.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomer, buildQueue, buildSystemAddress, countRows, system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A multipart/form-data body as a browser sends it. */
function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; content: Buffer }[] = []) {
  const boundary = '----TicketwerkTestBoundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(dialects)('public contact form on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let agentAuth: Record<string, string>;
  let topicId: number;
  let queueId: number;
  let ip = 0;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx, { CONTACT_FORM_IP_LIMIT: '3', CONTACT_FORM_EMAIL_LIMIT: '2', CONTACT_FORM_FRAME_ANCESTORS: 'https://www.uni-spree.de' });
    const queue = await buildQueue(t.ctx, { name: 'Bibliothek' });
    queueId = queue.id;
    await buildSystemAddress(t.ctx, { email: 'servicedesk@uni-spree.de', queueId });
    await createAutoResponse(t.ctx, system, { queueId, event: 'new_ticket', language: 'de', subject: 'Ihre Anfrage <TICKET_NUMBER>: <TICKET_TITLE>', body: 'Guten Tag <CUSTOMER_REALNAME>,\nwir haben Ihre Anfrage erhalten.' });
    await createAutoResponse(t.ctx, system, { queueId, event: 'new_ticket', language: 'en', subject: 'Your request <TICKET_NUMBER>: <TICKET_TITLE>', body: 'Dear <CUSTOMER_REALNAME>,\nwe received your request.' });
    const now = t.clock.now().toISOString();
    const topic = await t.ctx.db
      .insertInto('portal_topic')
      .values({ name_en: 'Library card', name_de: 'Bibliotheksausweis', description_en: null, description_de: null, queue_id: queueId, position: 1, created_at: now, changed_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    topicId = topic.id;
    await t.ctx.db
      .insertInto('portal_topic')
      .values({ name_en: 'Portal only', name_de: 'Nur Portal', description_en: null, description_de: null, queue_id: queueId, position: 2, is_on_contact_form: false, created_at: now, changed_at: now })
      .execute();
    agentAuth = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] }));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  /** A visitor from their own address opens the form and reads its signed timestamp. */
  async function openForm(query = '?lang=de') {
    const visitor = `192.0.2.${++ip}`;
    const page = await app.inject({ method: 'GET', url: `/contact${query}`, headers: { 'x-forwarded-for': visitor } });
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return { page, formToken, visitor };
  }
  const fields = (formToken: string, overrides: Record<string, string> = {}) => ({
    name: 'Lena Schulz',
    email: `lena${++n}@student.uni-spree.de`,
    topic: String(topicId),
    subject: 'Bibliotheksausweis verlängern',
    message: 'Hallo,\nmein Ausweis läuft ab. Bitte verlängern.\nLena',
    website: '',
    formToken,
    ...overrides,
  });
  const waitSeconds = (s: number) => t.clock.set(new Date(t.clock.now().getTime() + s * 1000));
  const post = (visitor: string, body: { payload: Buffer | string; contentType: string }, options: { json?: boolean; query?: string } = {}) =>
    app.inject({
      method: 'POST',
      url: `/contact${options.query ?? '?lang=de'}`,
      payload: body.payload,
      headers: { 'content-type': body.contentType, 'x-forwarded-for': visitor, ...(options.json ? { accept: 'application/json' } : { accept: 'text/html' }) },
    });
  const urlencoded = (values: Record<string, string>) => ({ payload: new URLSearchParams(values).toString(), contentType: 'application/x-www-form-urlencoded' });

  describe('GET /contact', () => {
    it('shows the form in German or English with the contact topics only, framable by the configured university pages', async () => {
      const { page } = await openForm('?lang=de');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-security-policy']).toContain('frame-ancestors https://www.uni-spree.de');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.body).toContain('<html lang="de">');
      expect(page.body).toContain('Bibliotheksausweis');
      expect(page.body).not.toContain('Nur Portal');
      expect(page.body).toMatch(/<div class="hp" aria-hidden="true">.*tabindex="-1" autocomplete="off"/);
      const english = await app.inject({ method: 'GET', url: '/contact?embed=1', headers: { 'accept-language': 'en-GB,en;q=0.9,de;q=0.5' } });
      expect(english.body).toContain('<html lang="en">');
      expect(english.body).toContain('<body class="embed">');
      expect(english.body).toContain('Library card');
      expect(english.body).toContain('action="/contact?lang=en&embed=1"');
    });

    it('serves its script and stylesheet; the agent app keeps frame-ancestors none', async () => {
      const script = await app.inject({ method: 'GET', url: '/contact/assets/contact.js' });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toContain('text/javascript');
      expect((await app.inject({ method: 'GET', url: '/contact/assets/contact.css' })).headers['content-type']).toContain('text/css');
      expect((await app.inject({ method: 'GET', url: '/contact/assets/other.js' })).statusCode).toBe(404);
      const home = await app.inject({ method: 'GET', url: '/' });
      expect(String(home.headers['content-security-policy'] ?? '')).not.toContain('frame-ancestors https://www.uni-spree.de');
    });
  });

  describe('POST /contact', () => {
    it('multipart with an attachment (no JavaScript): a web ticket, the thank-you page with the number, and the confirmation mail', async () => {
      const { formToken, visitor } = await openForm();
      waitSeconds(5);
      const values = fields(formToken);
      const res = await post(visitor, multipart(values, [{ name: 'attachments', filename: 'Ausweis.pdf', type: 'application/pdf', content: PDF }]));
      expect(res.statusCode).toBe(201);
      expect(res.headers['content-type']).toContain('text/html');
      const ticket = await t.ctx.db.selectFrom('ticket').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(res.body).toContain(`Ticketnummer ${ticket.tn}`);
      expect(ticket).toMatchObject({ channel: 'web', queue_id: queueId, title: 'Bibliotheksausweis verlängern', customer_user_id: null });
      const article = await t.ctx.db.selectFrom('article').selectAll().where('ticket_id', '=', ticket.id).orderBy('id').executeTakeFirstOrThrow();
      expect(article).toMatchObject({ channel: 'web', sender_type: 'customer', is_visible_for_customer: true, from_address: `"Lena Schulz" <${values.email}>` });
      expect(article.body_text).toBe('Hallo,\nmein Ausweis läuft ab. Bitte verlängern.\nLena');
      const attachment = await t.ctx.db.selectFrom('attachment').selectAll().where('article_id', '=', article.id).executeTakeFirstOrThrow();
      expect(attachment).toMatchObject({ filename: 'Ausweis.pdf', content_type: 'application/pdf', size: PDF.length });
      const mail = await t.ctx.db.selectFrom('outbox_mail').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(mail).toMatchObject({ kind: 'auto_response', to_address: `"Lena Schulz" <${values.email}>` });
      expect(mail.subject).toContain(ticket.tn);
      expect(mail.subject).toContain('Ihre Anfrage');

      // The visitor answers the confirmation mail: the reply threads into the same ticket.
      const reply = [`From: Lena Schulz <${values.email}>`, 'To: servicedesk@uni-spree.de', `Subject: Re: ${mail.subject}`, `In-Reply-To: ${mail.message_id}`, 'Message-ID: <reply-1@student.uni-spree.de>', '', 'Die Matrikelnummer ist 4711.', ''].join('\r\n');
      const intake = await ingestRawMail(t.ctx, { raw: Buffer.from(reply), source: 'test' });
      expect(intake).toMatchObject({ ticketId: ticket.id });
      const followUp = await t.ctx.db.selectFrom('article').selectAll().where('ticket_id', '=', ticket.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(followUp).toMatchObject({ channel: 'email', sender_type: 'customer', is_visible_for_customer: true, is_sender_unverified: false });
      expect(followUp.body_text).toContain('4711');
    });

    it('urlencoded with Accept: application/json (JavaScript): 201 with the number; a known customer user is linked; the mail is in English', async () => {
      const customer = await buildCustomer(t.ctx);
      const { formToken, visitor } = await openForm('?lang=en');
      waitSeconds(4);
      const res = await post(visitor, urlencoded(fields(formToken, { email: customer.email.toUpperCase() })), { json: true, query: '?lang=en' });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      const ticket = await t.ctx.db.selectFrom('ticket').selectAll().where('tn', '=', body.ticketNumber).executeTakeFirstOrThrow();
      expect(body.message).toContain(`ticket number ${ticket.tn}`);
      expect(ticket).toMatchObject({ channel: 'web', customer_user_id: customer.id });
      const mail = await t.ctx.db.selectFrom('outbox_mail').select('subject').where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(mail.subject).toMatch(/^\[Ticket#\d+\] Your request/);
      // Agents see it and can list web tickets apart.
      const listed = await call(app, agentAuth, 'GET', '/api/v1/tickets?channel=web');
      expect(listed.body.items.map((x: { number: string }) => x.number)).toContain(ticket.tn);
      expect((await call(app, agentAuth, 'GET', '/api/v1/tickets?channel=fax')).body.items).toEqual([]);
      expect((await call(app, agentAuth, 'GET', '/api/v1/tickets?channel=pigeon')).body.error.field).toMatch(/^channel/);
    });

    it('an invalid e-mail address → 400 naming the field, in the page next to the field with the values kept, no ticket', async () => {
      const before = await countRows(t.ctx, 'ticket');
      const { formToken, visitor } = await openForm();
      waitSeconds(5);
      const json = await post(visitor, urlencoded(fields(formToken, { email: 'lena@' })), { json: true });
      expect(json.statusCode).toBe(400);
      expect(json.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email', fields: [{ field: 'email', message: expect.stringContaining('gültige E-Mail-Adresse') }] });
      const page = await post(visitor, urlencoded(fields(formToken, { email: 'lena@', subject: 'Mein <b>Betreff</b>' })));
      expect(page.statusCode).toBe(400);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toMatch(/id="email" name="email" aria-describedby="email-hint email-error" aria-invalid="true" value="lena@"/);
      expect(page.body).toContain('<p class="error" id="email-error">Bitte geben Sie eine gültige E-Mail-Adresse ein');
      expect(page.body).toContain('value="Mein &#60;b&#62;Betreff&#60;/b&#62;"');
      expect(await countRows(t.ctx, 'ticket')).toBe(before);
    });

    it('a topic that is not on the contact form is refused naming the field', async () => {
      const { formToken, visitor } = await openForm('?lang=en');
      waitSeconds(5);
      const other = await t.ctx.db.selectFrom('portal_topic').select('id').where('name_en', '=', 'Portal only').executeTakeFirstOrThrow();
      const res = await post(visitor, urlencoded(fields(formToken, { topic: String(other.id) })), { json: true, query: '?lang=en' });
      expect(res.json().error).toMatchObject({ field: 'topic', message: 'topic: Please choose one of the topics offered.' });
    });

    it('a bot filling the honeypot is refused and no ticket is made', async () => {
      const before = { tickets: await countRows(t.ctx, 'ticket'), mails: await countRows(t.ctx, 'outbox_mail') };
      const { formToken, visitor } = await openForm();
      waitSeconds(30);
      const res = await post(visitor, multipart(fields(formToken, { website: 'https://cheap-pills.example' })));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Ihre Nachricht konnte nicht gesendet werden');
      const json = await post(visitor, urlencoded(fields(formToken, { website: 'x' })), { json: true });
      expect(json.json().error.code).toBe('SUBMISSION_REFUSED');
      expect({ tickets: await countRows(t.ctx, 'ticket'), mails: await countRows(t.ctx, 'outbox_mail') }).toEqual(before);
    });

    it('a form sent back faster than CONTACT_FORM_MIN_SECONDS, forged or a day old is refused with a request to try again', async () => {
      const before = await countRows(t.ctx, 'ticket');
      const { formToken, visitor } = await openForm();
      waitSeconds(1);
      const fast = await post(visitor, urlencoded(fields(formToken)));
      expect(fast.statusCode).toBe(400);
      expect(fast.body).toContain('Bitte warten Sie einen Moment und senden Sie es noch einmal');
      expect(fast.body).toContain('value="Lena Schulz"');
      expect((await post(visitor, urlencoded(fields(formToken)), { json: true, query: '?lang=en' })).json().error).toMatchObject({ code: 'FORM_TOO_FAST', message: expect.stringContaining('send it again') });
      expect((await post(visitor, urlencoded(fields('1.forged')), { json: true })).json().error.code).toBe('FORM_EXPIRED');
      waitSeconds(25 * 3600);
      expect((await post(visitor, urlencoded(fields(formToken)), { json: true })).json().error).toMatchObject({ code: 'FORM_EXPIRED', message: expect.stringContaining('abgelaufen') });
      expect(await countRows(t.ctx, 'ticket')).toBe(before);
    });

    it('the fourth form from one IP address within an hour → 429 with a clear message; an hour later it works again', async () => {
      const { visitor } = await openForm();
      for (let i = 0; i < 3; i++) {
        const { formToken } = await openForm();
        waitSeconds(5);
        expect((await post(visitor, urlencoded(fields(formToken)), { json: true })).statusCode).toBe(201);
      }
      const before = await countRows(t.ctx, 'ticket');
      const { formToken } = await openForm();
      waitSeconds(5);
      const json = await post(visitor, urlencoded(fields(formToken)), { json: true, query: '?lang=en' });
      expect(json.statusCode).toBe(429);
      expect(json.headers['retry-after']).toBe('3600');
      expect(json.json().error).toEqual({ code: 'RATE_LIMITED', message: expect.stringContaining('Too many messages have been sent from your network in the last hour') });
      const page = await post(visitor, urlencoded(fields(formToken)));
      expect(page.statusCode).toBe(429);
      expect(page.body).toContain('Aus Ihrem Netz wurden in der letzten Stunde zu viele Nachrichten gesendet');
      expect(await countRows(t.ctx, 'ticket')).toBe(before);
      waitSeconds(3601);
      expect((await post(visitor, urlencoded(fields(formToken)), { json: true })).statusCode).toBe(201);
    });

    it('six forms from one IP address sent at the same moment: three tickets, three 429s', async () => {
      const { visitor } = await openForm();
      const tokens = [];
      for (let i = 0; i < 6; i++) tokens.push((await openForm()).formToken);
      waitSeconds(5);
      const before = await countRows(t.ctx, 'ticket');
      const answers = await Promise.all(tokens.map((formToken) => post(visitor, urlencoded(fields(formToken)), { json: true })));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 201, 429, 429, 429]);
      expect(await countRows(t.ctx, 'ticket')).toBe(before + 3);
    });

    it('the third form for one e-mail address within an hour → 429 naming the address as the reason, from any network', async () => {
      const email = 'jonas.becker@gmx.de';
      for (let i = 0; i < 2; i++) {
        const { formToken, visitor } = await openForm();
        waitSeconds(5);
        expect((await post(visitor, urlencoded(fields(formToken, { email })), { json: true })).statusCode).toBe(201);
      }
      const { formToken, visitor } = await openForm();
      waitSeconds(5);
      const res = await post(visitor, urlencoded(fields(formToken, { email: 'Jonas.Becker@GMX.de' })), { json: true });
      expect(res.statusCode).toBe(429);
      expect(res.json().error.message).toContain('Von dieser E-Mail-Adresse wurden in der letzten Stunde zu viele Nachrichten gesendet');
    });

    it('too many attachments and a file over 10 MB are refused naming the limit', async () => {
      const { formToken, visitor } = await openForm('?lang=en');
      waitSeconds(5);
      const file = (i: number, size = 10) => ({ name: 'attachments', filename: `scan-${i}.pdf`, type: 'application/pdf', content: Buffer.alloc(size, 1) });
      const many = await post(visitor, multipart(fields(formToken), [1, 2, 3, 4, 5, 6].map((i) => file(i))), { json: true, query: '?lang=en' });
      expect(many.json().error).toMatchObject({ field: 'attachments', message: 'attachments: Please attach at most 5 files.' });
      const big = await post(visitor, multipart(fields(formToken), [file(1, 10 * 1024 * 1024 + 1)]), { json: true, query: '?lang=en' });
      expect(big.json().error).toMatchObject({ field: 'attachments', message: 'attachments: Each file may be at most 10 MB.' });
    });
  });
});
