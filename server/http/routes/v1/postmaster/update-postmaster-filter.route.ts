import { updatePostmasterFilter } from '../../../../core/postmaster/postmaster-filter.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { postmasterFilterInputSchema, postmasterFilterSchema } from './postmaster-filter.schema.ts';

/** PUT /postmaster-filters/:id: replace a filter's definition (admins). */
export const updatePostmasterFilterRoute: RouteModule = (api, deps) => {
  api.put(
    '/postmaster-filters/:id',
    {
      schema: {
        tags: ['postmaster'],
        summary: 'Replace a postmaster filter',
        params: idParams,
        body: postmasterFilterInputSchema,
        response: { 200: postmasterFilterSchema, ...errorResponses },
      },
    },
    async (request) => updatePostmasterFilter(deps.ctx, actorOf(request), request.params.id, request.body),
  );
};
