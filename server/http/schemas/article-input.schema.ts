import { z } from 'zod';
import { ARTICLE_CHANNELS, SENDER_TYPES } from '../../../shared/domain.ts';
import type { ArticleInput, AttachmentInput } from '../../core/articles/article-writer.ts';

/** A file in a request body, base64-encoded (agent articles and portal messages). */
export const attachmentInput = z.object({
  filename: z.string().min(1).max(255).refine((name) => !/[\\/\0]/.test(name), 'must not contain / \\ or NUL'),
  contentType: z.string().min(3).max(255).regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type like application/pdf'),
  contentBase64: z.base64().describe('File content, base64-encoded'),
  isInline: z.boolean().optional(),
  contentId: z.string().max(255).nullable().optional(),
});

/** A new article in a request body. */
export const articleInputSchema = z
  .object({
    channel: z.enum(ARTICLE_CHANNELS).describe('note = agent note; email, phone, web … record how it came or went'),
    senderType: z.enum(SENDER_TYPES).optional(),
    isVisibleForCustomer: z.boolean().optional().describe('Default: false for notes, true otherwise'),
    from: z.string().max(1000).nullable().optional(),
    to: z.string().max(10000).nullable().optional(),
    cc: z.string().max(10000).nullable().optional(),
    bcc: z.string().max(10000).nullable().optional().describe('Blind copies of an email: in the envelope only, never in the headers others see'),
    subject: z.string().max(998).optional(),
    bodyText: z.string().max(5_000_000).optional(),
    bodyHtml: z.string().max(10_000_000).nullable().optional().describe('Sanitised before it is stored'),
    messageId: z.string().max(998).nullable().optional(),
    inReplyTo: z.string().max(10000).nullable().optional(),
    references: z.string().max(10000).nullable().optional(),
    timeUnits: z.number().min(0).max(100000).optional(),
    attachments: z.array(attachmentInput).max(100).optional(),
  })
  .refine((a) => a.bodyText !== undefined || !!a.bodyHtml, { message: 'a text or HTML body is required', path: ['bodyText'] })
  .meta({ id: 'NewArticle' });

/** Turns the request form of an article into core's input. */
export function toArticleInput(body: z.infer<typeof articleInputSchema>): ArticleInput {
  const { attachments, ...rest } = body;
  return {
    ...rest,
    attachments: attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.contentBase64, 'base64'),
      isInline: a.isInline,
      contentId: a.contentId ?? null,
    })),
  };
}

/** Turns request attachments into core's attachment input. */
export function toAttachmentInputs(attachments: z.infer<typeof attachmentInput>[] | undefined): AttachmentInput[] {
  return (attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64'), isInline: a.isInline, contentId: a.contentId ?? null }));
}
