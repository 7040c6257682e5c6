import type { Selectable } from 'kysely';
import type { AutoResponseTable } from '../../db/schema-outbox.ts';
import { memoized, type ServiceContext } from '../context.ts';

export type AutoResponseRow = Selectable<AutoResponseTable>;

/** The valid response of a queue for an event, in the given language if there is one, else in any. */
export async function findResponseFor(ctx: ServiceContext, input: { queueId: number; event: string; language: string }): Promise<AutoResponseRow | undefined> {
  const rows = await memoized(ctx, `auto-response:${input.queueId}:${input.event}`, () =>
    ctx.db.selectFrom('auto_response').selectAll().where('queue_id', '=', input.queueId).where('event', '=', input.event).where('is_valid', '=', true).orderBy('id').execute(),
  );
  return rows.find((r) => r.language === input.language) ?? rows[0];
}

/**
 * Counts one more automatic mail to a sender on a day and returns the new count, atomically:
 * concurrent intakes of the same sender wait for each other on the counter row.
 */
export async function countAutoMail(ctx: ServiceContext, sender: string, day: string): Promise<number> {
  const row = await ctx.db
    .insertInto('auto_response_counter')
    .values({ sender: sender.toLowerCase(), day, count: 1 })
    .onConflict((oc) => oc.columns(['sender', 'day']).doUpdateSet((eb) => ({ count: eb('auto_response_counter.count', '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Every system address (valid or not), lower-case: the desk's own senders. */
export async function listSystemAddresses(ctx: ServiceContext): Promise<string[]> {
  return memoized(ctx, 'system-addresses', async () => {
    const rows = await ctx.db.selectFrom('system_address').select('email').execute();
    return rows.map((r) => r.email.toLowerCase());
  });
}
