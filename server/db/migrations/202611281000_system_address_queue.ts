import type { Kysely } from 'kysely';

/**
 * The queue new mail to a system address goes to, as OTRS's system address "Queue" setting.
 * Without it intake fell back to the first queue sending from that address, which on a new
 * desk is Junk. On existing desks the address of the default queues keeps no queue (Raw).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('system_address')
    .addColumn('queue_id', 'integer', (c) => c.references('queue.id'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
