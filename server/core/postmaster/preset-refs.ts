import { sql } from 'kysely';
import { memoized, memoizedInTransaction, type ServiceContext } from '../context.ts';

/** Preset fields that name a configuration item or person by id. */
export const REF_KEYS = ['queueId', 'priorityId', 'stateId', 'typeId', 'serviceId', 'slaId', 'ownerId', 'responsibleId', 'customerUserId'] as const;
export type RefKey = (typeof REF_KEYS)[number];

interface RefSpec {
  table: 'queue' | 'ticket_priority' | 'ticket_state' | 'ticket_type' | 'service' | 'sla' | 'agent' | 'customer_user';
  /** The column people name the item by: a queue's full name, an agent's login … */
  nameColumn: 'full_name' | 'name' | 'login';
  what: string;
}

const REFS: Record<RefKey, RefSpec> = {
  queueId: { table: 'queue', nameColumn: 'full_name', what: 'queue' },
  priorityId: { table: 'ticket_priority', nameColumn: 'name', what: 'priority' },
  stateId: { table: 'ticket_state', nameColumn: 'name', what: 'state' },
  typeId: { table: 'ticket_type', nameColumn: 'name', what: 'type' },
  serviceId: { table: 'service', nameColumn: 'full_name', what: 'service' },
  slaId: { table: 'sla', nameColumn: 'name', what: 'SLA' },
  ownerId: { table: 'agent', nameColumn: 'login', what: 'agent' },
  responsibleId: { table: 'agent', nameColumn: 'login', what: 'agent' },
  customerUserId: { table: 'customer_user', nameColumn: 'login', what: 'customer user' },
};

/** A referenced item as looked up. */
export interface RefItem {
  id: number;
  name: string;
  isValid: boolean;
}

/** What a reference key points to, in words ("queue", "agent" …). */
export function refWhat(key: RefKey): string {
  return REFS[key].what;
}

/** Agents and customer users are people, not configuration: kept for one transaction only. */
function memoizedFor(key: RefKey) {
  const table = REFS[key].table;
  return table === 'agent' || table === 'customer_user' ? memoizedInTransaction : memoized;
}

function selectRef(ctx: ServiceContext, key: RefKey) {
  const spec = REFS[key];
  // Every referenced table has id, is_valid and its name column; the cast lets one query serve them all.
  return ctx.db
    .selectFrom(spec.table as 'ticket_type')
    .select(['id', 'is_valid', sql<string>`${sql.ref(spec.nameColumn)}`.as('name')]);
}

/** The item behind an id, valid or not, or undefined. */
export async function findRefById(ctx: ServiceContext, key: RefKey, id: number): Promise<RefItem | undefined> {
  return memoizedFor(key)(ctx, `ref:${key}:${id}`, async () => {
    const row = await selectRef(ctx, key).where('id', '=', id).executeTakeFirst();
    return row && { id: row.id, name: row.name, isValid: row.is_valid };
  });
}

/**
 * The valid item a header names, compared case-insensitively as people type names;
 * customer users may also be named by mail address.
 */
export async function findRefByName(ctx: ServiceContext, key: RefKey, name: string): Promise<RefItem | undefined> {
  const spec = REFS[key];
  const lower = name.trim().toLowerCase();
  return memoizedFor(key)(ctx, `ref-name:${key}:${lower}`, async () => {
    const row = await selectRef(ctx, key)
      .where((eb) => {
        const byName = eb(sql<string>`lower(${sql.ref(spec.nameColumn)})`, '=', lower);
        return key === 'customerUserId' ? eb.or([byName, eb(sql<string>`lower(email)`, '=', lower)]) : byName;
      })
      .where('is_valid', '=', true)
      .orderBy('id')
      .executeTakeFirst();
    return row && { id: row.id, name: row.name, isValid: row.is_valid };
  });
}
