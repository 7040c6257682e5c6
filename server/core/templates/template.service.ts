import type { Selectable } from 'kysely';
import { TEMPLATE_CONTENT_TYPES, TEMPLATE_TYPES, type TemplateContentType, type TemplateType } from '../../../shared/domain.ts';
import type { StandardTemplateTable } from '../../db/schema-templates.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { groupsWith, may, requireAdmin } from '../permissions/permission.service.ts';

/** A standard template as the API shows it. */
export interface TemplateView {
  id: number;
  name: string;
  type: TemplateType;
  text: string;
  contentType: TemplateContentType;
  comment: string | null;
  isValid: boolean;
  /** Queues whose agents are offered the template. */
  queueIds: number[];
  createdAt: string;
  changedAt: string;
}

/** A template's settings; on update every field is optional. */
export interface TemplateInput {
  name: string;
  type: TemplateType;
  text: string;
  contentType?: TemplateContentType;
  comment?: string | null;
  isValid?: boolean;
  queueIds?: number[];
}

/** Which templates to list. */
export interface TemplateFilter {
  queueId?: number;
  type?: TemplateType;
}

const isAdmin = (actor: Actor) => actor.kind === 'system' || actor.isAdmin;

/**
 * Templates for the compose screens. Agents get the valid templates assigned to the queue
 * (or to any queue they may see when none is named); admins get all, valid or not.
 */
export async function listTemplates(ctx: ServiceContext, actor: Actor, filter: TemplateFilter): Promise<TemplateView[]> {
  let queueIds: number[] | null = filter.queueId === undefined ? null : [filter.queueId];
  if (filter.queueId !== undefined) {
    const queue = await ctx.db.selectFrom('queue').select('group_id').where('id', '=', filter.queueId).executeTakeFirst();
    if (!queue || (!isAdmin(actor) && !may(actor, queue.group_id, 'ro'))) throw notFound(`Queue ${filter.queueId}`, 'queueId');
  } else if (!isAdmin(actor)) {
    const groups = groupsWith(actor, 'ro') ?? [];
    queueIds = groups.length === 0 ? [] : (await ctx.db.selectFrom('queue').select('id').where('group_id', 'in', groups).execute()).map((q) => q.id);
    if (queueIds.length === 0) return [];
  }
  let query = ctx.db.selectFrom('standard_template').selectAll().orderBy('name').orderBy('id');
  if (queueIds !== null) {
    const ids = queueIds;
    query = query.where('id', 'in', (eb) => eb.selectFrom('queue_standard_template').select('standard_template_id').where('queue_id', 'in', ids));
  }
  if (filter.type) query = query.where('template_type', '=', filter.type);
  if (!isAdmin(actor)) query = query.where('is_valid', '=', true);
  return withQueues(ctx, await query.execute());
}

