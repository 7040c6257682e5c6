import type { paths } from '../../lib/api-schema';

/** The body of PATCH /api/v1/me. */
export type ProfileChanges = paths['/api/v1/me']['patch']['requestBody']['content']['application/json'];

/** State types an agent can choose for the default queue view (merged and removed tickets are not work). */
export const STATE_TYPE_OPTIONS = ['new', 'open', 'pending reminder', 'pending auto', 'closed'] as const;

/** Sort fields of the ticket list. */
export const SORT_FIELD_OPTIONS = ['createdAt', 'changedAt', 'escalationAt', 'priority', 'number', 'title', 'state', 'queue', 'pendingUntil'] as const;

export const PAGE_SIZES = [10, 25, 50, 100, 200] as const;
