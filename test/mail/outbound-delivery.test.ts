import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addArticle } from '../../server/core/articles/article.service.ts';
import { enqueueMail } from '../../server/core/outbox/enqueue-mail.service.ts';
import { inTransaction } from '../../server/core/context.ts';
import { startOutboxWorker, type OutboxWorker } from '../../server/mail/outbound/outbox-worker.ts';
import { buildAgent, buildCustomer, buildQueue, buildSystemAddress, buildTicket } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';
import { freePort, startSmtpSink, type SmtpSink } from './outbound-sink.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(dialects)('outgoing mail through the outbox on %s', (dialect) => {
  let t: TestDatabase;
  let sink: SmtpSink;
  let queue: { id: number; full_name: string; group_id: number };
  let agent: Awaited<ReturnType<typeof buildAgent>>;
  let desk: { email: string };
  const workers: OutboxWorker[] = [];
  const worker = (smtpUrl: string | undefined, workerId?: string) => {
    const w = startOutboxWorker({ ctx: t.ctx, smtpUrl, logger: silent, intervalMs: 0, workerId });
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    sink = await startSmtpSink();
    queue = await buildQueue(t.ctx, { name: 'IT Service Desk' });
    desk = await buildSystemAddress(t.ctx, { email: 'servicedesk@uni-spree.de', displayName: 'Uni Spree Service Desk', queueId: queue.id });
    agent = await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] });
    await t.ctx.db.updateTable('agent').set({ first_name: 'Petra', last_name: 'Schulz' }).where('id', '=', agent.agentId).execute();
  });
  afterEach(async () => {
    while (workers.length) await workers.pop()?.stop();
    sink.mode = 'accept';
  });
  afterAll(async () => {
    await sink.close();
    await t.destroy();
  });

  /** A customer's mail became a ticket; the agent answers it by mail. */
  async function agentReply(body = 'Please reset your password at https://id.uni-spree.de.') {
    const customer = await buildCustomer(t.ctx);
    const customerMessageId = `<${Math.random().toString(36).slice(2)}@student.uni-spree.de>`;
    const ticket = await buildTicket(t.ctx, {
      queueId: queue.id,
      customerUserId: customer.id,
      article: { channel: 'email', senderType: 'customer', from: customer.email, subject: 'Cannot log in to Moodle', bodyText: 'Hello,\nmy login fails.', messageId: customerMessageId, references: '<older@student.uni-spree.de>' },
    });
    const { article } = await addArticle(t.ctx, agent, {
      ticketId: ticket.id,
      article: {
        channel: 'email',
        to: `Sam ${customer.login} <${customer.email}>`,
        subject: `Re: [Ticket#${ticket.number}] RE: AW: Cannot log in to Moodle`,
        bodyText: body,
        attachments: [{ filename: 'Anleitung Passwort.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 steps') }],
      },
    });
    return { customer, ticket, article, customerMessageId };
  }

  it('an agent reply arrives with the queue sender, ticket tag, threading, salutation, signature, text+HTML and attachment', async () => {
    const { customer, ticket, article, customerMessageId } = await agentReply();
    expect(await worker(sink.url).tick()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const received = sink.messages.at(-1);
    if (!received) throw new Error('nothing received');
    const mail = received.parsed;
    expect(mail.from?.value[0]).toEqual({ address: 'servicedesk@uni-spree.de', name: 'Uni Spree Service Desk' });
    expect(received.envelopeTo).toEqual([customer.email]);
    expect(mail.subject).toBe(`Re: [Ticket#${ticket.number}] Cannot log in to Moodle`);
    const stored = await t.ctx.db.selectFrom('article').select(['message_id', 'from_address']).where('id', '=', article.id).executeTakeFirstOrThrow();
    expect(mail.messageId).toBe(stored.message_id);
    expect(stored.message_id).toMatch(new RegExp(`^<${ticket.number}\\..+@uni-spree\\.de>$`));
    expect(stored.from_address).toBe('"Uni Spree Service Desk" <servicedesk@uni-spree.de>');
    expect(mail.inReplyTo).toBe(customerMessageId);
    expect(mail.references).toEqual(['<older@student.uni-spree.de>', customerMessageId]);
    expect(mail.text).toContain(`Dear Sam ${customer.login},`);
    expect(mail.text).toContain('Please reset your password');
    expect(mail.text).toContain('Petra Schulz');
    expect(mail.html).toContain('Please reset your password');
    expect(mail.headers.get('auto-submitted')).toBeUndefined();
    expect(received.raw).toMatch(/Content-Type: multipart\/mixed/i);
    expect(received.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['Anleitung Passwort.pdf', '%PDF-1.4 steps']]);
    const row = await t.ctx.db.selectFrom('outbox_mail').selectAll().where('article_id', '=', article.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, kind: 'agent_reply', sent_at: t.clock.now().toISOString() });
    expect(row.relay_response).toContain('queued as TEST');
  });

  it('a rolled-back reply leaves no mail in the outbox', async () => {
    const before = await t.ctx.db.selectFrom('outbox_mail').select('id').execute();
    const ticket = await buildTicket(t.ctx, { queueId: queue.id });
    await expect(addArticle(t.ctx, agent, { ticketId: ticket.id, article: { channel: 'email', to: 'not an address', bodyText: 'x' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'article.to' } });
    expect(await t.ctx.db.selectFrom('outbox_mail').select('id').execute()).toHaveLength(before.length);
  });

  it('relay not listening: the mail stays queued with the error and a later attempt; once it is up, delivered exactly once', async () => {
    const { article } = await agentReply();
    const port = await freePort();
    const w = worker(`smtp://tw:secret@127.0.0.1:${port}`);
    expect(await w.tick()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const queued = await t.ctx.db.selectFrom('outbox_mail').selectAll().where('article_id', '=', article.id).executeTakeFirstOrThrow();
    expect(queued.status).toBe('queued');
    expect(queued.last_error).toMatch(/ECONNECTION|ECONNREFUSED/);
    expect(queued.next_attempt_at).toBe(new Date(t.clock.now().getTime() + 60_000).toISOString());

    const up = await startSmtpSink(port);
    try {
      expect(await w.tick()).toEqual({ sent: 0, retrying: 0, failed: 0 }); // not due yet
      t.clock.advanceMinutes(1);
      expect(await w.tick()).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(await w.tick()).toEqual({ sent: 0, retrying: 0, failed: 0 });
      t.clock.advanceMinutes(60);
      await w.tick();
      expect(up.messages).toHaveLength(1);
    } finally {
      await up.close();
    }
  });

  it('relay down for hours while 25 replies pile up: once it is back, each is delivered exactly once and none is lost', async () => {
    const replies = [];
    for (let i = 0; i < 25; i++) replies.push((await agentReply(`Answer ${i}: please try again now.`)).article.id);
    const port = await freePort();
    const w = worker(`smtp://tw:secret@127.0.0.1:${port}`);
    // Three hours of the worker trying against a relay that does not listen.
    for (let minute = 0; minute < 180; minute += 10) {
      await w.tick();
      t.clock.advanceMinutes(10);
    }
    const waiting = await t.ctx.db.selectFrom('outbox_mail').select(['status', 'attempts', 'last_error']).where('article_id', 'in', replies).execute();
    expect(waiting).toHaveLength(25);
    for (const row of waiting) {
      expect(row.status).toBe('queued');
      expect(row.attempts).toBeGreaterThan(1);
      expect(row.last_error).toMatch(/ECONNECTION|ECONNREFUSED/);
    }

    const up = await startSmtpSink(port);
    try {
      for (let round = 0; round < 20; round++) {
        t.clock.advanceMinutes(60);
        await w.tick();
      }
      const rows = await t.ctx.db.selectFrom('outbox_mail').select(['status', 'message_id']).where('article_id', 'in', replies).execute();
      expect(rows.map((r) => r.status)).toEqual(Array(25).fill('sent'));
      const delivered = up.messages.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw)?.[1]);
      expect(delivered).toHaveLength(25);
      expect(new Set(delivered).size).toBe(25);
      expect(new Set(delivered)).toEqual(new Set(rows.map((r) => r.message_id)));
    } finally {
      await up.close();
    }
  });

  it('451 from the relay is retried with growing back-off; 550 fails the mail for good with the relay answer', async () => {
    const { article } = await agentReply();
    const w = worker(sink.url);
    sink.mode = 'tempfail';
    await w.tick();
    let row = await t.ctx.db.selectFrom('outbox_mail').selectAll().where('article_id', '=', article.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toContain('451');
    t.clock.advanceMinutes(1);
    await w.tick();
    row = await t.ctx.db.selectFrom('outbox_mail').selectAll().where('article_id', '=', article.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', attempts: 2, next_attempt_at: new Date(t.clock.now().getTime() + 5 * 60_000).toISOString() });

    sink.mode = 'permfail';
    t.clock.advanceMinutes(5);
    expect(await w.tick()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    row = await t.ctx.db.selectFrom('outbox_mail').selectAll().where('article_id', '=', article.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/^RCPT TO: 550 .*No such user/);
    const history = await t.ctx.db.selectFrom('ticket_history').selectAll().where('article_id', '=', article.id).where('field', '=', 'delivery').execute();
    expect(history.map((h) => h.new_value)).toEqual([expect.stringContaining('failed: RCPT TO: 550')]);
    t.clock.advanceMinutes(24 * 60);
    sink.mode = 'accept';
    expect(await w.tick()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('without SMTP_URL mail stays queued, not failed', async () => {
    const { article } = await agentReply();
    expect(await worker(undefined).tick()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const row = await t.ctx.db.selectFrom('outbox_mail').selectAll().where('article_id', '=', article.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', attempts: 0, last_error: null });
    await t.ctx.db.updateTable('outbox_mail').set({ status: 'failed' }).where('id', '=', row.id).execute(); // keep later tests' sinks clean
  });

  it('two workers ticking at the same time never send one mail twice', async () => {
    await t.ctx.db.updateTable('outbox_mail').set({ status: 'failed' }).where('status', '=', 'queued').execute();
    const ids: string[] = [];
    await inTransaction(t.ctx, async (tx) => {
      for (let i = 0; i < 24; i++) {
        ids.push((await enqueueMail(tx, { kind: 'notification', from: desk.email, to: `student${i}@uni-spree.de`, subject: `Notice ${i}`, text: 'Hello' })).messageId);
      }
    });
    const before = sink.messages.length;
    const a = worker(sink.url, 'worker-a');
    const b = worker(sink.url, 'worker-b');
    for (let round = 0; round < 4; round++) await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    const received = sink.messages.slice(before).map((m) => m.parsed.messageId);
    expect(received.sort()).toEqual([...ids].sort());
    const statuses = await t.ctx.db.selectFrom('outbox_mail').select(['status', 'attempts']).where('message_id', 'in', ids).execute();
    expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
    const autoGenerated = sink.messages.at(-1)?.parsed.headers.get('auto-submitted');
    expect(autoGenerated).toBe('auto-generated');
  });
});
