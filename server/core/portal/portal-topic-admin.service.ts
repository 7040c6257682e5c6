import type { Selectable } from 'kysely';
import type { PortalTopicTable } from '../../db/schema-portal.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/** A topic with every setting, as admins edit it. */
export interface PortalTopicAdminView {
  id: number;
  nameEn: string;
  nameDe: string;
  descriptionEn: string | null;
  descriptionDe: string | null;
  /** Tickets opened under this topic land in this queue. */
  queueId: number;
  /** Lower comes first; equal positions sort by name. */
  position: number;
  /** Offered on the portal's new-ticket form. */
  isOnPortal: boolean;
  /** Offered on the public contact form. */
  isOnContactForm: boolean;
  isValid: boolean;
}

/** A topic's settings; on update every field is optional. */
export type PortalTopicInput = Omit<PortalTopicAdminView, 'id' | 'position' | 'isOnPortal' | 'isOnContactForm' | 'isValid' | 'descriptionEn' | 'descriptionDe'> & {
  descriptionEn?: string | null;
  descriptionDe?: string | null;
  position?: number;
  isOnPortal?: boolean;
  isOnContactForm?: boolean;
  isValid?: boolean;
};

/** Every topic, valid or not, by position then name (admins). */
export async function listPortalTopics(ctx: ServiceContext, actor: Actor): Promise<PortalTopicAdminView[]> {
  requireAdmin(actor);
  const rows = await ctx.db.selectFrom('portal_topic').selectAll().orderBy('position').orderBy('name_en').orderBy('id').execute();
  return rows.map(toAdminView);
}

/** One topic (admins). */
export async function getPortalTopic(ctx: ServiceContext, actor: Actor, id: number): Promise<PortalTopicAdminView> {
  requireAdmin(actor);
  const row = await ctx.db.selectFrom('portal_topic').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Topic ${id}`);
  return toAdminView(row);
}

/** Creates a topic (admins). */
export async function createPortalTopic(ctx: ServiceContext, actor: Actor, input: PortalTopicInput): Promise<PortalTopicAdminView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const values = checked(input);
    await requireQueue(tx, values.queue_id);
    const now = nowIso(tx);
    const row = await tx.db.insertInto('portal_topic').values({ ...values, created_at: now, changed_at: now }).returning('id').executeTakeFirstOrThrow();
    return getPortalTopic(tx, actor, row.id);
  });
}

/** Changes a topic (admins). */
export async function updatePortalTopic(ctx: ServiceContext, actor: Actor, id: number, input: Partial<PortalTopicInput>): Promise<PortalTopicAdminView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = await getPortalTopic(tx, actor, id);
    const values = checked({ ...current, ...input });
    if (input.queueId !== undefined) await requireQueue(tx, values.queue_id);
    await tx.db.updateTable('portal_topic').set({ ...values, changed_at: nowIso(tx) }).where('id', '=', id).execute();
    return getPortalTopic(tx, actor, id);
  });
}

/** Deletes a topic (admins). Tickets opened under it keep their queue; nothing refers to the topic. */
export async function deletePortalTopic(ctx: ServiceContext, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  const result = await ctx.db.deleteFrom('portal_topic').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw notFound(`Topic ${id}`);
}

function checked(input: PortalTopicInput) {
  const text = (field: string, value: string, max: number) => {
    const trimmed = value.trim();
    if (!trimmed || trimmed.length > max) throw invalid(field, `must be 1 to ${max} characters`);
    return trimmed;
  };
  const optional = (field: string, value: string | null | undefined) => (value?.trim() ? text(field, value, 1000) : null);
  if (input.position !== undefined && (!Number.isInteger(input.position) || input.position < 0)) throw invalid('position', 'must be a whole number of zero or more');
  return {
    name_en: text('nameEn', input.nameEn, 200),
    name_de: text('nameDe', input.nameDe, 200),
    description_en: optional('descriptionEn', input.descriptionEn),
    description_de: optional('descriptionDe', input.descriptionDe),
    queue_id: input.queueId,
    position: input.position ?? 0,
    is_on_portal: input.isOnPortal ?? true,
    is_on_contact_form: input.isOnContactForm ?? false,
    is_valid: input.isValid ?? true,
  };
}

async function requireQueue(ctx: ServiceContext, queueId: number): Promise<void> {
  const queue = await ctx.db.selectFrom('queue').select('is_valid').where('id', '=', queueId).executeTakeFirst();
  if (!queue) throw invalid('queueId', `queue ${queueId} does not exist`);
  if (!queue.is_valid) throw invalid('queueId', `queue ${queueId} is not valid`);
}

function toAdminView(r: Selectable<PortalTopicTable>): PortalTopicAdminView {
  return {
    id: r.id,
    nameEn: r.name_en,
    nameDe: r.name_de,
    descriptionEn: r.description_en,
    descriptionDe: r.description_de,
    queueId: r.queue_id,
    position: r.position,
    isOnPortal: r.is_on_portal,
    isOnContactForm: r.is_on_contact_form,
    isValid: r.is_valid,
  };
}
