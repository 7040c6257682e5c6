import { z } from 'zod';
import { listPostmasterFilters } from '../../../../core/postmaster/postmaster-filter.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { postmasterFilterSchema } from './postmaster-filter.schema.ts';

/** GET /postmaster-filters: every filter in run order (admins). */
export const listPostmasterFiltersRoute: RouteModule = (api, deps) => {
  api.get(
    '/postmaster-filters',
    { schema: { tags: ['postmaster'], summary: 'Postmaster filters in the order they run', response: { 200: z.array(postmasterFilterSchema), ...errorResponses } } },
    async (request) => listPostmasterFilters(deps.ctx, actorOf(request)),
  );
};
