import { updateAutoResponse } from '../../../../core/auto-responses/auto-response-admin.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { autoResponseSchema, autoResponseUpdateSchema } from './auto-response.schema.ts';

/** PATCH /auto-responses/:id: change texts, queue, event, language or validity. */
export const updateAutoResponseRoute: RouteModule = (api, deps) => {
  api.patch(
    '/auto-responses/:id',
    { schema: { tags: ['auto-responses'], summary: 'Change an auto-response (admins)', params: idParams, body: autoResponseUpdateSchema, response: { 200: autoResponseSchema, ...errorResponses } } },
    async (request) => updateAutoResponse(deps.ctx, actorOf(request), request.params.id, request.body),
  );
};
