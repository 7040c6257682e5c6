import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect-types.ts';

/**
 * The default configuration of a new desk, kept 1:1 with OTRS's initial data so that
 * trained staff and migrated desks find the states, priorities and queues they know.
 * Ids are fixed because OTRS's are, and integrators rely on them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('ticket_state_type')
    .values([
      { id: 1, name: 'new', comment: 'All new state types (default: viewable).' },
      { id: 2, name: 'open', comment: 'All open state types (default: viewable).' },
      { id: 3, name: 'closed', comment: 'All closed state types (default: not viewable).' },
      { id: 4, name: 'pending reminder', comment: 'All pending reminder state types (default: viewable).' },
      { id: 5, name: 'pending auto', comment: 'All pending auto * state types (default: viewable).' },
      { id: 6, name: 'removed', comment: 'All removed state types (default: not viewable).' },
      { id: 7, name: 'merged', comment: 'State type for merged tickets (default: not viewable).' },
    ])
    .execute();

  await db
    .insertInto('ticket_state')
    .values([
      { id: 1, name: 'new', type_id: 1, comment: 'New ticket created by customer.' },
      { id: 2, name: 'closed successful', type_id: 3, comment: 'Ticket is closed successful.' },
      { id: 3, name: 'closed unsuccessful', type_id: 3, comment: 'Ticket is closed unsuccessful.' },
      { id: 4, name: 'open', type_id: 2, comment: 'Open tickets.' },
      { id: 5, name: 'removed', type_id: 6, comment: 'Customer removed ticket.' },
      { id: 6, name: 'pending reminder', type_id: 4, comment: 'Ticket is pending for agent reminder.' },
      { id: 7, name: 'pending auto close+', type_id: 5, comment: 'Ticket is pending for automatic close.' },
      { id: 8, name: 'pending auto close-', type_id: 5, comment: 'Ticket is pending for automatic close.' },
      { id: 9, name: 'merged', type_id: 7, comment: 'State for merged tickets.' },
    ])
    .execute();

  await db
    .insertInto('ticket_priority')
    .values([
      { id: 1, name: '1 very low' },
      { id: 2, name: '2 low' },
      { id: 3, name: '3 normal' },
      { id: 4, name: '4 high' },
      { id: 5, name: '5 very high' },
    ])
    .execute();

  await db
    .insertInto('ticket_type')
    .values([
      { id: 1, name: 'Unclassified' },
      { id: 2, name: 'Incident' },
      { id: 3, name: 'Service Request' },
      { id: 4, name: 'Problem' },
    ])
    .execute();

  await db
    .insertInto('permission_group')
    .values([
      { id: 1, name: 'users', comment: 'Group for default access.' },
      { id: 2, name: 'admin', comment: 'Group of all administrators.' },
      { id: 3, name: 'stats', comment: 'Group for statistics access.' },
    ])
    .execute();

  await db.insertInto('role').values({ id: 1, name: 'Admin', comment: 'Full access to every default group.' }).execute();
  await db
    .insertInto('role_group_permission')
    .values([1, 2, 3].map((groupId) => ({ role_id: 1, group_id: groupId, permission: 'rw' })))
    .execute();

  await db
    .insertInto('salutation')
    .values({ id: 1, name: 'system standard salutation (en)', text: 'Dear <CUSTOMER_REALNAME>,\n\nThank you for your request.\n' })
    .execute();
  await db
    .insertInto('signature')
    .values({ id: 1, name: 'system standard signature (en)', text: '\nYour Ticket-Team\n\n <AGENT_FIRSTNAME> <AGENT_LASTNAME>\n' })
    .execute();
  await db.insertInto('system_address').values({ id: 1, email: 'ticketwerk@localhost', display_name: 'Ticketwerk System' }).execute();

  // Agent 1 is the first admin, as root@localhost is in OTRS: owner of tickets no agent has
  // taken yet. Its password is set at first start (TICKETWERK_ADMIN_PASSWORD or generated).
  const now = new Date().toISOString();
  await db
    .insertInto('agent')
    .values({ id: 1, login: 'admin', email: 'admin@localhost', first_name: 'Admin', last_name: 'Ticketwerk', password_hash: null, created_at: now, changed_at: now })
    .execute();
  await db.insertInto('agent_role').values({ agent_id: 1, role_id: 1 }).execute();

  const queueDefaults = { group_id: 1, system_address_id: 1, salutation_id: 1, signature_id: 1 };
  await db
    .insertInto('queue')
    .values([
      { id: 1, name: 'Postmaster', full_name: 'Postmaster', comment: 'Postmaster queue.', ...queueDefaults },
      { id: 2, name: 'Raw', full_name: 'Raw', comment: 'All default incoming tickets.', ...queueDefaults },
      { id: 3, name: 'Junk', full_name: 'Junk', comment: 'All junk tickets.', ...queueDefaults },
      { id: 4, name: 'Misc', full_name: 'Misc', comment: 'All misc tickets.', ...queueDefaults },
    ])
    .execute();

  if (isPostgres(db)) {
    // Explicit ids above do not advance PostgreSQL identity sequences; move them past the seed.
    for (const table of ['ticket_state_type', 'ticket_state', 'ticket_priority', 'ticket_type', 'permission_group', 'role', 'salutation', 'signature', 'system_address', 'queue', 'agent']) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('The default configuration cannot be rolled back.');
}
