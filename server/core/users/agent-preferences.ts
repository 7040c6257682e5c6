import { STATE_TYPES, VIEWABLE_STATE_TYPES, type StateType } from '../../../shared/domain.ts';
import { invalid } from '../errors.ts';
import { TICKET_SORT_FIELDS, type TicketSortField } from '../tickets/ticket-query.service.ts';

export const ARTICLE_ORDERS = ['newest-first', 'oldest-first'] as const;
export type ArticleOrder = (typeof ARTICLE_ORDERS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export const MAX_PAGE_SIZE = 500;

/** The queue view the web app opens first. */
export interface QueueViewPreference {
  /** Queue shown first; null means "all my queues". */
  queueId: number | null;
  /** State types listed (default: the open ones). */
  stateTypes: StateType[];
  sort: TicketSortField;
  order: (typeof SORT_ORDERS)[number];
  /** Tickets per page. */
  pageSize: number;
}

/** An agent's web app preferences, always complete. */
export interface AgentPreferences {
  defaultQueueView: QueueViewPreference;
  /** Order of articles in the ticket zoom. */
  articleOrder: ArticleOrder;
}

/** A change of preferences: each given key replaces the stored one. */
export interface AgentPreferencesPatch {
  defaultQueueView?: Partial<QueueViewPreference>;
  articleOrder?: ArticleOrder;
}

/** What an agent who never chose gets: open tickets of all their queues, oldest work last. */
export function defaultPreferences(): AgentPreferences {
  return {
    defaultQueueView: { queueId: null, stateTypes: [...VIEWABLE_STATE_TYPES], sort: 'createdAt', order: 'desc', pageSize: 25 },
    articleOrder: 'newest-first',
  };
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);
const isPageSize = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PAGE_SIZE;
const isStateTypes = (value: unknown): value is StateType[] => Array.isArray(value) && value.length > 0 && value.every((s) => isOneOf(STATE_TYPES, s));
const isQueueId = (value: unknown): value is number | null => value === null || (Number.isInteger(value) && (value as number) > 0);

/**
 * Reads stored preferences leniently: a value that is missing, malformed or no longer valid
 * (a sort field since removed) falls back to its default instead of breaking the web app.
 */
export function readPreferences(stored: string | null): AgentPreferences {
  const result = defaultPreferences();
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(stored ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    // A broken document means "defaults", as if nothing had been chosen.
  }
  if (isOneOf(ARTICLE_ORDERS, raw.articleOrder)) result.articleOrder = raw.articleOrder;
  const view = raw.defaultQueueView && typeof raw.defaultQueueView === 'object' ? (raw.defaultQueueView as Record<string, unknown>) : {};
  const target = result.defaultQueueView;
  if (isQueueId(view.queueId)) target.queueId = view.queueId;
  if (isStateTypes(view.stateTypes)) target.stateTypes = view.stateTypes;
  if (isOneOf(TICKET_SORT_FIELDS, view.sort)) target.sort = view.sort;
  if (isOneOf(SORT_ORDERS, view.order)) target.order = view.order;
  if (isPageSize(view.pageSize)) target.pageSize = view.pageSize;
  return result;
}

/** Applies a change to complete preferences; throws VALIDATION_FAILED naming the field. */
export function applyPreferencesPatch(current: AgentPreferences, patch: AgentPreferencesPatch): AgentPreferences {
  const field = (name: string) => `preferences.${name}`;
  if (patch.articleOrder !== undefined && !isOneOf(ARTICLE_ORDERS, patch.articleOrder)) throw invalid(field('articleOrder'), `must be one of ${ARTICLE_ORDERS.join(', ')}`);
  const view = patch.defaultQueueView ?? {};
  const viewField = (name: string) => field(`defaultQueueView.${name}`);
  if (view.queueId !== undefined && !isQueueId(view.queueId)) throw invalid(viewField('queueId'), 'must be a queue id or null');
  if (view.stateTypes !== undefined && !isStateTypes(view.stateTypes)) throw invalid(viewField('stateTypes'), `must be a non-empty list of ${STATE_TYPES.join(', ')}`);
  if (view.sort !== undefined && !isOneOf(TICKET_SORT_FIELDS, view.sort)) throw invalid(viewField('sort'), `must be one of ${TICKET_SORT_FIELDS.join(', ')}`);
  if (view.order !== undefined && !isOneOf(SORT_ORDERS, view.order)) throw invalid(viewField('order'), 'must be asc or desc');
  if (view.pageSize !== undefined && !isPageSize(view.pageSize)) throw invalid(viewField('pageSize'), `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  const defined = Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as Partial<QueueViewPreference>;
  return {
    defaultQueueView: { ...current.defaultQueueView, ...defined, ...(defined.stateTypes ? { stateTypes: [...new Set(defined.stateTypes)] } : {}) },
    articleOrder: patch.articleOrder ?? current.articleOrder,
  };
}
