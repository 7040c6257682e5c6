import { z } from 'zod';
import { TICKET_CHANNELS } from '../../../../../shared/domain.ts';
import { articleInputSchema } from '../../../schemas/article-input.schema.ts';
import { isoDateTime } from '../../../schemas/common.schema.ts';

const id = z.number().int().positive();

export const createTicketBody = z
  .object({
    title: z.string().min(1).max(255),
    queueId: id,
    channel: z.enum(TICKET_CHANNELS).default('api'),
    stateId: id.optional(),
    priorityId: id.optional(),
    typeId: id.nullable().optional(),
    serviceId: id.nullable().optional(),
    slaId: id.nullable().optional(),
    ownerId: id.optional(),
    responsibleId: id.nullable().optional(),
    customerUserId: id.nullable().optional(),
    customerCompanyId: id.nullable().optional(),
    pendingUntil: isoDateTime.nullable().optional(),
    lock: z.boolean().optional().describe('Lock the new ticket for its owner'),
    customFields: z.record(z.string(), z.unknown()).optional(),
    article: articleInputSchema.optional().describe('The first article'),
  })
  .meta({ id: 'CreateTicket' });
