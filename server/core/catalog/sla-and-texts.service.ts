import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/**
 * SLAs (escalation times and the services they cover), salutations and signatures.
 * Any agent may list them; admins create and change them.
 */

/** An SLA: escalation times in minutes, notify thresholds in percent of the time. */
export interface SlaView {
  id: number; name: string; firstResponseTime: number; firstResponseNotify: number; updateTime: number; updateNotify: number;
  solutionTime: number; solutionNotify: number; calendarName: string | null; comment: string | null; isValid: boolean; serviceIds: number[];
}

/** An SLA's settings; `serviceIds` replaces the covered services when given. */
export interface SlaInput {
  name?: string; firstResponseTime?: number; firstResponseNotify?: number; updateTime?: number; updateNotify?: number;
  solutionTime?: number; solutionNotify?: number; calendarName?: string | null; comment?: string | null; isValid?: boolean; serviceIds?: number[];
}

/** A salutation or signature text with placeholders filled when mail is sent. */
export interface TextSnippetView { id: number; name: string; text: string; isValid: boolean }

const TIME_FIELDS = ['firstResponseTime', 'updateTime', 'solutionTime'] as const;
const PERCENT_FIELDS = ['firstResponseNotify', 'updateNotify', 'solutionNotify'] as const;

/** Every SLA with its services. Any agent may read. */
export async function listSlas(ctx: ServiceContext, _actor: Actor): Promise<SlaView[]> {
  const [rows, links] = await Promise.all([ctx.db.selectFrom('sla').selectAll().orderBy('name').execute(), ctx.db.selectFrom('service_sla').selectAll().orderBy('service_id').execute()]);
  return rows.map((r) => ({
    id: r.id, name: r.name, firstResponseTime: r.first_response_time, firstResponseNotify: r.first_response_notify, updateTime: r.update_time,
    updateNotify: r.update_notify, solutionTime: r.solution_time, solutionNotify: r.solution_notify, calendarName: r.calendar_name,
    comment: r.comment, isValid: r.is_valid, serviceIds: links.filter((l) => l.sla_id === r.id).map((l) => l.service_id),
  }));
}

/** One SLA. */
export async function getSla(ctx: ServiceContext, actor: Actor, slaId: number): Promise<SlaView> {
  const sla = (await listSlas(ctx, actor)).find((s) => s.id === slaId);
  if (!sla) throw notFound(`SLA ${slaId}`);
  return sla;
}

/** Creates an SLA with its escalation times (minutes) and the services it covers (admins). */
export async function createSla(ctx: ServiceContext, actor: Actor, input: SlaInput & { name: string }): Promise<SlaView> {
  requireAdmin(actor);
  checkSlaNumbers(input);
  return inTransaction(ctx, async (tx) => {
    const name = await requireFreeName(tx, 'sla', input.name, null);
    const row = await tx.db.insertInto('sla').values({ ...slaColumns(input), name, calendar_name: input.calendarName ?? null, comment: input.comment ?? null }).returning('id').executeTakeFirstOrThrow();
    await replaceSlaServices(tx, row.id, input.serviceIds);
    return getSla(tx, actor, row.id);
  });
}

/** Changes an SLA (admins). */
export async function updateSla(ctx: ServiceContext, actor: Actor, slaId: number, input: SlaInput): Promise<SlaView> {
  requireAdmin(actor);
  checkSlaNumbers(input);
  return inTransaction(ctx, async (tx) => {
    await getSla(tx, actor, slaId);
    const set = { ...slaColumns(input), ...(input.name !== undefined ? { name: await requireFreeName(tx, 'sla', input.name, slaId) } : {}) };
    if (Object.keys(set).length) await tx.db.updateTable('sla').set(set).where('id', '=', slaId).execute();
    await replaceSlaServices(tx, slaId, input.serviceIds);
    return getSla(tx, actor, slaId);
  });
}

