import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEventRows, insertHistoryRows, updateRawMailOutcomes } from '../../server/core/bulk-rows.ts';
import { receiveRawMail } from '../../server/core/mail-intake/raw-mail.service.ts';
import { buildTicket } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

/** Texts that an array literal (PostgreSQL's path) or a VALUES list must carry unchanged. */
const AWKWARD = ['"zitiert"', 'C:\\Users\\jana', '{a,b}', 'NULL', '', 'eins, zwei', "O'Brien", 'Grüße 👋', ' Leerzeichen '];

describe.each(dialects)('rows written in bulk (%s)', (dialect) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.destroy());

  it('history and event rows keep every value, null and order, however awkward the text', async () => {
    const ticket = await buildTicket(t.ctx, { queueId: 4 });
    const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 9, 0, s)).toISOString();
    const history = AWKWARD.map((text, i) => ({
      ticket_id: ticket.id, article_id: null, history_type: 'Misc', field: i % 2 ? null : 'title', old_value: i % 3 ? text : null, new_value: text, agent_id: null, customer_user_id: null, created_at: at(i),
    }));
    const events = AWKWARD.map((text, i) => ({ name: 'ticket.updated', ticket_id: ticket.id, payload: JSON.stringify({ text }), created_at: at(i) }));
    const before = await t.ctx.db.selectFrom('ticket_history').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
    const beforeEvents = await t.ctx.db.selectFrom('ticket_event').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();

    await insertHistoryRows(t.ctx.db, history);
    await insertEventRows(t.ctx.db, events);

    const storedHistory = await t.ctx.db.selectFrom('ticket_history').select(['field', 'old_value', 'new_value', 'created_at']).where('id', '>', Number(before.max)).orderBy('id').execute();
    expect(storedHistory.map((r) => [r.field, r.old_value, r.new_value])).toEqual(history.map((r) => [r.field, r.old_value, r.new_value]));
    expect(storedHistory.map((r) => new Date(r.created_at).toISOString())).toEqual(history.map((r) => r.created_at));
    const storedEvents = await t.ctx.db.selectFrom('ticket_event').select('payload').where('id', '>', Number(beforeEvents.max)).orderBy('id').execute();
    expect(storedEvents.map((r) => JSON.parse(r.payload).text)).toEqual(AWKWARD);
  });

  it('raw mails get each their own outcome, and an attempt more', async () => {
    const ids = [];
    for (const n of [1, 2, 3]) ids.push((await receiveRawMail(t.ctx, { raw: Buffer.from(`Subject: ${n}\r\n\r\nx\r\n`), source: 'import' })).rawMailId);
    const outcomes = ids.map((id, i) => ({ id, status: i === 1 ? 'duplicate' : 'processed', error: null, message_id: AWKWARD[i] ?? null, content_hash: i === 2 ? null : `h${i}`, ticket_id: null, article_id: null }));

    await updateRawMailOutcomes(t.ctx.db, outcomes, t.clock.now().toISOString());

    const stored = await t.ctx.db.selectFrom('raw_mail').select(['id', 'status', 'error', 'message_id', 'content_hash', 'attempts']).where('id', 'in', ids).orderBy('id').execute();
    expect(stored).toEqual(outcomes.map((o) => ({ id: o.id, status: o.status, error: null, message_id: o.message_id, content_hash: o.content_hash, attempts: 1 })));
  });
});
