import { sql, type Kysely } from 'kysely';
import { booleanDefault, booleanType, isPostgres, timestampType, withId } from './dialect-types.ts';

/**
 * The core schema: configuration tables (states, priorities, queues, groups, roles …),
 * people (agents, customers), tickets with articles, attachments, history and links,
 * and authentication (sessions, API tokens). Names follow OTRS where it has one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db);
  const bool = booleanType(db);
  const yes = booleanDefault(db, true);
  const no = booleanDefault(db, false);

  // ---- configuration ---------------------------------------------------------------
  await withId(db, db.schema.createTable('ticket_state_type'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull().unique())
    .addColumn('comment', 'varchar(250)')
    .execute();

  await withId(db, db.schema.createTable('ticket_state'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('type_id', 'integer', (c) => c.notNull().references('ticket_state_type.id'))
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await withId(db, db.schema.createTable('ticket_priority'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await withId(db, db.schema.createTable('ticket_type'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await withId(db, db.schema.createTable('permission_group'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await withId(db, db.schema.createTable('role'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await withId(db, db.schema.createTable('salutation'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await withId(db, db.schema.createTable('signature'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await withId(db, db.schema.createTable('system_address'))
    .addColumn('email', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await withId(db, db.schema.createTable('queue'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('full_name', 'varchar(1000)', (c) => c.notNull().unique())
    .addColumn('parent_id', 'integer', (c) => c.references('queue.id'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('permission_group.id'))
    .addColumn('system_address_id', 'integer', (c) => c.references('system_address.id'))
    .addColumn('salutation_id', 'integer', (c) => c.references('salutation.id'))
    .addColumn('signature_id', 'integer', (c) => c.references('signature.id'))
    // Minutes; 0 = never. Same meaning as OTRS's queue columns.
    .addColumn('unlock_timeout', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_response_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_response_notify', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('update_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('update_notify', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('solution_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('solution_notify', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('calendar_name', 'varchar(100)')
    .addColumn('follow_up_option', 'varchar(20)', (c) => c.notNull().defaultTo('possible'))
    .addColumn('is_follow_up_lock', bool, (c) => c.notNull().defaultTo(no))
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();
  await db.schema.createIndex('queue_parent_idx').on('queue').column('parent_id').execute();

  await withId(db, db.schema.createTable('service'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('full_name', 'varchar(1000)', (c) => c.notNull().unique())
    .addColumn('parent_id', 'integer', (c) => c.references('service.id'))
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await withId(db, db.schema.createTable('sla'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('first_response_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_response_notify', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('update_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('update_notify', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('solution_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('solution_notify', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('calendar_name', 'varchar(100)')
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  await db.schema
    .createTable('service_sla')
    .addColumn('service_id', 'integer', (c) => c.notNull().references('service.id').onDelete('cascade'))
    .addColumn('sla_id', 'integer', (c) => c.notNull().references('sla.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('service_sla_pk', ['service_id', 'sla_id'])
    .execute();

  await withId(db, db.schema.createTable('custom_field'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('field_type', 'varchar(20)', (c) => c.notNull())
    // JSON: {"options": [{"value","label"}], "default": …}
    .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .execute();

  // ---- people -----------------------------------------------------------------------
  await withId(db, db.schema.createTable('agent'))
    .addColumn('login', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(200)', (c) => c.notNull())
    .addColumn('first_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('language', 'varchar(5)', (c) => c.notNull().defaultTo('en'))
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agent_role')
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agent.id').onDelete('cascade'))
    .addColumn('role_id', 'integer', (c) => c.notNull().references('role.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('agent_role_pk', ['agent_id', 'role_id'])
    .execute();

  await db.schema
    .createTable('role_group_permission')
    .addColumn('role_id', 'integer', (c) => c.notNull().references('role.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('permission_group.id').onDelete('cascade'))
    .addColumn('permission', 'varchar(20)', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_group_permission_pk', ['role_id', 'group_id', 'permission'])
    .execute();

  await db.schema
    .createTable('agent_group_permission')
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agent.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('permission_group.id').onDelete('cascade'))
    .addColumn('permission', 'varchar(20)', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_group_permission_pk', ['agent_id', 'group_id', 'permission'])
    .execute();

  await withId(db, db.schema.createTable('customer_company'))
    // The company key that OTRS calls CustomerID, e.g. "uni-spree.de" or "FB03".
    .addColumn('customer_id', 'varchar(150)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('street', 'varchar(200)')
    .addColumn('zip', 'varchar(20)')
    .addColumn('city', 'varchar(200)')
    .addColumn('country', 'varchar(200)')
    .addColumn('url', 'varchar(200)')
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('customer_user'))
    .addColumn('login', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(200)', (c) => c.notNull())
    .addColumn('first_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('customer_company_id', 'integer', (c) => c.references('customer_company.id'))
    .addColumn('phone', 'varchar(50)')
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('language', 'varchar(5)', (c) => c.notNull().defaultTo('de'))
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(yes))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_user_email_idx').on('customer_user').column('email').execute();

  // ---- tickets ------------------------------------------------------------------------
  await db.schema
    .createTable('ticket_number_counter')
    // "all" for AutoIncrement, the local date (YYYYMMDD) for date-based generators.
    .addColumn('scope', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('ticket'))
    .addColumn('tn', 'varchar(50)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(255)', (c) => c.notNull())
    .addColumn('queue_id', 'integer', (c) => c.notNull().references('queue.id'))
    .addColumn('state_id', 'integer', (c) => c.notNull().references('ticket_state.id'))
    .addColumn('priority_id', 'integer', (c) => c.notNull().references('ticket_priority.id'))
    .addColumn('type_id', 'integer', (c) => c.references('ticket_type.id'))
    .addColumn('service_id', 'integer', (c) => c.references('service.id'))
    .addColumn('sla_id', 'integer', (c) => c.references('sla.id'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('agent.id'))
    .addColumn('responsible_id', 'integer', (c) => c.references('agent.id'))
    .addColumn('lock', 'varchar(10)', (c) => c.notNull().defaultTo('unlock'))
    .addColumn('customer_user_id', 'integer', (c) => c.references('customer_user.id'))
    .addColumn('customer_company_id', 'integer', (c) => c.references('customer_company.id'))
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('pending_until', ts)
    .addColumn('merged_into_id', 'integer', (c) => c.references('ticket.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();
  // The queue view: tickets of some queues, by state, newest/oldest first.
  await db.schema.createIndex('ticket_queue_state_created_idx').on('ticket').columns(['queue_id', 'state_id', 'created_at']).execute();
  await db.schema.createIndex('ticket_owner_idx').on('ticket').columns(['owner_id', 'state_id']).execute();
  await db.schema.createIndex('ticket_responsible_idx').on('ticket').column('responsible_id').execute();
  await db.schema.createIndex('ticket_customer_user_idx').on('ticket').column('customer_user_id').execute();
  await db.schema.createIndex('ticket_customer_company_idx').on('ticket').column('customer_company_id').execute();

  await db.schema
    .createTable('ticket_custom_value')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('ticket.id').onDelete('cascade'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('custom_field.id').onDelete('cascade'))
    // JSON-encoded value (string, string[], boolean, date) so every field type fits one column.
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_custom_value_pk', ['ticket_id', 'field_id'])
    .execute();

  await withId(db, db.schema.createTable('raw_mail'))
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('source', 'varchar(100)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();

  await withId(db, db.schema.createTable('article'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('ticket.id'))
    .addColumn('sender_type', 'varchar(10)', (c) => c.notNull())
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('is_visible_for_customer', bool, (c) => c.notNull().defaultTo(no))
    .addColumn('from_address', 'text')
    .addColumn('to_address', 'text')
    .addColumn('cc_address', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('message_id', 'varchar(998)')
    .addColumn('in_reply_to', 'text')
    .addColumn('references', 'text')
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('raw_mail_id', 'integer', (c) => c.references('raw_mail.id'))
    .addColumn('time_units', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_agent_id', 'integer', (c) => c.references('agent.id'))
    .addColumn('created_by_customer_user_id', 'integer', (c) => c.references('customer_user.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_ticket_idx').on('article').columns(['ticket_id', 'created_at']).execute();
  await db.schema.createIndex('article_message_id_idx').on('article').column('message_id').execute();

  await withId(db, db.schema.createTable('attachment'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id'))
    .addColumn('filename', 'varchar(255)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // Content lives in the blob store under this hash; equal files are stored once.
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('is_inline', bool, (c) => c.notNull().defaultTo(no))
    .addColumn('content_id', 'varchar(255)')
    .execute();
  await db.schema.createIndex('attachment_article_idx').on('attachment').column('article_id').execute();

  await withId(db, db.schema.createTable('ticket_history'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('ticket.id'))
    .addColumn('article_id', 'integer', (c) => c.references('article.id'))
    .addColumn('history_type', 'varchar(50)', (c) => c.notNull())
    .addColumn('field', 'varchar(100)')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('agent_id', 'integer', (c) => c.references('agent.id'))
    .addColumn('customer_user_id', 'integer', (c) => c.references('customer_user.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_history_ticket_idx').on('ticket_history').columns(['ticket_id', 'id']).execute();

  await withId(db, db.schema.createTable('ticket_link'))
    // For parent_child the source is the parent; "normal" links are stored once, either way round.
    .addColumn('source_ticket_id', 'integer', (c) => c.notNull().references('ticket.id'))
    .addColumn('target_ticket_id', 'integer', (c) => c.notNull().references('ticket.id'))
    .addColumn('link_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_by_agent_id', 'integer', (c) => c.references('agent.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('ticket_link_unique', ['source_ticket_id', 'target_ticket_id'])
    .execute();
  await db.schema.createIndex('ticket_link_target_idx').on('ticket_link').column('target_ticket_id').execute();

  // Follow-on work written in the same transaction as the change (live updates, notifications).
  await withId(db, db.schema.createTable('ticket_event'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  // ---- authentication ---------------------------------------------------------------------
  await db.schema
    .createTable('agent_session')
    // sha256 of the cookie value: a leaked database does not hand out live sessions.
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agent.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('api_token'))
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agent.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    // First characters of the token, shown in lists so a user can tell tokens apart.
    .addColumn('prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('expires_at', ts)
    .addColumn('revoked_at', ts)
    .execute();

  if (isPostgres(db)) {
    // Case-insensitive lookups of logins and mail addresses without a full scan.
    await sql`CREATE INDEX agent_login_lower_idx ON agent (lower(login))`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The core schema cannot be rolled back; restore a backup instead.');
}
