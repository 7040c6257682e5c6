import type { Kysely } from 'kysely';
import { booleanDefault, booleanType, timestampType, withId } from './dialect-types.ts';

/**
 * The customer side: portal sessions of customer users (apart from agent sessions, so a
 * customer cookie never opens the agent API), one-time tokens for e-mail confirmation and
 * password reset, the topics customers choose from (each mapped to a queue, as OTRS's
 * CustomerPanel queue selection in plain words), and per company whether its customer
 * users see each other's tickets (OTRS CustomerGroup / company tickets).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const bool = booleanType(db);

  await db.schema
    .createTable('customer_session')
    // sha256 of the cookie value, as for agent sessions.
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('customer_user_id', 'integer', (c) => c.notNull().references('customer_user.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_session_customer_idx').on('customer_session').column('customer_user_id').execute();

  await db.schema
    .createTable('customer_token')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('customer_user_id', 'integer', (c) => c.notNull().references('customer_user.id').onDelete('cascade'))
    // confirm_email | reset_password
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();
  await db.schema.createIndex('customer_token_customer_idx').on('customer_token').columns(['customer_user_id', 'purpose']).execute();

  // Set when the customer confirmed the address (self-registration); admins' customers count as confirmed.
  await db.schema.alterTable('customer_user').addColumn('email_confirmed_at', ts).execute();
  await db.schema
    .alterTable('customer_company')
    .addColumn('is_portal_company_tickets', bool, (c) => c.notNull().defaultTo(booleanDefault(db, false)))
    .execute();

  await withId(db, db.schema.createTable('portal_topic'))
    .addColumn('name_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_de', 'varchar(200)', (c) => c.notNull())
    .addColumn('description_en', 'text')
    .addColumn('description_de', 'text')
    .addColumn('queue_id', 'integer', (c) => c.notNull().references('queue.id'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_on_portal', bool, (c) => c.notNull().defaultTo(booleanDefault(db, true)))
    .addColumn('is_on_contact_form', bool, (c) => c.notNull().defaultTo(booleanDefault(db, true)))
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(booleanDefault(db, true)))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
