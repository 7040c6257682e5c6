import { createAutoResponse } from '../../../../core/auto-responses/auto-response-admin.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { autoResponseInputSchema, autoResponseSchema } from './auto-response.schema.ts';

/** POST /auto-responses: a queue's answer for an event in one language. */
export const createAutoResponseRoute: RouteModule = (api, deps) => {
  api.post(
    '/auto-responses',
    { schema: { tags: ['auto-responses'], summary: 'Create an auto-response (admins)', body: autoResponseInputSchema, response: { 201: autoResponseSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createAutoResponse(deps.ctx, actorOf(request), request.body)),
  );
};
