import { z } from 'zod';
import { createSystemAddress, getSystemAddress, listSystemAddresses, updateSystemAddress } from '../../../../core/catalog/system-address.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { systemAddressBodySchema, systemAddressSchema } from './catalog.schema.ts';

const tags = ['configuration'];

/** GET/POST /system-addresses, GET/PATCH /system-addresses/:id: the desk's own mail addresses. */
export const systemAddressesRoutes: RouteModule = (api, { ctx }) => {
  api.get('/system-addresses', { schema: { tags, summary: 'System addresses', response: { 200: z.array(systemAddressSchema), ...errorResponses } } }, async (request) =>
    listSystemAddresses(ctx, actorOf(request)),
  );
  api.get('/system-addresses/:id', { schema: { tags, summary: 'One system address', params: idParams, response: { 200: systemAddressSchema, ...errorResponses } } }, async (request) =>
    getSystemAddress(ctx, actorOf(request), request.params.id),
  );
  api.post(
    '/system-addresses',
    { schema: { tags, summary: 'Create a system address (admins)', body: systemAddressBodySchema, response: { 201: systemAddressSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createSystemAddress(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/system-addresses/:id',
    { schema: { tags, summary: 'Change a system address (admins)', params: idParams, body: systemAddressBodySchema.partial().strict(), response: { 200: systemAddressSchema, ...errorResponses } } },
    async (request) => updateSystemAddress(ctx, actorOf(request), request.params.id, request.body),
  );
};
