import { z } from 'zod';
import { reprocessRawMail } from '../../../../core/mail-intake/mail-intake.service.ts';
import { getRawMail, listRawMails } from '../../../../core/mail-intake/raw-mail.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

const rawMailSchema = z
  .object({
    id: z.number().int(),
    receivedAt: z.string(),
    source: z.string(),
    size: z.number().int(),
    status: z.string().describe('received, processed, duplicate, ignored or failed'),
    error: z.string().nullable(),
    messageId: z.string().nullable(),
    ticketId: z.number().int().nullable(),
    articleId: z.number().int().nullable(),
    attempts: z.number().int(),
    processedAt: z.string().nullable(),
  })
  .meta({ id: 'RawMail' });

/** Admins: every received mail as stored, its fate, the original bytes, and "reprocess". */
export const rawMailsRoute: RouteModule = (api, deps) => {
  api.get(
    '/raw-mails',
    {
      schema: {
        tags: ['mail'],
        summary: 'Received mails as stored (admins)',
        querystring: z.object({
          status: z.enum(['received', 'processed', 'duplicate', 'ignored', 'failed']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(rawMailSchema), total: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => listRawMails(deps.ctx, actorOf(request), request.query),
  );
  api.get(
    '/raw-mails/:id',
    { schema: { tags: ['mail'], summary: 'One received mail (admins)', params: idParams, response: { 200: rawMailSchema, ...errorResponses } } },
    async (request) => (await getRawMail(deps.ctx, actorOf(request), request.params.id)).rawMail,
  );
  api.get(
    '/raw-mails/:id/source',
    { schema: { tags: ['mail'], summary: 'The original message as received (message/rfc822)', params: idParams, response: { 200: z.any(), ...errorResponses } } },
    async (request, reply) => {
      const { content } = await getRawMail(deps.ctx, actorOf(request), request.params.id);
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="raw-mail-${request.params.id}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .send(content);
    },
  );
  api.post(
    '/raw-mails/:id/reprocess',
    {
      schema: {
        tags: ['mail'],
        summary: 'Run a stored mail through intake again (admins)',
        params: idParams,
        response: {
          200: z.object({ rawMailId: z.number().int(), status: z.string(), ticketId: z.number().int().nullable(), articleId: z.number().int().nullable(), isFollowUp: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    async (request) => reprocessRawMail(deps.ctx, actorOf(request), request.params.id),
  );
};
