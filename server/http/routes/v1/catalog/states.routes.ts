import { z } from 'zod';
import { createState, getState, listStates, listStateTypes, updateState } from '../../../../core/catalog/catalog.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { stateBodySchema, stateSchema, stateTypeSchema } from './catalog.schema.ts';

const tags = ['configuration'];

/** GET/POST /states, GET/PATCH /states/:id, GET /state-types. Any agent reads; admins change. */
export const statesRoutes: RouteModule = (api, { ctx }) => {
  api.get('/state-types', { schema: { tags, summary: 'State types (fixed)', response: { 200: z.array(stateTypeSchema), ...errorResponses } } }, async (request) =>
    listStateTypes(ctx, actorOf(request)),
  );
  api.get('/states', { schema: { tags, summary: 'Ticket states with their type', response: { 200: z.array(stateSchema), ...errorResponses } } }, async (request) =>
    listStates(ctx, actorOf(request)),
  );
  api.get('/states/:id', { schema: { tags, summary: 'One state', params: idParams, response: { 200: stateSchema, ...errorResponses } } }, async (request) =>
    getState(ctx, actorOf(request), request.params.id),
  );
  api.post('/states', { schema: { tags, summary: 'Create a state (admins)', body: stateBodySchema, response: { 201: stateSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createState(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/states/:id',
    { schema: { tags, summary: 'Change a state (admins)', params: idParams, body: stateBodySchema.partial().strict(), response: { 200: stateSchema, ...errorResponses } } },
    async (request) => updateState(ctx, actorOf(request), request.params.id, request.body),
  );
};
