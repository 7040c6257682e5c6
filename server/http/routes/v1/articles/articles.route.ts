import { z } from 'zod';
import { addArticle, getArticle, listArticles } from '../../../../core/articles/article.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { articleInputSchema, toArticleInput } from '../../../schemas/article-input.schema.ts';
import { errorResponses, idParam, idParams } from '../../../schemas/common.schema.ts';
import { articleSchema, ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

/** GET/POST /tickets/:id/articles and GET /tickets/:id/articles/:articleId. */
export const articlesRoute: RouteModule = (api, deps) => {
  api.get(
    '/tickets/:id/articles',
    { schema: { tags: ['articles'], summary: "A ticket's articles, oldest first", params: idParams, response: { 200: z.array(articleSchema), ...errorResponses } } },
    async (request) => listArticles(deps.ctx, actorOf(request), request.params.id),
  );
  api.post(
    '/tickets/:id/articles',
    {
      schema: {
        tags: ['articles'],
        summary: 'Add an article (note needs "note", other channels "rw")',
        params: idParams,
        body: z.object({ version: z.number().int().positive().optional(), article: articleInputSchema }),
        response: { 201: z.object({ ticket: ticketSchema, article: articleSchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await addArticle(deps.ctx, actor, { ticketId: request.params.id, expectedVersion: request.body.version, article: toArticleInput(request.body.article) });
      return reply.status(201).send({ ticket: presentTicket(result.ticket, actor), article: result.article });
    },
  );
  api.get(
    '/tickets/:id/articles/:articleId',
    {
      schema: { tags: ['articles'], summary: 'One article', params: z.object({ id: idParam, articleId: idParam }), response: { 200: articleSchema, ...errorResponses } },
    },
    async (request) => getArticle(deps.ctx, actorOf(request), request.params.id, request.params.articleId),
  );
};
