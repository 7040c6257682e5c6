import { STATE_TYPES, type StateType } from '../../../shared/domain.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/**
 * States, state types, priorities and ticket types. Any agent may list them (forms show
 * them); admins create and change them. Items are never deleted, only made invalid, because
 * tickets and history keep referring to them (as in OTRS).
 */

export interface StateView { id: number; name: string; type: StateType; comment: string | null; isValid: boolean }
export interface StateTypeView { id: number; name: StateType; comment: string | null }
export interface NamedView { id: number; name: string; isValid: boolean }

/** Changes to a state; on create name and type are required. */
export interface StateInput {
  name?: string;
  /** What the state means: open, closed, pending … ("merged" is reserved for the built-in state). */
  type?: StateType;
  comment?: string | null;
  isValid?: boolean;
}

/** Longest name the catalog tables hold (varchar(100)). */
const NAME_MAX = 100;

/** Every state with its type's name. Any agent may read. */
export async function listStates(ctx: ServiceContext, _actor: Actor): Promise<StateView[]> {
  const rows = await ctx.db
    .selectFrom('ticket_state as s')
    .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
    .select(['s.id', 's.name', 'st.name as type', 's.comment', 's.is_valid'])
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, type: r.type as StateType, comment: r.comment, isValid: r.is_valid }));
}

/** One state. */
export async function getState(ctx: ServiceContext, actor: Actor, stateId: number): Promise<StateView> {
  const state = (await listStates(ctx, actor)).find((s) => s.id === stateId);
  if (!state) throw notFound(`State ${stateId}`);
  return state;
}

/** The fixed state types (new, open, closed, pending …). Any agent may read. */
export async function listStateTypes(ctx: ServiceContext, _actor: Actor): Promise<StateTypeView[]> {
  const rows = await ctx.db.selectFrom('ticket_state_type').select(['id', 'name', 'comment']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name as StateType, comment: r.comment }));
}

/** Creates a state of a type (admins). */
export async function createState(ctx: ServiceContext, actor: Actor, input: StateInput & { name: string; type: StateType }): Promise<StateView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const name = await requireFreeName(tx, 'ticket_state', input.name, null);
    const typeId = await stateTypeId(tx, input.type);
    const row = await tx.db.insertInto('ticket_state').values({ name, type_id: typeId, comment: input.comment ?? null, is_valid: input.isValid ?? true }).returning('id').executeTakeFirstOrThrow();
    return getState(tx, actor, row.id);
  });
}

/** Renames, retypes or invalidates a state (admins). */
export async function updateState(ctx: ServiceContext, actor: Actor, stateId: number, input: StateInput): Promise<StateView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    await getState(tx, actor, stateId);
    const set = {
      ...(input.name !== undefined ? { name: await requireFreeName(tx, 'ticket_state', input.name, stateId) } : {}),
      ...(input.type !== undefined ? { type_id: await stateTypeId(tx, input.type) } : {}),
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}),
    };
    if (Object.keys(set).length) await tx.db.updateTable('ticket_state').set(set).where('id', '=', stateId).execute();
    return getState(tx, actor, stateId);
  });
}

async function stateTypeId(ctx: ServiceContext, type: StateType): Promise<number> {
  // Merging sets the one built-in "merged" state; a second one would confuse merge and search.
  if (type === 'merged') throw invalid('type', 'only the built-in state "merged" has this type');
  const row = STATE_TYPES.includes(type) ? await ctx.db.selectFrom('ticket_state_type').select('id').where('name', '=', type).executeTakeFirst() : undefined;
  if (!row) throw invalid('type', `must be one of ${STATE_TYPES.filter((t) => t !== 'merged').join(', ')}`);
  return row.id;
}

/** Checks a name (trimmed, not empty, short enough, unique case-insensitively) and returns it trimmed. */
async function requireFreeName(ctx: ServiceContext, table: 'ticket_priority' | 'ticket_type' | 'ticket_state', raw: string, exceptId: number | null): Promise<string> {
  const name = raw.trim();
  if (!name) throw invalid('name', 'must not be empty');
  if (name.length > NAME_MAX) throw invalid('name', `must be at most ${NAME_MAX} characters`);
  let query = ctx.db.selectFrom(table).select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new DomainError('CONFLICT', `"${name}" exists already.`, { field: 'name' });
  return name;
}

type NamedTable = 'ticket_priority' | 'ticket_type';

async function listNamed(ctx: ServiceContext, table: NamedTable): Promise<NamedView[]> {
  const rows = await ctx.db.selectFrom(table).select(['id', 'name', 'is_valid']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, isValid: r.is_valid }));
}

async function getNamed(ctx: ServiceContext, table: NamedTable, id: number): Promise<NamedView> {
  const item = (await listNamed(ctx, table)).find((x) => x.id === id);
  if (!item) throw notFound(`${table === 'ticket_type' ? 'Ticket type' : 'Priority'} ${id}`);
  return item;
}

async function updateNamed(ctx: ServiceContext, table: NamedTable, id: number, input: { name?: string; isValid?: boolean }): Promise<NamedView> {
  return inTransaction(ctx, async (tx) => {
    await getNamed(tx, table, id);
    const set = { ...(input.name !== undefined ? { name: await requireFreeName(tx, table, input.name, id) } : {}), ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}) };
    if (Object.keys(set).length) await tx.db.updateTable(table).set(set).where('id', '=', id).execute();
    return getNamed(tx, table, id);
  });
}

/** The five priorities (1 very low … 5 very high). Any agent may read. */
export const listPriorities = (ctx: ServiceContext, _actor: Actor) => listNamed(ctx, 'ticket_priority');

/** One priority. */
export const getPriority = (ctx: ServiceContext, _actor: Actor, id: number) => getNamed(ctx, 'ticket_priority', id);

/** Renames or invalidates a priority (admins). Priorities are fixed at five, so there is no create. */
export async function updatePriority(ctx: ServiceContext, actor: Actor, id: number, input: { name?: string; isValid?: boolean }): Promise<NamedView> {
  requireAdmin(actor);
  return updateNamed(ctx, 'ticket_priority', id, input);
}

/** Ticket types (Incident, Service request …). Any agent may read. */
export const listTicketTypes = (ctx: ServiceContext, _actor: Actor) => listNamed(ctx, 'ticket_type');

/** One ticket type. */
export const getTicketType = (ctx: ServiceContext, _actor: Actor, id: number) => getNamed(ctx, 'ticket_type', id);

/** Creates a ticket type (admins). */
export async function createTicketType(ctx: ServiceContext, actor: Actor, input: { name: string; isValid?: boolean }): Promise<NamedView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const name = await requireFreeName(tx, 'ticket_type', input.name, null);
    const row = await tx.db.insertInto('ticket_type').values({ name, is_valid: input.isValid ?? true }).returning('id').executeTakeFirstOrThrow();
    return getNamed(tx, 'ticket_type', row.id);
  });
}

/** Renames or invalidates a ticket type (admins). */
export async function updateTicketType(ctx: ServiceContext, actor: Actor, id: number, input: { name?: string; isValid?: boolean }): Promise<NamedView> {
  requireAdmin(actor);
  return updateNamed(ctx, 'ticket_type', id, input);
}
