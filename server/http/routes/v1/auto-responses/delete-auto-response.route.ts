import { z } from 'zod';
import { deleteAutoResponse } from '../../../../core/auto-responses/auto-response-admin.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

/** DELETE /auto-responses/:id */
export const deleteAutoResponseRoute: RouteModule = (api, deps) => {
  api.delete(
    '/auto-responses/:id',
    { schema: { tags: ['auto-responses'], summary: 'Delete an auto-response (admins)', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteAutoResponse(deps.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
