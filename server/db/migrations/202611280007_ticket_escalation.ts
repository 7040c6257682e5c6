import type { Kysely } from 'kysely';
import { timestampType } from './dialect-types.ts';

/**
 * Escalation times on the ticket (OTRS escalation_*_time), kept current by every ticket and
 * article change so that queue views and "escalated" lists are plain indexed range queries
 * instead of per-ticket maths at read time.
 *
 * Indexes already there from the core schema and therefore not added again: (queue_id,
 * state_id, created_at) serves (queue_id, state_id) as its prefix, (owner_id, state_id) serves
 * owner_id, and ticket_responsible_idx is responsible_id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  for (const column of [
    'first_response_at',
    'last_customer_contact_at',
    'escalation_response_at',
    'escalation_update_at',
    'escalation_solution_at',
    'escalation_at',
  ]) {
    await db.schema.alterTable('ticket').addColumn(column, ts).execute();
  }
  // "Escalated" / "escalating soon" lists and the escalationAt sort.
  await db.schema.createIndex('ticket_escalation_at_idx').on('ticket').column('escalation_at').execute();
  // "Pending reminder reached" lists.
  await db.schema.createIndex('ticket_pending_until_idx').on('ticket').column('pending_until').execute();
  // The ticket list's default order (newest first), for one queue and for all: with a LIMIT
  // the page is read in index order and stops early, instead of sorting every ticket of a big
  // queue for each page.
  await db.schema.createIndex('ticket_queue_created_idx').on('ticket').columns(['queue_id', 'created_at']).execute();
  await db.schema.createIndex('ticket_created_at_idx').on('ticket').column('created_at').execute();
}
