import { STATE_TYPES, type StateType } from '../../../shared/domain.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/**
 * The configuration items tickets refer to: states, priorities, types, services, SLAs,
 * system addresses, salutations and signatures. Any agent may list them (forms show them);
 * admins create and change them. Items are never deleted, only made invalid, because
 * tickets and history keep referring to them (as in OTRS).
 */

export interface StateView { id: number; name: string; type: StateType; comment: string | null; isValid: boolean }
export interface NamedView { id: number; name: string; isValid: boolean }
export interface ServiceView extends NamedView { fullName: string; parentId: number | null; comment: string | null }
export interface SlaView extends NamedView {
  firstResponseTime: number; firstResponseNotify: number; updateTime: number; updateNotify: number; solutionTime: number;
  solutionNotify: number; calendarName: string | null; comment: string | null; serviceIds: number[];
}
export interface SystemAddressView { id: number; email: string; displayName: string; isValid: boolean }
export interface TextSnippetView extends NamedView { text: string }

export async function listStates(ctx: ServiceContext): Promise<StateView[]> {
  const rows = await ctx.db.selectFrom('ticket_state as s').innerJoin('ticket_state_type as st', 'st.id', 's.type_id').select(['s.id', 's.name', 'st.name as type', 's.comment', 's.is_valid']).orderBy('s.id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, type: r.type as StateType, comment: r.comment, isValid: r.is_valid }));
}

/** Creates or changes a state (admins); its type decides what it means (open, closed, pending …). */
export async function saveState(ctx: ServiceContext, actor: Actor, id: number | null, input: { name?: string; type?: StateType; comment?: string | null; isValid?: boolean }): Promise<StateView> {
  requireAdmin(actor);
  if (input.type === 'merged') throw invalid('type', 'only the built-in state "merged" has this type');
  if (input.type && !STATE_TYPES.includes(input.type)) throw invalid('type', `must be one of ${STATE_TYPES.join(', ')}`);
  return inTransaction(ctx, async (tx) => {
    const typeId = input.type ? (await tx.db.selectFrom('ticket_state_type').select('id').where('name', '=', input.type).executeTakeFirstOrThrow()).id : undefined;
    const name = input.name?.trim();
    if (name !== undefined) await requireFreeName(tx, 'ticket_state', name, id);
    if (id === null) {
      if (!name) throw invalid('name', 'must not be empty');
      if (!typeId) throw invalid('type', 'is required');
      const row = await tx.db.insertInto('ticket_state').values({ name, type_id: typeId, comment: input.comment ?? null, is_valid: input.isValid ?? true }).returning('id').executeTakeFirstOrThrow();
      id = row.id;
    } else {
      const set = { ...(name ? { name } : {}), ...(typeId ? { type_id: typeId } : {}), ...(input.comment !== undefined ? { comment: input.comment } : {}), ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}) };
      const result = Object.keys(set).length ? await tx.db.updateTable('ticket_state').set(set).where('id', '=', id).executeTakeFirst() : { numUpdatedRows: 1n };
      if (Number(result.numUpdatedRows) === 0) throw notFound(`State ${id}`);
    }
    return (await listStates(tx)).find((s) => s.id === id) as StateView;
  });
}

type NamedTable = 'ticket_priority' | 'ticket_type' | 'ticket_state';

async function requireFreeName(ctx: ServiceContext, table: NamedTable | 'sla' | 'salutation' | 'signature', name: string, exceptId: number | null): Promise<void> {
  if (!name) throw invalid('name', 'must not be empty');
  if (name.length > 200) throw invalid('name', 'must be at most 200 characters');
  let query = ctx.db.selectFrom(table).select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new DomainError('CONFLICT', `"${name}" exists already.`, { field: 'name' });
}

/** Lists priorities or ticket types. */
export async function listNamed(ctx: ServiceContext, table: 'ticket_priority' | 'ticket_type'): Promise<NamedView[]> {
  const rows = await ctx.db.selectFrom(table).select(['id', 'name', 'is_valid']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, isValid: r.is_valid }));
}

