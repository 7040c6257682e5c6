import type { ServiceContext } from '../context.ts';

/** How long submissions are kept for the rate limits. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Makes the caller's transaction the only one checking and recording submissions until it
 * ends: it writes the form's secret row, which PostgreSQL keeps locked until commit (SQLite
 * writes one transaction at a time anyway). Submissions are few; a spam wave waits in line.
 */
export async function lockSubmissions(ctx: ServiceContext, secretName: string): Promise<void> {
  await ctx.db.updateTable('system_secret').set((eb) => ({ value: eb.ref('value') })).where('name', '=', secretName).execute();
}

/** Submissions from one client address (keyed hash) or to one mail address since a time. */
export async function countSubmissions(ctx: ServiceContext, by: { ipHash: string } | { email: string }, since: Date): Promise<number> {
  let query = ctx.db.selectFrom('contact_form_submission').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '>', since.toISOString());
  query = 'ipHash' in by ? query.where('ip_hash', '=', by.ipHash) : query.where('email', '=', by.email.toLowerCase());
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Records one submission and forgets those older than a day. */
export async function recordSubmission(ctx: ServiceContext, row: { ipHash: string; email: string | null; outcome: 'created' | 'honeypot'; at: Date }): Promise<void> {
  await ctx.db.deleteFrom('contact_form_submission').where('created_at', '<', new Date(row.at.getTime() - KEEP_MS).toISOString()).execute();
  await ctx.db
    .insertInto('contact_form_submission')
    .values({ ip_hash: row.ipHash, email: row.email?.toLowerCase() ?? null, outcome: row.outcome, created_at: row.at.toISOString() })
    .execute();
}
