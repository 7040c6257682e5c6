import { z } from 'zod';
import { LANGUAGES } from '../../../../../shared/domain.ts';
import { AUTO_RESPONSE_EVENTS, MAX_AUTO_RESPONSE_BODY } from '../../../../core/auto-responses/auto-response-admin.service.ts';
import { idParam } from '../../../schemas/common.schema.ts';

const placeholderHelp = 'Placeholders: <TICKET_NUMBER>, <TICKET_TITLE>, <QUEUE>, <CUSTOMER_REALNAME>, <CUSTOMER_SUBJECT[n]>, <CUSTOMER_EMAIL[n]> (first n lines of the mail, quoted)';

export const autoResponseSchema = z
  .object({
    id: z.number().int(),
    queueId: z.number().int(),
    event: z.enum(AUTO_RESPONSE_EVENTS),
    language: z.enum(LANGUAGES),
    subject: z.string(),
    body: z.string(),
    isValid: z.boolean(),
    createdAt: z.string(),
    changedAt: z.string(),
  })
  .meta({ id: 'AutoResponse' });

export const autoResponseInputSchema = z
  .object({
    queueId: z.number().int().positive(),
    event: z.enum(AUTO_RESPONSE_EVENTS).describe('new_ticket, follow_up, reject or new_ticket_after_close'),
    language: z.enum(LANGUAGES),
    subject: z.string().trim().min(1).max(255).describe(placeholderHelp),
    body: z.string().min(1).max(MAX_AUTO_RESPONSE_BODY).describe(`May hold step-by-step solutions. ${placeholderHelp}`),
    isValid: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'NewAutoResponse' });

export const autoResponseUpdateSchema = autoResponseInputSchema.partial().strict().meta({ id: 'UpdateAutoResponse' });

export const listAutoResponsesQuery = z.object({
  queueId: idParam.optional(),
  event: z.enum(AUTO_RESPONSE_EVENTS).optional(),
});
