import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createAutoResponse, updateAutoResponse } from '../../server/core/auto-responses/auto-response-admin.service.ts';
import { ConfigCache } from '../../server/core/config-cache.ts';
import { prepareRawMail, processPreparedMails, type PreparedMail } from '../../server/core/mail-intake/intake-batch.ts';
import { receiveRawMail } from '../../server/core/mail-intake/raw-mail.service.ts';
import { createPostmasterFilter, updatePostmasterFilter } from '../../server/core/postmaster/postmaster-filter.service.ts';
import type { PostmasterFilterInput } from '../../server/core/postmaster/postmaster-filter.types.ts';
import { buildQueue, buildSystemAddress, system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

function rawMail(n: number, to: string, subject: string): Buffer {
  return Buffer.from(
    `From: Student ${n} <student${n}@student.uni-spree.de>\r\nTo: ${to}\r\nSubject: ${subject}\r\n` +
      `Message-ID: <config-${n}@student.uni-spree.de>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
      `Hallo, der Drucker im Raum ${n} druckt nicht. Können Sie bitte helfen? Danke und viele Grüße\r\n`,
  );
}

/**
 * What a batch of mails became: per mail its ticket's queue and priority and the text of its
 * automatic answer. Batches share their configuration as the server's intake queue does.
 */
async function intakeBatch(t: TestDatabase, mails: Buffer[], config: ConfigCache) {
  const prepared: PreparedMail[] = [];
  for (const raw of mails) {
    const { rawMailId } = await receiveRawMail(t.ctx, { raw, source: 'smtp 127.0.0.1' });
    prepared.push((await prepareRawMail(t.ctx, rawMailId)) as PreparedMail);
  }
  const { results } = await processPreparedMails(t.ctx, prepared, { config });
  return Promise.all(
    results.map(async (result) => {
      expect(result.status).toBe('processed');
      const ticket = await t.ctx.db.selectFrom('ticket').select(['queue_id', 'priority_id']).where('id', '=', result.ticketId as number).executeTakeFirstOrThrow();
      const answer = await t.ctx.db.selectFrom('outbox_mail').select('body_text').where('ticket_id', '=', result.ticketId as number).executeTakeFirst();
      return { queueId: ticket.queue_id, priorityId: ticket.priority_id, answer: answer?.body_text ?? null };
    }),
  );
}

describe.each(dialects)('mail intake sees configuration changes from one batch to the next (%s)', (dialect) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('an admin changes a filter, an auto-response text and adds a desk address between two batches: the next mails follow the change', async () => {
    const printing = await buildQueue(t.ctx, { name: 'Druckdienst' });
    await buildSystemAddress(t.ctx, { email: 'druck@uni-spree.de', queueId: printing.id });
    const answer = await createAutoResponse(t.ctx, system, { queueId: printing.id, event: 'new_ticket', language: 'de', subject: 'Eingang <TICKET_NUMBER>', body: 'Wir kümmern uns heute darum.' });
    const rule: PostmasterFilterInput = { name: 'Drucker dringend', match: [{ header: 'Subject', value: 'Drucker', isRegex: false, negate: false }], newTicket: { priorityId: 4 } };
    const filter = await createPostmasterFilter(t.ctx, system, rule);

    // Two mails in one transaction both see the configuration as it was when the batch began.
    const config = new ConfigCache();
    const first = await intakeBatch(t, [rawMail(1, 'druck@uni-spree.de', 'Drucker in Raum 1'), rawMail(2, 'druck@uni-spree.de', 'Drucker in Raum 2')], config);
    expect(first.map((m) => m.priorityId)).toEqual([4, 4]);
    expect(first.map((m) => m.queueId)).toEqual([printing.id, printing.id]);
    for (const m of first) expect(m.answer).toContain('Wir kümmern uns heute darum.');

    await updatePostmasterFilter(t.ctx, system, filter.id, { ...rule, newTicket: { priorityId: 5 } });
    await updateAutoResponse(t.ctx, system, answer.id, { body: 'Wir melden uns morgen.' });
    const plotters = await buildQueue(t.ctx, { name: 'Plotter' });
    await buildSystemAddress(t.ctx, { email: 'plotter@uni-spree.de', queueId: plotters.id });

    const second = await intakeBatch(t, [rawMail(3, 'druck@uni-spree.de', 'Drucker in Raum 3'), rawMail(4, 'plotter@uni-spree.de', 'Drucker am Plotter')], config);
    expect(second[0]).toMatchObject({ queueId: printing.id, priorityId: 5 });
    expect(second[0]?.answer).toContain('Wir melden uns morgen.');
    expect(second[0]?.answer).not.toContain('heute');
    expect(second[1]).toMatchObject({ queueId: plotters.id, priorityId: 5, answer: null });

    // A change from outside the admin UI (another process, plain SQL) is seen just the same.
    await sql`UPDATE auto_response SET body = ${'Wir melden uns nächste Woche.'} WHERE id = ${answer.id}`.execute(t.ctx.db);
    const third = await intakeBatch(t, [rawMail(5, 'druck@uni-spree.de', 'Drucker in Raum 5')], config);
    expect(third[0]?.answer).toContain('Wir melden uns nächste Woche.');
  });
});
