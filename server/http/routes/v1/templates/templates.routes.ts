import { z } from 'zod';
import { createTemplate, getTemplate, listTemplates, updateTemplate } from '../../../../core/templates/template.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { listTemplatesQuery, templateBodySchema, templateSchema } from './template.schema.ts';

const tags = ['templates'];

/** GET /templates for the compose screens (agents: a queue's valid ones); admins manage them. */
export const templatesRoutes: RouteModule = (api, { ctx }) => {
  api.get(
    '/templates',
    { schema: { tags, summary: "Standard templates: a queue's valid ones for agents, all for admins", querystring: listTemplatesQuery, response: { 200: z.array(templateSchema), ...errorResponses } } },
    async (request) => listTemplates(ctx, actorOf(request), request.query),
  );
  api.get('/templates/:id', { schema: { tags, summary: 'One template (admins)', params: idParams, response: { 200: templateSchema, ...errorResponses } } }, async (request) =>
    getTemplate(ctx, actorOf(request), request.params.id),
  );
  api.post('/templates', { schema: { tags, summary: 'Create a template (admins)', body: templateBodySchema, response: { 201: templateSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createTemplate(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/templates/:id',
    { schema: { tags, summary: 'Change a template (admins)', params: idParams, body: templateBodySchema.partial().strict(), response: { 200: templateSchema, ...errorResponses } } },
    async (request) => updateTemplate(ctx, actorOf(request), request.params.id, request.body),
  );
};
