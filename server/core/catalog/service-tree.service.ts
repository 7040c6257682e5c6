import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { checkTreeName, isSameOrBelow, joinTreeName, renameDescendants } from './tree-names.ts';

/** A service in the service tree (`E-Mail::Mailbox`), which tickets and SLAs refer to. */
export interface ServiceView {
  id: number;
  name: string;
  fullName: string;
  parentId: number | null;
  comment: string | null;
  isValid: boolean;
}

/** A service's settings; on update every field is optional. */
export interface ServiceInput {
  name: string;
  parentId?: number | null;
  comment?: string | null;
  isValid?: boolean;
}

/** Every service in tree order (by full name). Any agent may read. */
export async function listServices(ctx: ServiceContext, _actor: Actor): Promise<ServiceView[]> {
  const rows = await ctx.db.selectFrom('service').selectAll().orderBy('full_name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, fullName: r.full_name, parentId: r.parent_id, comment: r.comment, isValid: r.is_valid }));
}

/** One service. */
export async function getService(ctx: ServiceContext, actor: Actor, serviceId: number): Promise<ServiceView> {
  const service = (await listServices(ctx, actor)).find((s) => s.id === serviceId);
  if (!service) throw notFound(`Service ${serviceId}`);
  return service;
}

/** Creates a service, optionally below another (admins). */
export async function createService(ctx: ServiceContext, actor: Actor, input: ServiceInput): Promise<ServiceView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const name = checkTreeName(input.name, 'service');
    const parentId = input.parentId ?? null;
    const fullName = joinTreeName(await parentFullName(tx, parentId, null), name);
    await requireFreeFullName(tx, fullName, null);
    const values = { name, full_name: fullName, parent_id: parentId, comment: input.comment ?? null, is_valid: input.isValid ?? true };
    const row = await tx.db.insertInto('service').values(values).returning('id').executeTakeFirstOrThrow();
    return getService(tx, actor, row.id);
  });
}

/** Changes a service (admins); a new name or parent renames its whole subtree in the same transaction. */
export async function updateService(ctx: ServiceContext, actor: Actor, serviceId: number, input: Partial<ServiceInput>): Promise<ServiceView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = await getService(tx, actor, serviceId);
    const name = input.name === undefined ? current.name : checkTreeName(input.name, 'service');
    const parentId = input.parentId !== undefined ? input.parentId : current.parentId;
    const fullName = joinTreeName(await parentFullName(tx, parentId, current.fullName), name);
    if (fullName !== current.fullName) {
      await requireFreeFullName(tx, fullName, serviceId);
      await renameDescendants(tx, 'service', current.fullName, fullName);
    }
    const set = { name, full_name: fullName, parent_id: parentId, ...(input.comment !== undefined ? { comment: input.comment } : {}), ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}) };
    await tx.db.updateTable('service').set(set).where('id', '=', serviceId).execute();
    return getService(tx, actor, serviceId);
  });
}

/** The parent's full name; refuses unknown parents and (when moving `selfFullName`) its own subtree. */
async function parentFullName(ctx: ServiceContext, parentId: number | null, selfFullName: string | null): Promise<string | null> {
  if (parentId === null) return null;
  const parent = await ctx.db.selectFrom('service').select('full_name').where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw invalid('parentId', `service ${parentId} does not exist`);
  if (selfFullName !== null && isSameOrBelow(parent.full_name, selfFullName)) throw invalid('parentId', 'a service cannot be placed below itself');
  return parent.full_name;
}

async function requireFreeFullName(ctx: ServiceContext, fullName: string, exceptId: number | null): Promise<void> {
  const clash = await ctx.db.selectFrom('service').select('id').where('full_name', '=', fullName).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw new DomainError('CONFLICT', `A service "${fullName}" exists already.`, { field: 'name' });
}
