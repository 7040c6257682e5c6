import { z } from 'zod';
import { LANGUAGES, STATE_TYPES } from '../../../../../shared/domain.ts';
import { ARTICLE_ORDERS, MAX_PAGE_SIZE, SORT_ORDERS } from '../../../../core/users/agent-preferences.ts';
import { MAX_SIGNATURE_LENGTH } from '../../../../core/users/agent-profile.service.ts';
import { TICKET_SORT_FIELDS } from '../../../../core/tickets/ticket-query.service.ts';

const queueViewSchema = z.object({
  queueId: z.number().int().positive().nullable().describe('Queue opened first; null: all my queues'),
  stateTypes: z.array(z.enum(STATE_TYPES)).min(1).max(STATE_TYPES.length * 2).describe('State types listed'),
  sort: z.enum(TICKET_SORT_FIELDS),
  order: z.enum(SORT_ORDERS),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).describe('Tickets per page'),
});

const preferencesSchema = z
  .object({
    defaultQueueView: queueViewSchema,
    articleOrder: z.enum(ARTICLE_ORDERS).describe('Order of articles in the ticket zoom'),
  })
  .meta({ id: 'AgentPreferences' });

/** The logged-in agent's own profile. */
export const profileSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    language: z.enum(LANGUAGES),
    signature: z.string().nullable().describe('Plain text appended under replies'),
    preferences: preferencesSchema,
  })
  .meta({ id: 'AgentProfile' });

/** PATCH /me: every key optional, unknown keys refused so typos do not pass silently. */
export const profileChangesSchema = z.strictObject({
  language: z.enum(LANGUAGES).optional(),
  signature: z.string().max(MAX_SIGNATURE_LENGTH).nullable().optional().describe('Empty or null removes the signature'),
  preferences: z
    .strictObject({
      defaultQueueView: queueViewSchema.partial().strict().optional(),
      articleOrder: z.enum(ARTICLE_ORDERS).optional(),
    })
    .optional()
    .describe('Given keys replace the stored ones; the rest stays'),
});

/** POST /me/password. The rules for newPassword are those of every password (8 to 512 characters). */
export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(512),
  newPassword: z.string().min(8).max(512),
});
