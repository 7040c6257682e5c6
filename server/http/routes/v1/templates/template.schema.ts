import { z } from 'zod';
import { TEMPLATE_CONTENT_TYPES, TEMPLATE_TYPES } from '../../../../../shared/domain.ts';

/** A standard template with the queues it is assigned to. */
export const templateSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: z.enum(TEMPLATE_TYPES).describe('Which screen offers it: answer, forward, note, phone_call, email_new, create'),
    text: z.string().describe('May contain OTRS tags such as <OTRS_CUSTOMER_REALNAME>, filled when composing'),
    contentType: z.enum(TEMPLATE_CONTENT_TYPES),
    comment: z.string().nullable(),
    isValid: z.boolean(),
    queueIds: z.array(z.number().int()),
    createdAt: z.string(),
    changedAt: z.string(),
  })
  .meta({ id: 'StandardTemplate' });

/** Body of POST /templates; PATCH takes any subset. */
export const templateBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(TEMPLATE_TYPES),
  text: z.string().max(100_000),
  contentType: z.enum(TEMPLATE_CONTENT_TYPES).optional(),
  comment: z.string().max(250).nullable().optional(),
  isValid: z.boolean().optional(),
  queueIds: z.array(z.number().int().positive()).max(1000).optional().describe('Replaces the assignment when given'),
});

export const listTemplatesQuery = z.object({
  queueId: z.coerce.number().int().positive().optional().describe("The ticket's queue; agents get its valid templates"),
  type: z.enum(TEMPLATE_TYPES).optional(),
});
