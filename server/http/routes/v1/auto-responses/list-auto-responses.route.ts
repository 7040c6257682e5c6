import { z } from 'zod';
import { listAutoResponses } from '../../../../core/auto-responses/auto-response-admin.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { autoResponseSchema, listAutoResponsesQuery } from './auto-response.schema.ts';

/** GET /auto-responses: every auto-response, or those of one queue or event. */
export const listAutoResponsesRoute: RouteModule = (api, deps) => {
  api.get(
    '/auto-responses',
    { schema: { tags: ['auto-responses'], summary: 'Auto-responses (admins)', querystring: listAutoResponsesQuery, response: { 200: z.array(autoResponseSchema), ...errorResponses } } },
    async (request) => listAutoResponses(deps.ctx, actorOf(request), request.query),
  );
};
