import { z } from 'zod';
import { DEFAULT_SOON_MINUTES, MAX_SOON_MINUTES } from '../../../../core/tickets/overview.service.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';

export const getOverviewQuery = z.object({
  soonMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_SOON_MINUTES)
    .default(DEFAULT_SOON_MINUTES)
    .describe('"Escalating soon" means within this many minutes'),
});

const countsSchema = z.object({
  new: z.number().int(),
  open: z.number().int(),
  pending: z.number().int().describe('Pending reminder and pending auto'),
  escalated: z.number().int().describe('Escalation time passed'),
  locked: z.number().int(),
  total: z.number().int().describe('All open work: new, open and pending'),
});

const overviewQueueSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  fullName: z.string(),
  parentId: z.number().int().nullable().describe('May name a queue not in this list (no ro on it); draw such a queue as a root'),
  counts: countsSchema,
});

const overviewListSchema = z.object({
  total: z.number().int(),
  items: z.array(ticketSchema).describe('The first 10'),
});

export const overviewSchema = z
  .object({
    queues: z.array(overviewQueueSchema).describe('Every queue the agent may read (ro), by full name'),
    lists: z.object({
      myLocked: overviewListSchema.describe('Open tickets the agent has locked, latest change first'),
      myOwnedOrResponsible: overviewListSchema.describe('Open tickets the agent owns or is responsible for, latest change first'),
      pendingReminderReached: overviewListSchema.describe('Pending reminder tickets whose reminder time has come, latest change first'),
      escalated: overviewListSchema.describe('Escalated tickets, earliest escalation first'),
      escalatingSoon: overviewListSchema.describe('Tickets escalating within soonMinutes, earliest first'),
    }),
  })
  .meta({ id: 'Overview' });
