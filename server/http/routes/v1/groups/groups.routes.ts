import { z } from 'zod';
import { createGroup, getGroup, listGroups, updateGroup } from '../../../../core/users/group-role.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

const tags = ['permissions'];

const groupSchema = z.object({ id: z.number().int(), name: z.string(), comment: z.string().nullable(), isValid: z.boolean() }).meta({ id: 'Group' });
const groupBodySchema = z.object({ name: z.string().min(1).max(100), comment: z.string().max(250).nullable().optional(), isValid: z.boolean().optional() });

/** GET/POST /groups, GET/PATCH /groups/:id: permission groups (each queue belongs to one). */
export const groupsRoutes: RouteModule = (api, { ctx }) => {
  api.get('/groups', { schema: { tags, summary: 'Permission groups', response: { 200: z.array(groupSchema), ...errorResponses } } }, async (request) => listGroups(ctx, actorOf(request)));
  api.get('/groups/:id', { schema: { tags, summary: 'One group', params: idParams, response: { 200: groupSchema, ...errorResponses } } }, async (request) =>
    getGroup(ctx, actorOf(request), request.params.id),
  );
  api.post('/groups', { schema: { tags, summary: 'Create a group (admins)', body: groupBodySchema, response: { 201: groupSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createGroup(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/groups/:id',
    { schema: { tags, summary: 'Change a group (admins)', params: idParams, body: groupBodySchema.partial().strict(), response: { 200: groupSchema, ...errorResponses } } },
    async (request) => updateGroup(ctx, actorOf(request), request.params.id, request.body),
  );
};
