import type { Kysely } from 'kysely';

/**
 * A default postmaster filter for fax gateways (HylaFAX, Asterisk, Fritz!Box, the telephone
 * system's fax-to-mail): mail from the usual fax gateway sender addresses becomes a ticket
 * with channel "fax", so fax requests can be listed and reported apart. Admins edit its From
 * rule to their own gateway's address, as any other filter (OTRS: Admin → PostMaster Filters).
 * Position 0 so the desk's own filters run later and may still pick queue or priority.
 * Agents list tickets by channel (fax, web form …), so the channel gets an index.
 */
/** fax@, telefax@, hylafax@, faxserver@, fax-gateway@ … as the whole local part of an address. */
const FAX_SENDER_PATTERN = '(^|[<\\s,"])(tele|hyla)?fax([-_.]?(server|gateway|gw))?@';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('ticket_channel_idx').on('ticket').columns(['channel', 'created_at']).execute();
  const now = new Date().toISOString();
  const exists = await db.selectFrom('postmaster_filter').select('id').where('name', '=', 'Fax gateway').executeTakeFirst();
  if (exists) return;
  await db
    .insertInto('postmaster_filter')
    .values({
      name: 'Fax gateway',
      position: 0,
      match_rules: JSON.stringify([{ header: 'From', value: FAX_SENDER_PATTERN, isRegex: true, negate: false }]),
      set_new_ticket: JSON.stringify({ channel: 'fax' }),
      set_follow_up: JSON.stringify({ channel: 'fax' }),
      comment: 'Mail from a fax gateway becomes a fax ticket. Put your gateway\'s sender address into the From rule.',
      created_at: now,
      changed_at: now,
    })
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
