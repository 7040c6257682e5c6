import { z } from 'zod';
import { createTicketType, getTicketType, listTicketTypes, updateTicketType } from '../../../../core/catalog/catalog.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { namedBodySchema, ticketTypeSchema } from './catalog.schema.ts';

const tags = ['configuration'];

/** GET/POST /types, GET/PATCH /types/:id: ticket types. */
export const ticketTypesRoutes: RouteModule = (api, { ctx }) => {
  api.get('/types', { schema: { tags, summary: 'Ticket types', response: { 200: z.array(ticketTypeSchema), ...errorResponses } } }, async (request) =>
    listTicketTypes(ctx, actorOf(request)),
  );
  api.get('/types/:id', { schema: { tags, summary: 'One ticket type', params: idParams, response: { 200: ticketTypeSchema, ...errorResponses } } }, async (request) =>
    getTicketType(ctx, actorOf(request), request.params.id),
  );
  api.post('/types', { schema: { tags, summary: 'Create a ticket type (admins)', body: namedBodySchema, response: { 201: ticketTypeSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createTicketType(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/types/:id',
    { schema: { tags, summary: 'Change a ticket type (admins)', params: idParams, body: namedBodySchema.partial().strict(), response: { 200: ticketTypeSchema, ...errorResponses } } },
    async (request) => updateTicketType(ctx, actorOf(request), request.params.id, request.body),
  );
};
