import { z } from 'zod';
import { LANGUAGES } from '../../../../../shared/domain.ts';
import { changeAgentPassword, getAgent, getAgentGroupPermissions, listAgents, updateAgent } from '../../../../core/users/agent-admin.service.ts';
import { createAgent } from '../../../../core/users/agent.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { agentSchema } from '../../../schemas/agent.schema.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import { groupPermissionsSchema } from '../roles/role.schema.ts';
import type { RouteModule } from '../route-module.ts';

const tags = ['agents'];

const agentBodySchema = z.object({
  login: z.string().min(1).max(200),
  email: z.string().min(3).max(200),
  firstName: z.string().min(1).max(100),
  lastName: z.string().min(1).max(100),
  password: z.string().min(8).max(512).optional().describe('Without one the agent cannot log in until a password is set'),
  language: z.enum(LANGUAGES).optional(),
  roleIds: z.array(z.number().int().positive()).max(1000).optional(),
  groupPermissions: groupPermissionsSchema.optional().describe('Direct group permissions besides those of roles'),
});
const agentChangesSchema = agentBodySchema.omit({ login: true, password: true }).extend({ isValid: z.boolean() }).partial().strict();

/** /agents: admins manage agents; agents list colleagues and change their own names and language. */
export const agentsRoutes: RouteModule = (api, { ctx }) => {
  api.get('/agents', { schema: { tags, summary: 'Agents (admins: all; agents: valid ones)', response: { 200: z.array(agentSchema), ...errorResponses } } }, async (request) =>
    listAgents(ctx, actorOf(request)),
  );
  api.get('/agents/:id', { schema: { tags, summary: 'One agent', params: idParams, response: { 200: agentSchema, ...errorResponses } } }, async (request) =>
    getAgent(ctx, actorOf(request), request.params.id),
  );
  api.post('/agents', { schema: { tags, summary: 'Create an agent (admins)', body: agentBodySchema, response: { 201: agentSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createAgent(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/agents/:id',
    { schema: { tags, summary: 'Change an agent (admins; agents their own names and language)', params: idParams, body: agentChangesSchema, response: { 200: agentSchema, ...errorResponses } } },
    async (request) => updateAgent(ctx, actorOf(request), request.params.id, request.body),
  );
  api.get(
    '/agents/:id/group-permissions',
    { schema: { tags, summary: "An agent's direct group permissions (admins)", params: idParams, response: { 200: groupPermissionsSchema, ...errorResponses } } },
    async (request) => getAgentGroupPermissions(ctx, actorOf(request), request.params.id),
  );
};

/** POST /agents/:id/password: your own with currentPassword, or anyone's as admin. Ends the agent's sessions. */
export const agentPasswordRoute: RouteModule = (api, { ctx }) => {
  api.post(
    '/agents/:id/password',
    {
      schema: {
        tags,
        summary: 'Set a password (your own with currentPassword; admins for anyone)',
        params: idParams,
        body: z.object({ password: z.string().min(8).max(512), currentPassword: z.string().max(512).optional() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await changeAgentPassword(ctx, actorOf(request), { agentId: request.params.id, ...request.body });
      return reply.status(204).send(null);
    },
  );
};
