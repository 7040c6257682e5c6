import { z } from 'zod';
import { LOCK_STATES, STATE_TYPES } from '../../../shared/domain.ts';
import { refSchema } from './common.schema.ts';

const personSchema = z.object({ id: z.number().int(), login: z.string(), name: z.string() });

/** What the acting user may do with the resource, so clients hide what the server would refuse. */
export const ticketAbilitiesSchema = z.object({
  update: z.boolean(),
  move: z.boolean(),
  note: z.boolean(),
  changeOwner: z.boolean(),
  changePriority: z.boolean(),
  lock: z.boolean(),
  unlock: z.boolean(),
  merge: z.boolean(),
});

export const ticketSchema = z
  .object({
    id: z.number().int(),
    number: z.string().describe('Ticket number, e.g. 2026112810000017'),
    title: z.string(),
    queue: refSchema.extend({ groupId: z.number().int() }),
    state: refSchema.extend({ type: z.enum(STATE_TYPES) }),
    priority: refSchema,
    type: refSchema.nullable(),
    service: refSchema.nullable(),
    sla: refSchema.nullable(),
    owner: personSchema,
    responsible: personSchema.nullable(),
    lock: z.enum(LOCK_STATES),
    customerUser: personSchema.extend({ email: z.string() }).nullable(),
    customerCompany: z.object({ id: z.number().int(), customerId: z.string(), name: z.string() }).nullable(),
    channel: z.string(),
    pendingUntil: z.string().nullable(),
    mergedIntoId: z.number().int().nullable(),
    version: z.number().int().describe('Send it back as `version` with changes; a stale one gets 409 STALE_VERSION'),
    createdAt: z.string(),
    changedAt: z.string(),
    escalation: z
      .object({
        at: z.string().nullable().describe('The earliest of the escalation times below; null when no clock runs'),
        firstResponseAt: z.string().nullable().describe('First response due'),
        updateAt: z.string().nullable().describe('Update due: the customer waits for an answer'),
        solutionAt: z.string().nullable().describe('Solution due'),
        firstResponseDoneAt: z.string().nullable().describe('When an agent first answered the customer'),
      })
      .describe('Escalation times (24x7); none while pending, closed, merged or removed'),
    customFields: z.record(z.string(), z.unknown()).optional(),
    abilities: ticketAbilitiesSchema,
  })
  .meta({ id: 'Ticket' });

export const attachmentSchema = z
  .object({
    id: z.number().int(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    isInline: z.boolean(),
    contentId: z.string().nullable(),
  })
  .meta({ id: 'Attachment' });

export const articleSchema = z
  .object({
    id: z.number().int(),
    ticketId: z.number().int(),
    senderType: z.string(),
    channel: z.string(),
    isVisibleForCustomer: z.boolean(),
    isSenderUnverified: z.boolean().describe('A follow-up from outside the thread, hidden from the customer until accepted'),
    from: z.string().nullable(),
    to: z.string().nullable(),
    cc: z.string().nullable(),
    bcc: z.string().nullable().describe('Blind copies of an agent mail; agents only'),
    subject: z.string(),
    messageId: z.string().nullable(),
    inReplyTo: z.string().nullable(),
    references: z.string().nullable(),
    bodyText: z.string(),
    bodyHtml: z.string().nullable().describe('Sanitised HTML: no scripts, handlers or remote styles'),
    rawMailId: z.number().int().nullable(),
    timeUnits: z.number(),
    createdBy: z.object({ id: z.number().int(), login: z.string() }).nullable(),
    createdAt: z.string(),
    attachments: z.array(attachmentSchema),
  })
  .meta({ id: 'Article' });

export const historySchema = z
  .object({
    id: z.number().int(),
    type: z.string().describe('OTRS history type, e.g. NewTicket, StateUpdate, Move'),
    field: z.string().nullable(),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
    articleId: z.number().int().nullable(),
    agent: z.object({ id: z.number().int(), login: z.string() }).nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'HistoryEntry' });

export const linkSchema = z
  .object({
    id: z.number().int(),
    linkType: z.enum(['normal', 'parent_child']),
    role: z.enum(['normal', 'parent', 'child']).describe('How the other ticket relates to this one'),
    ticket: z.object({ id: z.number().int(), number: z.string(), title: z.string(), stateName: z.string() }),
  })
  .meta({ id: 'TicketLink' });