function checkSlaNumbers(input: SlaInput): void {
  for (const field of [...TIME_FIELDS, ...PERCENT_FIELDS]) {
    const value = input[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw invalid(field, 'must be a whole number of zero or more');
  }
  for (const field of PERCENT_FIELDS) if ((input[field] ?? 0) > 100) throw invalid(field, 'is a percentage (0 to 100)');
  if ((input.calendarName?.length ?? 0) > 100) throw invalid('calendarName', 'must be at most 100 characters');
  if ((input.comment?.length ?? 0) > 250) throw invalid('comment', 'must be at most 250 characters');
}

/** The columns given in the input (name aside). */
function slaColumns(input: SlaInput) {
  return {
    ...(input.firstResponseTime !== undefined ? { first_response_time: input.firstResponseTime } : {}),
    ...(input.firstResponseNotify !== undefined ? { first_response_notify: input.firstResponseNotify } : {}),
    ...(input.updateTime !== undefined ? { update_time: input.updateTime } : {}),
    ...(input.updateNotify !== undefined ? { update_notify: input.updateNotify } : {}),
    ...(input.solutionTime !== undefined ? { solution_time: input.solutionTime } : {}),
    ...(input.solutionNotify !== undefined ? { solution_notify: input.solutionNotify } : {}),
    ...(input.calendarName !== undefined ? { calendar_name: input.calendarName } : {}),
    ...(input.comment !== undefined ? { comment: input.comment } : {}),
    ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}),
  };
}

async function replaceSlaServices(ctx: ServiceContext, slaId: number, serviceIds: number[] | undefined): Promise<void> {
  if (!serviceIds) return;
  const ids = [...new Set(serviceIds)];
  const found = ids.length ? await ctx.db.selectFrom('service').select('id').where('id', 'in', ids).execute() : [];
  const missing = ids.filter((s) => !found.some((f) => f.id === s));
  if (missing.length) throw invalid('serviceIds', `service ${missing.join(', ')} does not exist`);
  await ctx.db.deleteFrom('service_sla').where('sla_id', '=', slaId).execute();
  if (ids.length) await ctx.db.insertInto('service_sla').values(ids.map((serviceId) => ({ service_id: serviceId, sla_id: slaId }))).execute();
}

/** Checks a name (trimmed, not empty, at most 200 characters, unique case-insensitively) and returns it trimmed. */
async function requireFreeName(ctx: ServiceContext, table: 'sla' | 'salutation' | 'signature', raw: string, exceptId: number | null): Promise<string> {
  const name = raw.trim();
  if (!name) throw invalid('name', 'must not be empty');
  if (name.length > 200) throw invalid('name', 'must be at most 200 characters');
  let query = ctx.db.selectFrom(table).select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new DomainError('CONFLICT', `"${name}" exists already.`, { field: 'name' });
  return name;
}

/** Salutations or signatures. Any agent may read (reply forms show them). */
export async function listTextSnippets(ctx: ServiceContext, _actor: Actor, table: 'salutation' | 'signature'): Promise<TextSnippetView[]> {
  const rows = await ctx.db.selectFrom(table).selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, text: r.text, isValid: r.is_valid }));
}

/** One salutation or signature. */
export async function getTextSnippet(ctx: ServiceContext, actor: Actor, table: 'salutation' | 'signature', id: number): Promise<TextSnippetView> {
  const item = (await listTextSnippets(ctx, actor, table)).find((s) => s.id === id);
  if (!item) throw notFound(`${table === 'salutation' ? 'Salutation' : 'Signature'} ${id}`);
  return item;
}

/** Creates a salutation or signature (admins). */
export async function createTextSnippet(ctx: ServiceContext, actor: Actor, table: 'salutation' | 'signature', input: { name: string; text: string; isValid?: boolean }): Promise<TextSnippetView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const name = await requireFreeName(tx, table, input.name, null);
    const row = await tx.db.insertInto(table).values({ name, text: input.text, is_valid: input.isValid ?? true }).returning('id').executeTakeFirstOrThrow();
    return getTextSnippet(tx, actor, table, row.id);
  });
}

/** Changes a salutation or signature (admins). */
export async function updateTextSnippet(ctx: ServiceContext, actor: Actor, table: 'salutation' | 'signature', id: number, input: { name?: string; text?: string; isValid?: boolean }): Promise<TextSnippetView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    await getTextSnippet(tx, actor, table, id);
    const set = { ...(input.name !== undefined ? { name: await requireFreeName(tx, table, input.name, id) } : {}), ...(input.text !== undefined ? { text: input.text } : {}), ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}) };
    if (Object.keys(set).length) await tx.db.updateTable(table).set(set).where('id', '=', id).execute();
    return getTextSnippet(tx, actor, table, id);
  });
}
