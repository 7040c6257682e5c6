import { z } from 'zod';
import { deletePostmasterFilter } from '../../../../core/postmaster/postmaster-filter.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

/** DELETE /postmaster-filters/:id (admins). */
export const deletePostmasterFilterRoute: RouteModule = (api, deps) => {
  api.delete(
    '/postmaster-filters/:id',
    { schema: { tags: ['postmaster'], summary: 'Delete a postmaster filter', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deletePostmasterFilter(deps.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
