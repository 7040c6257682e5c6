/**
 * What bench:intake sets up in the server's freshly migrated database, through its own
 * connection: the desk's address as a system address (else SMTP answers 550), an
 * auto-response for new tickets in Raw, where these mails land (a migrated desk has no
 * auto-response texts, so without one no answer would be written), and the students of a
 * university as customer users, so every mail's sender is looked up among as many people as
 * on a real desk (bench:data's desk has 100,000 too).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';
import { DESK_ADDRESS } from './mails.ts';

/** Queue Raw of the default configuration: where new mail lands when nothing else decides. */
const RAW_QUEUE_ID = 2;

/** Customer users: student0@ … student99999@student.uni-spree.de; the mails come from the first 500. */
export const CUSTOMER_USERS = 100_000;

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
  for (let start = 0; start < CUSTOMER_USERS; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, CUSTOMER_USERS - start) }, (_, k) => {
      const n = start + k;
      return { login: `s${n}`, email: `student${n}@student.uni-spree.de`, first_name: 'Studierende', last_name: `Nr. ${n}`, created_at: now, changed_at: now };
    });
    await db.insertInto('customer_user').values(rows).execute();
  }
}
