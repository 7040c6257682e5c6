import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { validateFilterInput } from './postmaster-filter-input.ts';
import { deleteFilter, findFilter, findFilterIdByName, insertFilter, listFilters, updateFilter } from './postmaster-filter.repository.ts';
import type { PostmasterFilter, PostmasterFilterInput } from './postmaster-filter.types.ts';

/** Every filter, valid or not, in the order they run. Admins only. */
export async function listPostmasterFilters(ctx: ServiceContext, actor: Actor): Promise<PostmasterFilter[]> {
  requireAdmin(actor);
  return listFilters(ctx);
}

/** One filter. Admins only. */
export async function getPostmasterFilter(ctx: ServiceContext, actor: Actor, filterId: number): Promise<PostmasterFilter> {
  requireAdmin(actor);
  const filter = await findFilter(ctx, filterId);
  if (!filter) throw notFound(`Postmaster filter ${filterId}`);
  return filter;
}

/** Adds a filter; names are unique because admins tell filters apart by them. */
export async function createPostmasterFilter(ctx: ServiceContext, actor: Actor, input: PostmasterFilterInput): Promise<PostmasterFilter> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const record = await validateFilterInput(tx, input);
    await requireFreeName(tx, record.name, null);
    const id = await insertFilter(tx, record, nowIso(tx));
    return (await findFilter(tx, id))!;
  });
}

/** Replaces a filter's definition as a whole, as the admin form submits it. */
export async function updatePostmasterFilter(ctx: ServiceContext, actor: Actor, filterId: number, input: PostmasterFilterInput): Promise<PostmasterFilter> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    if (!(await findFilter(tx, filterId))) throw notFound(`Postmaster filter ${filterId}`);
    const record = await validateFilterInput(tx, input);
    await requireFreeName(tx, record.name, filterId);
    await updateFilter(tx, filterId, record, nowIso(tx));
    return (await findFilter(tx, filterId))!;
  });
}

/** Removes a filter. Mail already processed keeps what the filter set. */
export async function deletePostmasterFilter(ctx: ServiceContext, actor: Actor, filterId: number): Promise<void> {
  requireAdmin(actor);
  await inTransaction(ctx, async (tx) => {
    if (!(await findFilter(tx, filterId))) throw notFound(`Postmaster filter ${filterId}`);
    await deleteFilter(tx, filterId);
  });
}

async function requireFreeName(ctx: ServiceContext, name: string, ownId: number | null): Promise<void> {
  const existing = await findFilterIdByName(ctx, name);
  if (existing !== undefined && existing !== ownId) {
    throw new DomainError('CONFLICT', `A postmaster filter named "${name}" already exists.`, { field: 'name' });
  }
}
