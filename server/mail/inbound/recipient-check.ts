import type { ServiceContext } from '../../core/context.ts';

/** How long the set of valid system addresses is trusted before it is read again. */
const KNOWN_ADDRESSES_MS = 5_000;

/**
 * Answers RCPT TO: is this one of the desk's valid system addresses? Every recipient of every
 * message asks, so the set of valid addresses is read at most every 5 s and a known address is
 * accepted without a query. An address not in the set is looked up in the database before it
 * is refused (550 is final for the sender), so an address an admin just added works at once.
 * The staleness this allows: an address just removed or marked invalid is still accepted for up
 * to 5 s, and its mail is processed as before.
 */
export function createRecipientCheck(ctx: ServiceContext): (address: string) => Promise<boolean> {
  let known: Promise<Set<string>> | null = null;
  let readAt = 0;

  const readKnown = (): Promise<Set<string>> => {
    const read = ctx.db
      .selectFrom('system_address')
      .select('email')
      .where('is_valid', '=', true)
      .execute()
      .then((rows) => new Set(rows.map((row) => row.email.toLowerCase())));
    readAt = performance.now();
    known = read;
    // A failed read is not kept: the next recipient reads again.
    read.catch(() => {
      if (known === read) known = null;
    });
    return read;
  };

  return async (address) => {
    const wanted = address.toLowerCase();
    const addresses = known && performance.now() - readAt < KNOWN_ADDRESSES_MS ? known : readKnown();
    if ((await addresses).has(wanted)) return true;
    const row = await ctx.db
      .selectFrom('system_address')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', wanted))
      .where('is_valid', '=', true)
      .executeTakeFirst();
    return row !== undefined;
  };
}
