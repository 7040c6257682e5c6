import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import type { SlaView, SystemAddressView, TextSnippetView } from './catalog.service.ts';

const MINUTE_FIELDS = ['firstResponseTime', 'firstResponseNotify', 'updateTime', 'updateNotify', 'solutionTime', 'solutionNotify'] as const;

export interface SlaInput {
  name?: string; firstResponseTime?: number; firstResponseNotify?: number; updateTime?: number; updateNotify?: number;
  solutionTime?: number; solutionNotify?: number; calendarName?: string | null; comment?: string | null; isValid?: boolean; serviceIds?: number[];
}

export async function listSlas(ctx: ServiceContext): Promise<SlaView[]> {
  const [rows, links] = await Promise.all([ctx.db.selectFrom('sla').selectAll().orderBy('name').execute(), ctx.db.selectFrom('service_sla').selectAll().execute()]);
  return rows.map((r) => ({
    id: r.id, name: r.name, firstResponseTime: r.first_response_time, firstResponseNotify: r.first_response_notify, updateTime: r.update_time,
    updateNotify: r.update_notify, solutionTime: r.solution_time, solutionNotify: r.solution_notify, calendarName: r.calendar_name,
    comment: r.comment, isValid: r.is_valid, serviceIds: links.filter((l) => l.sla_id === r.id).map((l) => l.service_id),
  }));
}

/** Creates or changes an SLA with its escalation times (minutes) and the services it covers (admins). */
export async function saveSla(ctx: ServiceContext, actor: Actor, id: number | null, input: SlaInput): Promise<SlaView> {
  requireAdmin(actor);
  for (const f of MINUTE_FIELDS) {
    const v = input[f];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw invalid(f, 'must be a whole number of zero or more');
    if (f.endsWith('Notify') && v !== undefined && v > 100) throw invalid(f, 'is a percentage (0 to 100)');
  }
  return inTransaction(ctx, async (tx) => {
    const name = input.name?.trim();
    if (id === null && !name) throw invalid('name', 'must not be empty');
    if (name) {
      const clash = await tx.db.selectFrom('sla').select('id').where('name', '=', name).executeTakeFirst();
      if (clash && clash.id !== id) throw new DomainError('CONFLICT', `An SLA "${name}" exists already.`, { field: 'name' });
    }
    const values = {
      ...(name ? { name } : {}),
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
    if (id === null) id = (await tx.db.insertInto('sla').values({ name: name as string, ...values, calendar_name: input.calendarName ?? null, comment: input.comment ?? null }).returning('id').executeTakeFirstOrThrow()).id;
    else if (Object.keys(values).length && Number((await tx.db.updateTable('sla').set(values).where('id', '=', id).executeTakeFirst()).numUpdatedRows) === 0) throw notFound(`SLA ${id}`);
    if (input.serviceIds) {
      const ids = [...new Set(input.serviceIds)];
      const found = ids.length ? await tx.db.selectFrom('service').select('id').where('id', 'in', ids).execute() : [];
      const missing = ids.filter((s) => !found.some((f) => f.id === s));
      if (missing.length) throw invalid('serviceIds', `service ${missing.join(', ')} does not exist`);
      await tx.db.deleteFrom('service_sla').where('sla_id', '=', id).execute();
      if (ids.length) await tx.db.insertInto('service_sla').values(ids.map((serviceId) => ({ service_id: serviceId, sla_id: id as number }))).execute();
    }
    const sla = (await listSlas(tx)).find((s) => s.id === id);
    if (!sla) throw notFound(`SLA ${id}`);
    return sla;
  });
}

export async function listSystemAddresses(ctx: ServiceContext): Promise<SystemAddressView[]> {
  const rows = await ctx.db.selectFrom('system_address').selectAll().orderBy('email').execute();
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, isValid: r.is_valid }));
}

/** Creates or changes an address the desk receives mail at and sends from (admins). */
export async function saveSystemAddress(ctx: ServiceContext, actor: Actor, id: number | null, input: { email?: string; displayName?: string; isValid?: boolean }): Promise<SystemAddressView> {
  requireAdmin(actor);
  const email = input.email?.trim().toLowerCase();
  if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid('email', 'is not an email address');
  if (id === null && !email) throw invalid('email', 'is required');
  if (input.displayName !== undefined && !input.displayName.trim()) throw invalid('displayName', 'must not be empty');
  if (email) {
    const clash = await ctx.db.selectFrom('system_address').select('id').where('email', '=', email).executeTakeFirst();
    if (clash && clash.id !== id) throw new DomainError('CONFLICT', `The address ${email} exists already.`, { field: 'email' });
  }
  const values = { ...(email ? { email } : {}), ...(input.displayName ? { display_name: input.displayName.trim() } : {}), ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}) };
  const row =
    id === null
      ? await ctx.db.insertInto('system_address').values({ email: email as string, display_name: input.displayName?.trim() ?? (email as string), is_valid: input.isValid ?? true }).returningAll().executeTakeFirstOrThrow()
      : await ctx.db.updateTable('system_address').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw notFound(`System address ${id}`);
  return { id: row.id, email: row.email, displayName: row.display_name, isValid: row.is_valid };
}

export async function listTextSnippets(ctx: ServiceContext, table: 'salutation' | 'signature'): Promise<TextSnippetView[]> {
  const rows = await ctx.db.selectFrom(table).selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, text: r.text, isValid: r.is_valid }));
}

/** Creates or changes a salutation or signature (admins); placeholders are filled when mail is sent. */
export async function saveTextSnippet(ctx: ServiceContext, actor: Actor, table: 'salutation' | 'signature', id: number | null, input: { name?: string; text?: string; isValid?: boolean }): Promise<TextSnippetView> {
  requireAdmin(actor);
  const name = input.name?.trim();
  if (id === null && !name) throw invalid('name', 'must not be empty');
  if (input.text !== undefined && input.text.length > 20_000) throw invalid('text', 'must be at most 20000 characters');
  if (name) {
    const clash = await ctx.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst();
    if (clash && clash.id !== id) throw new DomainError('CONFLICT', `"${name}" exists already.`, { field: 'name' });
  }
  const row =
    id === null
      ? await ctx.db.insertInto(table).values({ name: name as string, text: input.text ?? '', is_valid: input.isValid ?? true }).returningAll().executeTakeFirstOrThrow()
      : await ctx.db.updateTable(table).set({ ...(name ? { name } : {}), ...(input.text !== undefined ? { text: input.text } : {}), ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}) }).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw notFound(`${table} ${id}`);
  return { id: row.id, name: row.name, text: row.text, isValid: row.is_valid };
}
