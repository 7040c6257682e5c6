import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRawMail } from '../../server/core/mail-intake/mail-intake.service.ts';
import type { Database } from '../../server/db/schema.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const CUSTOMERS = 3000;

/** The plan the database picks for `query`, as one text (SQLite's EXPLAIN QUERY PLAN or PostgreSQL's EXPLAIN). */
async function planOf(db: Kysely<Database>, dialect: string, query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
  if (dialect === 'sqlite') {
    const rows = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(query.sql.replaceAll('?', "'x'"))}`.execute(db);
    return rows.rows.map((r) => r.detail).join('\n');
  }
  // A table this small could be read whole; forbid that so the test asks whether an index can answer.
  return db.transaction().execute(async (tx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(tx);
    const text = query.sql.replace(/\$\d+/g, "'x'");
    const rows = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${sql.raw(text)}`.execute(tx);
    return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe.each(dialects)('looking up customer users by address or login, whatever the case (%s)', (dialect) => {
  let t: TestDatabase;
  let annaId: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const now = t.clock.now().toISOString();
    const people = Array.from({ length: CUSTOMERS }, (_, n) => ({ login: `s${n}`, email: `student${n}@student.uni-spree.de`, first_name: 'Stud', last_name: `Ent ${n}`, created_at: now, changed_at: now }));
    for (let start = 0; start < people.length; start += 500) await t.ctx.db.insertInto('customer_user').values(people.slice(start, start + 500)).execute();
    const anna = await t.ctx.db.insertInto('customer_user').values({ login: 'A.Schulz', email: 'Anna.Schulz@Uni-Spree.de', first_name: 'Anna', last_name: 'Schulz', created_at: now, changed_at: now }).returning('id').executeTakeFirstOrThrow();
    annaId = anna.id;
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('a mail from the address in other case becomes a ticket of that customer user', async () => {
    const raw = Buffer.from('From: anna.schulz@uni-spree.de\r\nTo: support@uni-spree.de\r\nSubject: Semesterticket\r\nMessage-ID: <case-1@uni-spree.de>\r\n\r\nHallo.\r\n');
    const result = await ingestRawMail(t.ctx, { raw, source: 'smtp 127.0.0.1' });
    const ticket = await t.ctx.db.selectFrom('ticket').select('customer_user_id').where('id', '=', result.ticketId as number).executeTakeFirstOrThrow();
    expect(ticket.customer_user_id).toBe(annaId);
  });

  it('the address and login lookups are answered from an index, not by reading every customer user', async () => {
    const byEmail = t.ctx.db.selectFrom('customer_user').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', 'anna.schulz@uni-spree.de')).compile();
    const byLogin = t.ctx.db.selectFrom('customer_user').select('id').where((eb) => eb(eb.fn('lower', ['login']), '=', 'a.schulz')).compile();
    expect(await planOf(t.ctx.db, dialect, byEmail)).toContain('customer_user_email_lower_idx');
    expect(await planOf(t.ctx.db, dialect, byLogin)).toContain('customer_user_login_lower_idx');
  });
});
