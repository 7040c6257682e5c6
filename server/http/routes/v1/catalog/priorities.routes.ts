import { z } from 'zod';
import { getPriority, listPriorities, updatePriority } from '../../../../core/catalog/catalog.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { namedBodySchema, prioritySchema } from './catalog.schema.ts';

const tags = ['configuration'];

/** GET /priorities, GET/PATCH /priorities/:id. There are always five, so there is no POST. */
export const prioritiesRoutes: RouteModule = (api, { ctx }) => {
  api.get('/priorities', { schema: { tags, summary: 'Priorities (1 very low … 5 very high)', response: { 200: z.array(prioritySchema), ...errorResponses } } }, async (request) =>
    listPriorities(ctx, actorOf(request)),
  );
  api.get('/priorities/:id', { schema: { tags, summary: 'One priority', params: idParams, response: { 200: prioritySchema, ...errorResponses } } }, async (request) =>
    getPriority(ctx, actorOf(request), request.params.id),
  );
  api.patch(
    '/priorities/:id',
    { schema: { tags, summary: 'Rename or invalidate a priority (admins)', params: idParams, body: namedBodySchema.partial().strict(), response: { 200: prioritySchema, ...errorResponses } } },
    async (request) => updatePriority(ctx, actorOf(request), request.params.id, request.body),
  );
};
