import { z } from 'zod';
import { createSla, getSla, listSlas, updateSla } from '../../../../core/catalog/sla-and-texts.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { slaBodySchema, slaSchema } from './catalog.schema.ts';

const tags = ['configuration'];

/** GET/POST /slas, GET/PATCH /slas/:id: escalation times and the services they apply to. */
export const slasRoutes: RouteModule = (api, { ctx }) => {
  api.get('/slas', { schema: { tags, summary: 'SLAs', response: { 200: z.array(slaSchema), ...errorResponses } } }, async (request) => listSlas(ctx, actorOf(request)));
  api.get('/slas/:id', { schema: { tags, summary: 'One SLA', params: idParams, response: { 200: slaSchema, ...errorResponses } } }, async (request) =>
    getSla(ctx, actorOf(request), request.params.id),
  );
  api.post('/slas', { schema: { tags, summary: 'Create an SLA (admins)', body: slaBodySchema, response: { 201: slaSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createSla(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/slas/:id',
    { schema: { tags, summary: 'Change an SLA (admins)', params: idParams, body: slaBodySchema.partial().strict(), response: { 200: slaSchema, ...errorResponses } } },
    async (request) => updateSla(ctx, actorOf(request), request.params.id, request.body),
  );
};
