import { sql } from 'kysely';
import { z } from 'zod';
import type { RouteModule } from '../route-module.ts';

/**
 * GET /health: answers 200 when the server and its database respond, for load balancers and
 * monitoring (and as the trivial route bench:api compares against). Public, no session.
 */
export const healthRoute: RouteModule = (api, deps) => {
  api.get(
    '/health',
    { config: { public: true }, schema: { tags: ['system'], summary: 'Liveness: the server and its database answer', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => {
      await sql`SELECT 1`.execute(deps.ctx.db);
      return { status: 'ok' as const };
    },
  );
};
