import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../../core/auth/api-token.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams, isoDateTime } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

const apiTokenSchema = z
  .object({
    id: z.number().int(),
    agentId: z.number().int(),
    name: z.string(),
    prefix: z.string().describe('First characters of the token, to tell tokens apart'),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

/** Personal API tokens: GET/POST /api-tokens, DELETE /api-tokens/:id (revoke). */
export const apiTokensRoute: RouteModule = (api, deps) => {
  api.get(
    '/api-tokens',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Your API tokens (admins: any agent with ?agentId=)',
        querystring: z.object({ agentId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(apiTokenSchema), ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return listApiTokens(deps.ctx, actor, request.query.agentId ?? actor.agentId);
    },
  );
  api.post(
    '/api-tokens',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Create an API token; its secret is shown only in this response',
        body: z.object({ name: z.string().min(1).max(200), expiresAt: isoDateTime.nullable().optional(), agentId: z.number().int().positive().optional() }),
        response: { 201: z.object({ token: z.string(), apiToken: apiTokenSchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createApiToken(deps.ctx, actor, { agentId: request.body.agentId ?? actor.agentId, name: request.body.name, expiresAt: request.body.expiresAt });
      return reply.status(201).send(created);
    },
  );
  api.delete(
    '/api-tokens/:id',
    { schema: { tags: ['api-tokens'], summary: 'Revoke an API token', params: idParams, response: { 200: apiTokenSchema, ...errorResponses } } },
    async (request) => revokeApiToken(deps.ctx, actorOf(request), request.params.id),
  );
};
