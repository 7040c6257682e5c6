import { isTicketChannel, type TicketChannelName } from '../../components/channel-label';
import { STATE_TYPE_PRESETS } from '../../components/queue-tree-model';
import type { AgentPreferences, StateTypeName, TicketSortField } from '../../lib/api-types';

/**
 * The queue view's filters live in the address (bookmarkable, and the overview links into it):
 * /queues/:queueId?stateType=open-work&priority=4,5&lock=locked&owner=me&escalated=true
 * &escalatesWithin=120&reminderReached=true&search=vpn&channel=fax&sort=priority&order=desc&page=2
 */

export type DefaultQueueView = AgentPreferences['defaultQueueView'];
export type StatePreset = keyof typeof STATE_TYPE_PRESETS;
export type LockFilter = 'locked' | 'unlocked';

export interface QueueViewFilters {
  /** null: all my queues. */
  queueId: number | null;
  /** A preset name, or 'custom' when the state types are a list of their own. */
  statePreset: StatePreset | 'custom';
  stateTypes: StateTypeName[];
  priorityIds: number[];
  lock: LockFilter | null;
  /** Only tickets that came in this way (web form, fax …); null: any. */
  channel: TicketChannelName | null;
  ownerMe: boolean;
  escalated: boolean;
  escalatesWithin: number | null;
  reminderReached: boolean;
  search: string;
  sort: TicketSortField;
  order: 'asc' | 'desc';
  /** 1-based. */
  page: number;
  pageSize: number;
}

export const SORT_FIELDS: readonly TicketSortField[] = ['createdAt', 'changedAt', 'number', 'title', 'priority', 'state', 'queue', 'pendingUntil', 'escalationAt'];
const STATE_TYPES: readonly StateTypeName[] = ['new', 'open', 'closed', 'pending reminder', 'pending auto', 'removed', 'merged'];

/** The view an agent gets when nothing was chosen and no preference was saved. */
export const FALLBACK_VIEW: DefaultQueueView = { queueId: null, stateTypes: [...STATE_TYPE_PRESETS['open-work']], sort: 'createdAt', order: 'desc', pageSize: 25 };

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const number = Number(value);
  return number > 0 && Number.isSafeInteger(number) ? number : null;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The preset a list of state types is, or 'custom'. */
export function presetOf(stateTypes: readonly string[]): StatePreset | 'custom' {
  const match = (Object.keys(STATE_TYPE_PRESETS) as StatePreset[]).find((name) => sameSet(STATE_TYPE_PRESETS[name], stateTypes));
  return match ?? 'custom';
}

function parseStateTypes(value: string | null, fallback: readonly StateTypeName[]): StateTypeName[] {
  if (value === null) return [...fallback];
  if (value in STATE_TYPE_PRESETS) return [...STATE_TYPE_PRESETS[value as StatePreset]];
  const list = value.split(',').map((s) => s.trim()).filter((s): s is StateTypeName => (STATE_TYPES as readonly string[]).includes(s));
  return list.length > 0 ? [...new Set(list)] : [...fallback];
}

/** Reads the filters from the path's queue id and the search parameters; what is missing comes from the agent's default view. */
export function parseQueueViewFilters(queueIdParam: string | undefined, params: URLSearchParams, defaults: DefaultQueueView = FALLBACK_VIEW): QueueViewFilters {
  const stateTypes = parseStateTypes(params.get('stateType'), defaults.stateTypes.length > 0 ? defaults.stateTypes : FALLBACK_VIEW.stateTypes);
  const sortParam = params.get('sort') as TicketSortField | null;
  const orderParam = params.get('order');
  const lockParam = params.get('lock');
  return {
    queueId: positiveInt(queueIdParam ?? null),
    statePreset: presetOf(stateTypes),
    stateTypes,
    priorityIds: (params.get('priority') ?? '')
      .split(',')
      .map((s) => positiveInt(s.trim()))
      .filter((n): n is number => n !== null),
    lock: lockParam === 'locked' || lockParam === 'unlocked' ? lockParam : null,
    channel: isTicketChannel(params.get('channel')) ? (params.get('channel') as TicketChannelName) : null,
    ownerMe: params.get('owner') === 'me',
    escalated: params.get('escalated') === 'true',
    escalatesWithin: positiveInt(params.get('escalatesWithin')),
    reminderReached: params.get('reminderReached') === 'true',
    search: (params.get('search') ?? '').slice(0, 200),
    sort: sortParam && SORT_FIELDS.includes(sortParam) ? sortParam : defaults.sort,
    order: orderParam === 'asc' || orderParam === 'desc' ? orderParam : defaults.order,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: Math.min(500, Math.max(1, defaults.pageSize)),
  };
}

/** The query of GET /api/v1/tickets for the filters: one page only, sorted by the server. */
export function ticketListQuery(filters: QueueViewFilters, agentId: number) {
  return {
    queueId: filters.queueId !== null ? String(filters.queueId) : undefined,
    stateType: filters.stateTypes.join(','),
    priorityId: filters.priorityIds.length > 0 ? filters.priorityIds.join(',') : undefined,
    lock: filters.lock === 'locked' ? 'lock,tmp_lock' : filters.lock === 'unlocked' ? 'unlock' : undefined,
    channel: filters.channel ?? undefined,
    ownerId: filters.ownerMe ? String(agentId) : undefined,
    escalated: filters.escalated ? ('true' as const) : undefined,
    escalatesWithinMinutes: filters.escalatesWithin ?? undefined,
    pendingReminderReached: filters.reminderReached ? ('true' as const) : undefined,
    search: filters.search.trim() || undefined,
    sort: filters.sort,
    order: filters.order,
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  };
}

/** The order a column sorts in first: newest, most urgent or highest first where that is what agents look for. */
export function firstOrder(field: TicketSortField): 'asc' | 'desc' {
  return field === 'createdAt' || field === 'changedAt' || field === 'priority' ? 'desc' : 'asc';
}

/**
 * The search parameters after changing some of them: null or '' removes a key. Every change but a
 * page change goes back to page 1, so a narrower filter never shows an empty page 7.
 */
export function changeParams(params: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
  }
  if (!('page' in changes)) next.delete('page');
  // Keep at least one parameter, so the agent's default view does not take over again.
  if ([...next.keys()].length === 0) next.set('stateType', 'open-work');
  return next;
}

/** The parameters a click on a sortable column header sets. */
export function sortChange(filters: QueueViewFilters, field: TicketSortField): Record<string, string> {
  const order = filters.sort === field ? (filters.order === 'asc' ? 'desc' : 'asc') : firstOrder(field);
  return { sort: field, order };
}

/** The stateType parameter for the filters' state types: the preset's name or the list. */
export function stateTypeParam(filters: Pick<QueueViewFilters, 'statePreset' | 'stateTypes'>): string {
  return filters.statePreset === 'custom' ? filters.stateTypes.join(',') : filters.statePreset;
}

/**
 * Filters carried over to another queue of the tree (without the page). The state types are
 * always written out, so the address has parameters and the default view does not take over.
 */
export function paramsForQueueSwitch(params: URLSearchParams, filters: QueueViewFilters): string {
  const next = new URLSearchParams(params);
  next.delete('page');
  next.set('stateType', stateTypeParam(filters));
  return next.toString();
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
