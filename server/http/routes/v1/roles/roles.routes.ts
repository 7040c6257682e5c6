import { z } from 'zod';
import { createRole, getRole, listRoles, updateRole } from '../../../../core/users/group-role.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { roleBodySchema, roleSchema } from './role.schema.ts';

const tags = ['permissions'];

/** GET/POST /roles, GET/PATCH /roles/:id (admins): sets of group permissions given to agents. */
export const rolesRoutes: RouteModule = (api, { ctx }) => {
  api.get('/roles', { schema: { tags, summary: 'Roles with permissions and agents (admins)', response: { 200: z.array(roleSchema), ...errorResponses } } }, async (request) =>
    listRoles(ctx, actorOf(request)),
  );
  api.get('/roles/:id', { schema: { tags, summary: 'One role (admins)', params: idParams, response: { 200: roleSchema, ...errorResponses } } }, async (request) =>
    getRole(ctx, actorOf(request), request.params.id),
  );
  api.post('/roles', { schema: { tags, summary: 'Create a role (admins)', body: roleBodySchema, response: { 201: roleSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createRole(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/roles/:id',
    { schema: { tags, summary: 'Change a role (admins)', params: idParams, body: roleBodySchema.partial().strict(), response: { 200: roleSchema, ...errorResponses } } },
    async (request) => updateRole(ctx, actorOf(request), request.params.id, request.body),
  );
};
