import { getMyProfile } from '../../../../core/users/agent-profile.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { profileSchema } from './me.schema.ts';

/** GET /me: the logged-in agent's profile, signature and preferences (defaults filled in). */
export const getMeRoute: RouteModule = (api, { ctx }) => {
  api.get('/me', { schema: { tags: ['me'], summary: 'My profile and preferences', response: { 200: profileSchema, ...errorResponses } } }, async (request) =>
    getMyProfile(ctx, actorOf(request)),
  );
};
