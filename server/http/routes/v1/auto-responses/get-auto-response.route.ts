import { getAutoResponse } from '../../../../core/auto-responses/auto-response-admin.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { autoResponseSchema } from './auto-response.schema.ts';

/** GET /auto-responses/:id */
export const getAutoResponseRoute: RouteModule = (api, deps) => {
  api.get(
    '/auto-responses/:id',
    { schema: { tags: ['auto-responses'], summary: 'One auto-response (admins)', params: idParams, response: { 200: autoResponseSchema, ...errorResponses } } },
    async (request) => getAutoResponse(deps.ctx, actorOf(request), request.params.id),
  );
};
