/**
 * What bench:intake sets up in the server's freshly migrated database, through its own
 * connection: the desk's address as a system address (else SMTP answers 550), and an
 * auto-response for new tickets in Raw, where these mails land. A migrated desk has no
 * auto-response texts, so without one no answer would be written.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';
import { DESK_ADDRESS } from './mails.ts';

/** Queue Raw of the default configuration: where new mail lands when nothing else decides. */
const RAW_QUEUE_ID = 2;

export async function prepareDesk(db: Kysely<Database>): Promise<void> {
  await db.insertInto('system_address').values({ email: DESK_ADDRESS, display_name: 'RMZ Service Desk' }).execute();
  const now = new Date().toISOString();
  await db
    .insertInto('auto_response')
    .values({
      queue_id: RAW_QUEUE_ID,
      event: 'new_ticket',
      language: 'de',
      subject: 'Ihre Anfrage ist eingegangen',
      body: 'Guten Tag <CUSTOMER_REALNAME>,\n\nIhre Anfrage ist unter der Nummer <TICKET_NUMBER> bei uns eingegangen. Wir melden uns so bald wie möglich.\n\nIhr RMZ Service Desk',
      created_at: now,
      changed_at: now,
    })
    .execute();
}
