import { getPostmasterFilter } from '../../../../core/postmaster/postmaster-filter.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { postmasterFilterSchema } from './postmaster-filter.schema.ts';

/** GET /postmaster-filters/:id (admins). */
export const getPostmasterFilterRoute: RouteModule = (api, deps) => {
  api.get(
    '/postmaster-filters/:id',
    { schema: { tags: ['postmaster'], summary: 'One postmaster filter', params: idParams, response: { 200: postmasterFilterSchema, ...errorResponses } } },
    async (request) => getPostmasterFilter(deps.ctx, actorOf(request), request.params.id),
  );
};
