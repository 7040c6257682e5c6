import { z } from 'zod';
import { LANGUAGES, PERMISSION_KINDS } from '../../../../../shared/domain.ts';
import { changeAgentPassword, getAgentGroupPermissions, listAgents, updateAgent } from '../../../../core/users/agent-admin.service.ts';
import { notFound } from '../../../../core/errors.ts';
import { createAgent } from '../../../../core/users/agent.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { agentSchema } from '../../../schemas/agent.schema.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

const grants = z.array(z.object({ groupId: z.number().int().positive(), permissions: z.array(z.enum(PERMISSION_KINDS)) }));
const agentInput = z.object({
  login: z.string().min(1).max(200),
  email: z.string().min(3).max(200),
  firstName: z.string().min(1).max(100),
  lastName: z.string().min(1).max(100),
  password: z.string().min(8).max(512).optional().describe('Without one the agent cannot log in until a password is set'),
  language: z.enum(LANGUAGES).optional(),
  roleIds: z.array(z.number().int().positive()).optional(),
  groupPermissions: grants.optional().describe('Direct group permissions besides those of roles'),
});

/** Agents: list, read, create and change (admins; agents may change their own names, language and password). */
export const agentsRoutes: RouteModule = (api, deps) => {
  const ctx = deps.ctx;
  api.get('/agents', { schema: { tags: ['agents'], summary: 'Agents', response: { 200: z.array(agentSchema), ...errorResponses } } }, async (request) => listAgents(ctx, actorOf(request)));
  api.get('/agents/:id', { schema: { tags: ['agents'], summary: 'One agent', params: idParams, response: { 200: agentSchema, ...errorResponses } } }, async (request) => {
    const actor = actorOf(request);
    const agent = (await listAgents(ctx, actor)).find((a) => a.id === request.params.id);
    if (!agent) throw notFound(`Agent ${request.params.id}`);
    return agent;
  });
  api.post('/agents', { schema: { tags: ['agents'], summary: 'Create an agent (admins)', body: agentInput, response: { 201: agentSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createAgent(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/agents/:id',
    {
      schema: {
        tags: ['agents'],
        summary: 'Change an agent',
        params: idParams,
        body: agentInput.omit({ login: true, password: true }).extend({ isValid: z.boolean() }).partial().strict(),
        response: { 200: agentSchema, ...errorResponses },
      },
    },
    async (request) => updateAgent(ctx, actorOf(request), request.params.id, request.body),
  );
  api.get(
    '/agents/:id/group-permissions',
    { schema: { tags: ['agents'], summary: "An agent's direct group permissions (admins)", params: idParams, response: { 200: grants, ...errorResponses } } },
    async (request) => getAgentGroupPermissions(ctx, actorOf(request), request.params.id),
  );
  api.post(
    '/agents/:id/password',
    {
      schema: {
        tags: ['agents'],
        summary: 'Set a password (your own with currentPassword; admins for anyone). Ends the agent’s sessions.',
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
