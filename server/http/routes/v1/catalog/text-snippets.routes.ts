import { z } from 'zod';
import { createTextSnippet, getTextSnippet, listTextSnippets, updateTextSnippet } from '../../../../core/catalog/sla-and-texts.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { Api, RouteModule } from '../route-module.ts';
import { salutationSchema, signatureSchema, textSnippetBodySchema } from './catalog.schema.ts';

const tags = ['configuration'];

function registerTexts(api: Api, table: 'salutation' | 'signature', item: typeof salutationSchema, ctx: Parameters<RouteModule>[1]['ctx']): void {
  const path = `/${table}s`;
  api.get(path, { schema: { tags, summary: `List ${table}s`, response: { 200: z.array(item), ...errorResponses } } }, async (request) => listTextSnippets(ctx, actorOf(request), table));
  api.get(`${path}/:id`, { schema: { tags, summary: `One ${table}`, params: idParams, response: { 200: item, ...errorResponses } } }, async (request) =>
    getTextSnippet(ctx, actorOf(request), table, request.params.id),
  );
  api.post(path, { schema: { tags, summary: `Create a ${table} (admins)`, body: textSnippetBodySchema, response: { 201: item, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createTextSnippet(ctx, actorOf(request), table, request.body)),
  );
  api.patch(
    `${path}/:id`,
    { schema: { tags, summary: `Change a ${table} (admins)`, params: idParams, body: textSnippetBodySchema.partial().strict(), response: { 200: item, ...errorResponses } } },
    async (request) => updateTextSnippet(ctx, actorOf(request), table, request.params.id, request.body),
  );
}

/** /salutations and /signatures: texts put around agent replies. */
export const textSnippetsRoutes: RouteModule = (api, { ctx }) => {
  registerTexts(api, 'salutation', salutationSchema, ctx);
  registerTexts(api, 'signature', signatureSchema, ctx);
};
