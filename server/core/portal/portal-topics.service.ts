import type { Selectable } from 'kysely';
import type { PortalTopicTable } from '../../db/schema-portal.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';

/** Where a topic is offered: the portal's new-ticket form or the public contact form. */
export type TopicUse = 'portal' | 'contact';

/** Text in both languages the desk speaks. */
export interface BilingualText {
  en: string;
  de: string;
}

/** A topic as customers see it: plain words, and the queue it files tickets into. */
export interface PublicTopic {
  id: number;
  name: BilingualText;
  description: BilingualText | null;
  queueId: number;
}

/** Which topics to offer. */
export interface PublicTopicFilter {
  /** The form asking: portal (signed-in customers) or contact (anyone). */
  for: TopicUse;
}

const useColumn = (use: TopicUse) => (use === 'portal' ? 'is_on_portal' : 'is_on_contact_form') as 'is_on_portal' | 'is_on_contact_form';

/** The valid topics released for one use, by position then name. Needs no actor: the list is public. */
export async function listPublicTopics(ctx: ServiceContext, filter: PublicTopicFilter): Promise<PublicTopic[]> {
  const rows = await ctx.db
    .selectFrom('portal_topic')
    .selectAll()
    .where('is_valid', '=', true)
    .where(useColumn(filter.for), '=', true)
    .orderBy('position')
    .orderBy('name_en')
    .orderBy('id')
    .execute();
  return rows.map(toPublicTopic);
}

/** A valid topic released for `use`; NOT_FOUND naming `topicId` otherwise (unknown, invalid or not released). */
export async function requireTopic(ctx: ServiceContext, topicId: number, use: TopicUse): Promise<PublicTopic> {
  const row = await ctx.db
    .selectFrom('portal_topic')
    .selectAll()
    .where('id', '=', topicId)
    .where('is_valid', '=', true)
    .where(useColumn(use), '=', true)
    .executeTakeFirst();
  if (!row) throw notFound(`Topic ${topicId}`, 'topicId');
  return toPublicTopic(row);
}

function toPublicTopic(row: Selectable<PortalTopicTable>): PublicTopic {
  const hasDescription = row.description_en !== null || row.description_de !== null;
  return {
    id: row.id,
    name: { en: row.name_en, de: row.name_de },
    description: hasDescription ? { en: row.description_en ?? row.description_de ?? '', de: row.description_de ?? row.description_en ?? '' } : null,
    queueId: row.queue_id,
  };
}
