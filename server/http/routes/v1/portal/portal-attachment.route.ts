import { z } from 'zod';
import { getPortalAttachment } from '../../../../core/portal/portal-ticket-query.service.ts';
import { customerOf } from '../../../plugins/customer-auth.ts';
import { errorResponses, idParam } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

/**
 * GET /portal/tickets/:id/articles/:articleId/attachments/:attachmentId: always a download
 * (Content-Disposition: attachment, nosniff, no active content) so an uploaded file never runs
 * in the portal's origin.
 */
export const portalAttachmentRoute: RouteModule = (api, { ctx }) => {
  api.get(
    '/portal/tickets/:id/articles/:articleId/attachments/:attachmentId',
    {
      schema: {
        tags: ['portal'],
        summary: 'Download a file of a message on your ticket',
        params: z.object({ id: idParam, articleId: idParam, attachmentId: idParam }),
        response: { 200: z.any().describe('The file'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await getPortalAttachment(ctx, customerOf(request), { ticketId: request.params.id, articleId: request.params.articleId, attachmentId: request.params.attachmentId });
      const asciiName = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeRfc5987(file.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );
};

/** RFC 5987 value: percent-encoding also for the characters encodeURIComponent leaves ('()*). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
