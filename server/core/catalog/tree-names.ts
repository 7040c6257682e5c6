import { sql, type SqlBool } from 'kysely';
import type { ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';

/**
 * Queues and services are trees whose rows store their whole path as `full_name`
 * (`Parent::Child`, as OTRS does), so lists sort and search by path without recursion.
 * These helpers keep the stored paths right when a node is renamed or moved.
 */

export const TREE_SEPARATOR = '::';

/** Longest stored path (varchar(1000)). */
const FULL_NAME_MAX = 1000;

/** Checks one level's name and returns it trimmed. */
export function checkTreeName(raw: string, what: string): string {
  const name = raw.trim();
  if (!name) throw invalid('name', 'must not be empty');
  if (name.length > 200) throw invalid('name', 'must be at most 200 characters');
  if (name.includes(TREE_SEPARATOR)) throw invalid('name', `must not contain "${TREE_SEPARATOR}" (it separates ${what} levels)`);
  return name;
}

/** The full path of a node below `parentFullName` (or at the top when null). */
export function joinTreeName(parentFullName: string | null, name: string): string {
  const fullName = parentFullName === null ? name : `${parentFullName}${TREE_SEPARATOR}${name}`;
  if (fullName.length > FULL_NAME_MAX) throw invalid('name', `the full name would be longer than ${FULL_NAME_MAX} characters`);
  return fullName;
}

/** True when `fullName` is `ancestor` itself or lies anywhere below it. */
export function isSameOrBelow(fullName: string, ancestor: string): boolean {
  return fullName === ancestor || fullName.startsWith(`${ancestor}${TREE_SEPARATOR}`);
}

/** Rewrites the stored path of every descendant of `from` to lie below `to`. */
export async function renameDescendants(ctx: ServiceContext, table: 'queue' | 'service', from: string, to: string): Promise<void> {
  const prefix = `${from}${TREE_SEPARATOR}`;
  // Names may contain LIKE wildcards, and PostgreSQL escapes with a backslash by default: escape with "!".
  // SQLite's LIKE ignores ASCII case, so the prefix check below keeps only true descendants.
  const pattern = `${prefix.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  const rows = await ctx.db.selectFrom(table).select(['id', 'full_name']).where(sql<SqlBool>`${sql.ref('full_name')} like ${pattern} escape '!'`).execute();
  for (const row of rows.filter((r) => r.full_name.startsWith(prefix))) {
    const renamed = to + row.full_name.slice(from.length);
    if (renamed.length > FULL_NAME_MAX) throw invalid('name', `"${renamed}" would be longer than ${FULL_NAME_MAX} characters`);
    await ctx.db.updateTable(table).set({ full_name: renamed }).where('id', '=', row.id).execute();
  }
}
