import type { Selectable } from 'kysely';
import type { PostmasterFilterTable } from '../../db/schema-postmaster.ts';
import type { ServiceContext } from '../context.ts';
import { sortFilters } from './filter-match.ts';
import type { FilterSets, MatchRule, PostmasterFilter } from './postmaster-filter.types.ts';

/** A filter as stored: the input after validation, with every optional part filled in. */
export type FilterRecord = Omit<PostmasterFilter, 'id' | 'createdAt' | 'changedAt'>;

function toFilter(row: Selectable<PostmasterFilterTable>): PostmasterFilter {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    isValid: row.is_valid,
    stopAfterMatch: row.is_stop_after_match,
    ignore: row.is_ignore,
    match: JSON.parse(row.match_rules) as MatchRule[],
    newTicket: JSON.parse(row.set_new_ticket) as FilterSets,
    followUp: JSON.parse(row.set_follow_up) as FilterSets,
    comment: row.comment,
    createdAt: row.created_at,
    changedAt: row.changed_at,
  };
}

function toColumns(record: FilterRecord) {
  return {
    name: record.name,
    position: record.position,
    is_valid: record.isValid,
    is_stop_after_match: record.stopAfterMatch,
    is_ignore: record.ignore,
    match_rules: JSON.stringify(record.match),
    set_new_ticket: JSON.stringify(record.newTicket),
    set_follow_up: JSON.stringify(record.followUp),
    comment: record.comment,
  };
}

/** Filters in the order they run (position, then name); only valid ones when asked. */
export async function listFilters(ctx: ServiceContext, options: { validOnly?: boolean } = {}): Promise<PostmasterFilter[]> {
  let query = ctx.db.selectFrom('postmaster_filter').selectAll();
  if (options.validOnly) query = query.where('is_valid', '=', true);
  const rows = await query.orderBy('position').orderBy('name').execute();
  // Sorted again in code: the databases' collations order names differently, OTRS uses byte order.
  return sortFilters(rows.map(toFilter));
}

export async function findFilter(ctx: ServiceContext, id: number): Promise<PostmasterFilter | undefined> {
  const row = await ctx.db.selectFrom('postmaster_filter').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toFilter(row);
}

export async function findFilterIdByName(ctx: ServiceContext, name: string): Promise<number | undefined> {
  const row = await ctx.db.selectFrom('postmaster_filter').select('id').where('name', '=', name).executeTakeFirst();
  return row?.id;
}

export async function insertFilter(ctx: ServiceContext, record: FilterRecord, now: string): Promise<number> {
  const row = await ctx.db
    .insertInto('postmaster_filter')
    .values({ ...toColumns(record), created_at: now, changed_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateFilter(ctx: ServiceContext, id: number, record: FilterRecord, now: string): Promise<void> {
  await ctx.db.updateTable('postmaster_filter').set({ ...toColumns(record), changed_at: now }).where('id', '=', id).execute();
}

export async function deleteFilter(ctx: ServiceContext, id: number): Promise<void> {
  await ctx.db.deleteFrom('postmaster_filter').where('id', '=', id).execute();
}
