import { z } from 'zod';
import { OUTBOX_STATUSES } from '../../../../core/outbox/outbox.types.ts';
import { idParam, stringList } from '../../../schemas/common.schema.ts';

export const outboxMailSchema = z
  .object({
    id: z.number().int(),
    ticketId: z.number().int().nullable(),
    articleId: z.number().int().nullable(),
    kind: z.string().describe('agent_reply, auto_response or notification'),
    status: z.enum(OUTBOX_STATUSES),
    from: z.string(),
    to: z.string(),
    cc: z.string().nullable(),
    bcc: z.string().nullable(),
    subject: z.string(),
    messageId: z.string(),
    inReplyTo: z.string().nullable(),
    references: z.string().nullable(),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable().describe('When the next attempt is due (queued mail only)'),
    lastError: z.string().nullable().describe("The relay's answer to the last failed attempt, or the bounce reason"),
    relayResponse: z.string().nullable().describe("The relay's answer when it accepted the mail"),
    sentAt: z.string().nullable(),
    createdAt: z.string(),
    changedAt: z.string(),
  })
  .meta({ id: 'OutboxMail' });

export const outboxMailContentSchema = outboxMailSchema
  .extend({
    text: z.string(),
    html: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    attachments: z.array(z.object({ sha256: z.string(), filename: z.string(), contentType: z.string(), contentId: z.string().nullable(), isInline: z.boolean() })),
  })
  .meta({ id: 'OutboxMailContent' });

export const articleDeliverySchema = z
  .object({
    articleId: z.number().int(),
    state: z.enum([...OUTBOX_STATUSES, 'none']).describe('none: the article was not sent by mail'),
    messages: z.array(outboxMailSchema),
  })
  .meta({ id: 'ArticleDelivery' });

export const listOutboxQuery = z.object({
  status: stringList.pipe(z.array(z.enum(OUTBOX_STATUSES))).optional().describe('Statuses, comma-separated, e.g. queued,failed'),
  ticketId: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
