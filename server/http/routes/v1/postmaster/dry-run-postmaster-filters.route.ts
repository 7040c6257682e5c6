import { dryRunPostmasterFilters } from '../../../../core/postmaster/dry-run.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { dryRunBodySchema, dryRunResultSchema } from './postmaster-filter.schema.ts';

/** POST /postmaster-filters/dry-run: what the filters would do with a stored or pasted mail; writes nothing (admins). */
export const dryRunPostmasterFiltersRoute: RouteModule = (api, deps) => {
  api.post(
    '/postmaster-filters/dry-run',
    {
      schema: {
        tags: ['postmaster'],
        summary: 'Try a stored or pasted mail against the filters without processing it',
        body: dryRunBodySchema,
        response: { 200: dryRunResultSchema, ...errorResponses },
      },
    },
    async (request) => dryRunPostmasterFilters(deps.ctx, actorOf(request), request.body),
  );
};
