import { z } from 'zod';
import { createPortalTopic, deletePortalTopic, getPortalTopic, listPortalTopics, updatePortalTopic } from '../../../../core/portal/portal-topic-admin.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { portalTopicAdminSchema, portalTopicBodySchema } from './portal-topic.schema.ts';

const tags = ['portal-topics'];

/** GET/POST /portal-topics, GET/PATCH/DELETE /portal-topics/:id: the topics customers choose from (admins). */
export const portalTopicsRoutes: RouteModule = (api, { ctx }) => {
  api.get('/portal-topics', { schema: { tags, summary: 'Every portal topic, valid or not (admins)', response: { 200: z.array(portalTopicAdminSchema), ...errorResponses } } }, async (request) =>
    listPortalTopics(ctx, actorOf(request)),
  );
  api.get('/portal-topics/:id', { schema: { tags, summary: 'One portal topic (admins)', params: idParams, response: { 200: portalTopicAdminSchema, ...errorResponses } } }, async (request) =>
    getPortalTopic(ctx, actorOf(request), request.params.id),
  );
  api.post(
    '/portal-topics',
    { schema: { tags, summary: 'Create a portal topic (admins)', body: portalTopicBodySchema, response: { 201: portalTopicAdminSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createPortalTopic(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/portal-topics/:id',
    { schema: { tags, summary: 'Change a portal topic (admins)', params: idParams, body: portalTopicBodySchema.partial().strict(), response: { 200: portalTopicAdminSchema, ...errorResponses } } },
    async (request) => updatePortalTopic(ctx, actorOf(request), request.params.id, request.body),
  );
  api.delete(
    '/portal-topics/:id',
    { schema: { tags, summary: 'Remove a portal topic (admins); tickets opened under it stay in their queue', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deletePortalTopic(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
