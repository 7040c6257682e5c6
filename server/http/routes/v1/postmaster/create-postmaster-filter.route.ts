import { createPostmasterFilter } from '../../../../core/postmaster/postmaster-filter.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { postmasterFilterInputSchema, postmasterFilterSchema } from './postmaster-filter.schema.ts';

/** POST /postmaster-filters: add a filter (admins). */
export const createPostmasterFilterRoute: RouteModule = (api, deps) => {
  api.post(
    '/postmaster-filters',
    { schema: { tags: ['postmaster'], summary: 'Add a postmaster filter', body: postmasterFilterInputSchema, response: { 201: postmasterFilterSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createPostmasterFilter(deps.ctx, actorOf(request), request.body)),
  );
};
