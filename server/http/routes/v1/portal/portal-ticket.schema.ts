import { z } from 'zod';
import { STATE_TYPES } from '../../../../../shared/domain.ts';
import { attachmentInput } from '../../../schemas/article-input.schema.ts';
import { idParam } from '../../../schemas/common.schema.ts';

/** A ticket in the customer's list. */
export const portalTicketSummarySchema = z
  .object({
    id: z.number().int(),
    tn: z.string().describe('The ticket number customers quote'),
    title: z.string(),
    state: z.object({ name: z.string(), type: z.enum(STATE_TYPES) }),
    isOpen: z.boolean().describe('new, open or pending: the desk still works on it'),
    createdAt: z.string(),
    changedAt: z.string(),
    customer: z.object({ id: z.number().int(), name: z.string() }).nullable().describe('Whose ticket it is (a colleague on company tickets)'),
  })
  .meta({ id: 'PortalTicketSummary' });

/** A file of an article, without its content. */
export const portalAttachmentSchema = z
  .object({ id: z.number().int(), filename: z.string(), contentType: z.string(), size: z.number().int() })
  .meta({ id: 'PortalAttachment' });

/** An article the customer may read. */
export const portalArticleSchema = z
  .object({
    id: z.number().int(),
    senderType: z.enum(['customer', 'agent', 'system']),
    fromName: z.string().describe("The customer's or agent's name; the desk's name for automatic answers"),
    channel: z.string(),
    subject: z.string(),
    bodyText: z.string(),
    bodyHtml: z.string().nullable().describe('Sanitised; inline images are cid: references to inlineImages'),
    createdAt: z.string(),
    attachments: z.array(portalAttachmentSchema).describe('Files; inline images are not listed'),
    inlineImages: z.array(z.object({ id: z.number().int(), contentId: z.string() })).describe('Images shown in the HTML body, by Content-ID; download them like attachments'),
  })
  .meta({ id: 'PortalArticle' });

/** A ticket with the articles the customer may read and what they may do. */
export const portalTicketSchema = portalTicketSummarySchema
  .extend({
    articles: z.array(portalArticleSchema),
    canReply: z.boolean().describe('False when merged, or closed in a queue that takes no follow-ups'),
    canClose: z.boolean(),
  })
  .meta({ id: 'PortalTicket' });

/** Files a customer attaches: name, type and base64 content (inline parts are for agents' mail only). */
const portalAttachmentsInput = z.array(attachmentInput.pick({ filename: true, contentType: true, contentBase64: true })).max(20).optional();

/** Body of POST /portal/tickets. */
export const newPortalTicketBody = z.object({
  topicId: z.number().int().positive().describe('From GET /portal/topics; decides the queue'),
  title: z.string().trim().min(1).max(255),
  body: z.string().trim().min(1).max(200_000),
  attachments: portalAttachmentsInput,
});

/** Body of POST /portal/tickets/:id/articles. */
export const portalReplyBody = z.object({
  body: z.string().trim().min(1).max(200_000),
  attachments: portalAttachmentsInput,
});

export const portalTicketListQuery = z.object({
  scope: z.enum(['mine', 'company']).default('mine').describe("company: every ticket of your company, when it shares them"),
  status: z.enum(['open', 'closed', 'all']).default('all'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  search: z.string().max(200).optional().describe('Part of the title or the ticket number'),
});

export const portalTicketParams = z.object({ id: idParam });
