import { randomBytes } from 'node:crypto';
import { nowIso, type ServiceContext } from '../context.ts';

/**
 * A secret the server keeps in the database, created on first use. Every process and every
 * restart signs with the same key, so a form rendered by one process is accepted by another.
 */
export async function getSystemSecret(ctx: ServiceContext, name: string): Promise<string> {
  const read = async () => (await ctx.db.selectFrom('system_secret').select('value').where('name', '=', name).executeTakeFirst())?.value;
  const existing = await read();
  if (existing) return existing;
  // Two processes starting together may both try; the primary key keeps the first, both read it back.
  await ctx.db
    .insertInto('system_secret')
    .values({ name, value: randomBytes(32).toString('hex'), created_at: nowIso(ctx) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const created = await read();
  if (!created) throw new Error(`system secret ${name} could not be stored`);
  return created;
}