/** One template (admins). */
export async function getTemplate(ctx: ServiceContext, actor: Actor, id: number): Promise<TemplateView> {
  requireAdmin(actor);
  const row = await ctx.db.selectFrom('standard_template').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Template ${id}`);
  const [view] = await withQueues(ctx, [row]);
  return view as TemplateView;
}

/** Creates a template and assigns it to queues (admins). */
export async function createTemplate(ctx: ServiceContext, actor: Actor, input: TemplateInput): Promise<TemplateView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const values = checked(input);
    await requireFreeName(tx, values.name, null);
    const now = nowIso(tx);
    const row = await tx.db.insertInto('standard_template').values({ ...values, created_at: now, changed_at: now }).returning('id').executeTakeFirstOrThrow();
    await assignQueues(tx, row.id, input.queueIds ?? []);
    return getTemplate(tx, actor, row.id);
  });
}

/** Changes a template; `queueIds`, when given, replaces the assignment (admins). */
export async function updateTemplate(ctx: ServiceContext, actor: Actor, id: number, input: Partial<TemplateInput>): Promise<TemplateView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = await getTemplate(tx, actor, id);
    const values = checked({ ...current, ...input });
    await requireFreeName(tx, values.name, id);
    await tx.db.updateTable('standard_template').set({ ...values, changed_at: nowIso(tx) }).where('id', '=', id).execute();
    if (input.queueIds !== undefined) await assignQueues(tx, id, input.queueIds);
    return getTemplate(tx, actor, id);
  });
}

/** A valid template by id for composing, checked against the queue and kind; NOT_FOUND names `templateId`. */
export async function findUsableTemplate(ctx: ServiceContext, templateId: number, queueId: number): Promise<{ text: string; contentType: TemplateContentType; type: TemplateType }> {
  const row = await ctx.db
    .selectFrom('standard_template as t')
    .innerJoin('queue_standard_template as qt', 'qt.standard_template_id', 't.id')
    .select(['t.text', 't.content_type', 't.template_type'])
    .where('t.id', '=', templateId)
    .where('qt.queue_id', '=', queueId)
    .where('t.is_valid', '=', true)
    .executeTakeFirst();
  if (!row) throw notFound(`Template ${templateId} for this ticket's queue`, 'templateId');
  return { text: row.text, contentType: row.content_type as TemplateContentType, type: row.template_type as TemplateType };
}

function checked(input: TemplateInput) {
  const name = input.name.trim();
  if (!name || name.length > 200) throw invalid('name', 'must be 1 to 200 characters');
  if (!TEMPLATE_TYPES.includes(input.type)) throw invalid('type', `must be one of ${TEMPLATE_TYPES.join(', ')}`);
  const contentType = input.contentType ?? 'text/plain';
  if (!TEMPLATE_CONTENT_TYPES.includes(contentType)) throw invalid('contentType', `must be one of ${TEMPLATE_CONTENT_TYPES.join(', ')}`);
  if (input.text.length > 100_000) throw invalid('text', 'must be at most 100000 characters');
  if ((input.comment?.length ?? 0) > 250) throw invalid('comment', 'must be at most 250 characters');
  return { name, template_type: input.type, text: input.text, content_type: contentType, comment: input.comment ?? null, is_valid: input.isValid ?? true };
}

async function requireFreeName(ctx: ServiceContext, name: string, exceptId: number | null): Promise<void> {
  const taken = await ctx.db.selectFrom('standard_template').select('id').where('name', '=', name).executeTakeFirst();
  if (taken && taken.id !== exceptId) throw new DomainError('CONFLICT', `A template "${name}" exists already.`, { field: 'name' });
}

async function assignQueues(ctx: ServiceContext, templateId: number, queueIds: number[]): Promise<void> {
  const unique = [...new Set(queueIds)];
  if (unique.length > 0) {
    const found = await ctx.db.selectFrom('queue').select('id').where('id', 'in', unique).execute();
    const missing = unique.filter((q) => !found.some((f) => f.id === q));
    if (missing.length > 0) throw invalid('queueIds', `queue ${missing.join(', ')} does not exist`);
  }
  await ctx.db.deleteFrom('queue_standard_template').where('standard_template_id', '=', templateId).execute();
  if (unique.length > 0) {
    await ctx.db.insertInto('queue_standard_template').values(unique.map((queueId) => ({ queue_id: queueId, standard_template_id: templateId }))).execute();
  }
}

async function withQueues(ctx: ServiceContext, rows: Selectable<StandardTemplateTable>[]): Promise<TemplateView[]> {
  if (rows.length === 0) return [];
  const links = await ctx.db
    .selectFrom('queue_standard_template')
    .select(['queue_id', 'standard_template_id'])
    .where('standard_template_id', 'in', rows.map((r) => r.id))
    .orderBy('queue_id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.template_type as TemplateType,
    text: r.text,
    contentType: r.content_type as TemplateContentType,
    comment: r.comment,
    isValid: r.is_valid,
    queueIds: links.filter((l) => l.standard_template_id === r.id).map((l) => l.queue_id),
    createdAt: r.created_at,
    changedAt: r.changed_at,
  }));
}
