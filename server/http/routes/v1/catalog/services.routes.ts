import { z } from 'zod';
import { createService, getService, listServices, updateService } from '../../../../core/catalog/service-tree.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { serviceBodySchema, serviceSchema } from './catalog.schema.ts';

const tags = ['configuration'];

/** GET/POST /services, GET/PATCH /services/:id: the service tree. */
export const servicesRoutes: RouteModule = (api, { ctx }) => {
  api.get('/services', { schema: { tags, summary: 'Services in tree order', response: { 200: z.array(serviceSchema), ...errorResponses } } }, async (request) =>
    listServices(ctx, actorOf(request)),
  );
  api.get('/services/:id', { schema: { tags, summary: 'One service', params: idParams, response: { 200: serviceSchema, ...errorResponses } } }, async (request) =>
    getService(ctx, actorOf(request), request.params.id),
  );
  api.post('/services', { schema: { tags, summary: 'Create a service (admins)', body: serviceBodySchema, response: { 201: serviceSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createService(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/services/:id',
    {
      schema: { tags, summary: 'Change a service (admins); a new name or parent renames its sub-services', params: idParams, body: serviceBodySchema.partial().strict(), response: { 200: serviceSchema, ...errorResponses } },
    },
    async (request) => updateService(ctx, actorOf(request), request.params.id, request.body),
  );
};
