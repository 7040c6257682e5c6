import { updateMyProfile } from '../../../../core/users/agent-profile.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { profileChangesSchema, profileSchema } from './me.schema.ts';

/** PATCH /me: change my language, signature or preferences. */
export const updateMeRoute: RouteModule = (api, { ctx }) => {
  api.patch(
    '/me',
    { schema: { tags: ['me'], summary: 'Change my language, signature or preferences', body: profileChangesSchema, response: { 200: profileSchema, ...errorResponses } } },
    async (request) => updateMyProfile(ctx, actorOf(request), request.body),
  );
};
