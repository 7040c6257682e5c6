import { z } from 'zod';
import { LOCK_STATES, STATE_TYPES, TICKET_CHANNELS } from '../../../../../shared/domain.ts';
import { TICKET_SORT_FIELDS } from '../../../../core/tickets/ticket-query.service.ts';
import { idList, stringList } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';

export const listTicketsQuery = z.object({
  queueId: idList.optional().describe('Queue ids, comma-separated'),
  includeSubQueues: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  stateId: idList.optional(),
  stateType: stringList
    .pipe(z.array(z.enum(STATE_TYPES)))
    .optional()
    .describe('State types, e.g. new,open'),
  priorityId: idList.optional(),
  ownerId: idList.optional(),
  responsibleId: idList.optional(),
  customerUserId: idList.optional(),
  customerCompanyId: idList.optional(),
  lock: stringList.pipe(z.array(z.enum(LOCK_STATES))).optional(),
  channel: stringList
    .pipe(z.array(z.enum(TICKET_CHANNELS)))
    .optional()
    .describe('How the tickets reached the desk, e.g. web,fax'),
  search: z.string().max(200).optional().describe('Words in the title or number'),
  escalated: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: only tickets whose escalation time has passed'),
  escalatesWithinMinutes: z.coerce.number().int().min(1).max(525_600).optional().describe('Only tickets not yet escalated that escalate within this many minutes'),
  pendingReminderReached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only tickets in a pending reminder state whose reminder time has come'),
  sort: z.enum(TICKET_SORT_FIELDS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ticketListSchema = z
  .object({ items: z.array(ticketSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'TicketList' });
