import { z } from 'zod';
import { getAttachmentContent } from '../../../../core/articles/article.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParam } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

/**
 * GET /tickets/:id/articles/:articleId/attachments/:attachmentId: the file, always as a
 * download (Content-Disposition: attachment, nosniff) so uploaded HTML never runs here.
 */
export const downloadAttachmentRoute: RouteModule = (api, deps) => {
  api.get(
    '/tickets/:id/articles/:articleId/attachments/:attachmentId',
    {
      schema: {
        tags: ['articles'],
        summary: 'Download an attachment',
        params: z.object({ id: idParam, articleId: idParam, attachmentId: idParam }),
        response: { 200: z.any().describe('The file'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { attachment, content } = await getAttachmentContent(deps.ctx, actorOf(request), {
        ticketId: request.params.id,
        articleId: request.params.articleId,
        attachmentId: request.params.attachmentId,
      });
      const asciiName = attachment.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('content-type', attachment.contentType)
        .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(content);
    },
  );
};
