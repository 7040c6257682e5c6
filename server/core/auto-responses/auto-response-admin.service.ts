import { LANGUAGES, type Language } from '../../../shared/domain.ts';
import { requireQueue } from '../catalog/catalog.lookup.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { PLACEHOLDER_NAMES, unknownPlaceholders } from '../outbox/placeholders.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import type { AutoResponseRow } from './auto-response.repository.ts';
import type { AutoResponseEvent } from './auto-response.service.ts';

export const AUTO_RESPONSE_EVENTS = ['new_ticket', 'follow_up', 'reject', 'new_ticket_after_close'] as const satisfies readonly AutoResponseEvent[];
/** Long enough for step-by-step solutions (a password reset guide) in the answer itself. */
export const MAX_AUTO_RESPONSE_BODY = 100_000;

/** An auto-response as the API shows it. */
export interface AutoResponseView {
  id: number;
  queueId: number;
  event: AutoResponseEvent;
  language: Language;
  subject: string;
  body: string;
  isValid: boolean;
  createdAt: string;
  changedAt: string;
}

/** A new auto-response; one per queue, event and language. */
export interface AutoResponseInput {
  queueId: number;
  event: AutoResponseEvent;
  language: Language;
  subject: string;
  body: string;
  isValid?: boolean;
}

/** Auto-responses, optionally of one queue or event, by queue, event and language. */
export async function listAutoResponses(ctx: ServiceContext, actor: Actor, filter: { queueId?: number; event?: AutoResponseEvent } = {}): Promise<AutoResponseView[]> {
  requireAdmin(actor);
  let query = ctx.db.selectFrom('auto_response').selectAll();
  if (filter.queueId !== undefined) query = query.where('queue_id', '=', filter.queueId);
  if (filter.event !== undefined) query = query.where('event', '=', filter.event);
  return (await query.orderBy('queue_id').orderBy('event').orderBy('language').execute()).map(toView);
}

/** One auto-response. */
export async function getAutoResponse(ctx: ServiceContext, actor: Actor, id: number): Promise<AutoResponseView> {
  requireAdmin(actor);
  return toView(await requireRow(ctx, id));
}

/** Creates an auto-response; a second text for the same queue, event and language is a conflict. */
export async function createAutoResponse(ctx: ServiceContext, actor: Actor, input: AutoResponseInput): Promise<AutoResponseView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    validateTexts(input);
    await requireQueue(tx, input.queueId);
    await requireFreeSlot(tx, input);
    const now = nowIso(tx);
    const row = await tx.db
      .insertInto('auto_response')
      .values({ queue_id: input.queueId, event: input.event, language: input.language, subject: input.subject.trim(), body: input.body, is_valid: input.isValid ?? true, created_at: now, changed_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toView(row);
  });
}

/** Changes an auto-response; fields left out stay as they are. */
export async function updateAutoResponse(ctx: ServiceContext, actor: Actor, id: number, changes: Partial<AutoResponseInput>): Promise<AutoResponseView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = await requireRow(tx, id);
    const next: AutoResponseInput = {
      queueId: changes.queueId ?? current.queue_id,
      event: changes.event ?? (current.event as AutoResponseEvent),
      language: changes.language ?? (current.language as Language),
      subject: changes.subject ?? current.subject,
      body: changes.body ?? current.body,
      isValid: changes.isValid ?? current.is_valid,
    };
    validateTexts(next);
    if (changes.queueId !== undefined) await requireQueue(tx, next.queueId);
    await requireFreeSlot(tx, next, id);
    const row = await tx.db
      .updateTable('auto_response')
      .set({ queue_id: next.queueId, event: next.event, language: next.language, subject: next.subject.trim(), body: next.body, is_valid: next.isValid ?? true, changed_at: nowIso(tx) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toView(row);
  });
}

/** Deletes an auto-response; the queue then sends none for that event and language. */
export async function deleteAutoResponse(ctx: ServiceContext, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await requireRow(ctx, id);
  await ctx.db.deleteFrom('auto_response').where('id', '=', id).execute();
}

function validateTexts(input: AutoResponseInput): void {
  if (!AUTO_RESPONSE_EVENTS.includes(input.event)) throw invalid('event', `must be one of ${AUTO_RESPONSE_EVENTS.join(', ')}`);
  if (!(LANGUAGES as readonly string[]).includes(input.language)) throw invalid('language', `must be one of ${LANGUAGES.join(', ')}`);
  if (!input.subject.trim()) throw invalid('subject', 'must not be empty');
  if (input.subject.length > 255) throw invalid('subject', 'must be at most 255 characters');
  if (!input.body.trim()) throw invalid('body', 'must not be empty');
  if (input.body.length > MAX_AUTO_RESPONSE_BODY) throw invalid('body', `must be at most ${MAX_AUTO_RESPONSE_BODY} characters`);
  for (const field of ['subject', 'body'] as const) {
    const unknown = unknownPlaceholders(input[field]);
    if (unknown.length > 0) throw invalid(field, `unknown placeholder <${unknown[0]}>; known are ${PLACEHOLDER_NAMES.map((n) => `<${n}>`).join(', ')}`);
  }
}

async function requireFreeSlot(ctx: ServiceContext, input: AutoResponseInput, exceptId?: number): Promise<void> {
  let query = ctx.db.selectFrom('auto_response').select('id').where('queue_id', '=', input.queueId).where('event', '=', input.event).where('language', '=', input.language);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const taken = await query.executeTakeFirst();
  if (taken) throw new DomainError('CONFLICT', `Queue ${input.queueId} already has a "${input.event}" auto-response in "${input.language}" (id ${taken.id}).`, { field: 'language' });
}

async function requireRow(ctx: ServiceContext, id: number): Promise<AutoResponseRow> {
  const row = await ctx.db.selectFrom('auto_response').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Auto-response ${id}`);
  return row;
}

function toView(r: AutoResponseRow): AutoResponseView {
  return {
    id: r.id,
    queueId: r.queue_id,
    event: r.event as AutoResponseEvent,
    language: r.language as Language,
    subject: r.subject,
    body: r.body,
    isValid: r.is_valid,
    createdAt: r.created_at,
    changedAt: r.changed_at,
  };
}