/** Creates (id null) or changes a ticket type, or renames/invalidates a priority (admins). */
export async function saveNamed(ctx: ServiceContext, actor: Actor, table: 'ticket_priority' | 'ticket_type', id: number | null, input: { name?: string; isValid?: boolean }): Promise<NamedView> {
  requireAdmin(actor);
  if (table === 'ticket_priority' && id === null) throw invalid('body', 'priorities are fixed at 1 to 5; rename them instead');
  const name = input.name?.trim();
  if (name !== undefined) await requireFreeName(ctx, table, name, id);
  const row =
    id === null
      ? await ctx.db.insertInto(table).values({ name: name ?? '', is_valid: input.isValid ?? true }).returning(['id', 'name', 'is_valid']).executeTakeFirstOrThrow()
      : await ctx.db.updateTable(table).set({ ...(name ? { name } : {}), ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}) }).where('id', '=', id).returning(['id', 'name', 'is_valid']).executeTakeFirst();
  if (!row) throw notFound(`${table === 'ticket_type' ? 'Type' : 'Priority'} ${id}`);
  return { id: row.id, name: row.name, isValid: row.is_valid };
}

export async function listServices(ctx: ServiceContext): Promise<ServiceView[]> {
  const rows = await ctx.db.selectFrom('service').selectAll().orderBy('full_name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, fullName: r.full_name, parentId: r.parent_id, comment: r.comment, isValid: r.is_valid }));
}

/** Creates or changes a service in the service tree (admins); renaming moves the subtree's names. */
export async function saveService(ctx: ServiceContext, actor: Actor, id: number | null, input: { name?: string; parentId?: number | null; comment?: string | null; isValid?: boolean }): Promise<ServiceView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = id === null ? null : await tx.db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
    if (id !== null && !current) throw notFound(`Service ${id}`);
    const name = (input.name ?? current?.name ?? '').trim();
    if (!name) throw invalid('name', 'must not be empty');
    if (name.includes('::')) throw invalid('name', 'must not contain "::"');
    const parentId = input.parentId !== undefined ? input.parentId : (current?.parent_id ?? null);
    const parent = parentId === null ? null : await tx.db.selectFrom('service').select(['id', 'full_name']).where('id', '=', parentId).executeTakeFirst();
    if (parentId !== null && !parent) throw invalid('parentId', `service ${parentId} does not exist`);
    if (current && parent && (parent.id === current.id || parent.full_name.startsWith(`${current.full_name}::`))) throw invalid('parentId', 'a service cannot be placed below itself');
    const fullName = parent ? `${parent.full_name}::${name}` : name;
    const clash = await tx.db.selectFrom('service').select('id').where('full_name', '=', fullName).executeTakeFirst();
    if (clash && clash.id !== id) throw new DomainError('CONFLICT', `A service "${fullName}" exists already.`, { field: 'name' });
    const values = { name, full_name: fullName, parent_id: parentId, comment: input.comment !== undefined ? input.comment : (current?.comment ?? null), is_valid: input.isValid ?? current?.is_valid ?? true };
    if (current) {
      for (const d of await tx.db.selectFrom('service').select(['id', 'full_name']).where('full_name', 'like', `${current.full_name}::%`).execute()) {
        if (d.full_name.startsWith(`${current.full_name}::`)) await tx.db.updateTable('service').set({ full_name: fullName + d.full_name.slice(current.full_name.length) }).where('id', '=', d.id).execute();
      }
      await tx.db.updateTable('service').set(values).where('id', '=', current.id).execute();
    } else {
      id = (await tx.db.insertInto('service').values(values).returning('id').executeTakeFirstOrThrow()).id;
    }
    return (await listServices(tx)).find((s) => s.id === id) as ServiceView;
  });
}
