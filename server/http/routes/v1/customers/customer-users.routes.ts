import { z } from 'zod';
import { createCustomerUser, getCustomerUser, listCustomerUsers, updateCustomerUser } from '../../../../core/customers/customer.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { customerSearchQuery, customerUserBodySchema, customerUserPageSchema, customerUserSchema } from './customer.schema.ts';

const tags = ['customers'];
const listQuery = customerSearchQuery.extend({ customerCompanyId: z.coerce.number().int().positive().optional() });

/** GET/POST /customer-users, GET/PATCH /customer-users/:id. Any agent reads (customer lookup); admins change. */
export const customerUsersRoutes: RouteModule = (api, { ctx }) => {
  api.get(
    '/customer-users',
    { schema: { tags, summary: 'Customer users, searchable by login, email and name', querystring: listQuery, response: { 200: customerUserPageSchema, ...errorResponses } } },
    async (request) => listCustomerUsers(ctx, actorOf(request), request.query),
  );
  api.get('/customer-users/:id', { schema: { tags, summary: 'One customer user', params: idParams, response: { 200: customerUserSchema, ...errorResponses } } }, async (request) =>
    getCustomerUser(ctx, actorOf(request), request.params.id),
  );
  api.post('/customer-users', { schema: { tags, summary: 'Create a customer user (admins)', body: customerUserBodySchema, response: { 201: customerUserSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createCustomerUser(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/customer-users/:id',
    {
      schema: { tags, summary: 'Change a customer user (admins); the login is fixed', params: idParams, body: customerUserBodySchema.omit({ login: true }).partial().strict(), response: { 200: customerUserSchema, ...errorResponses } },
    },
    async (request) => updateCustomerUser(ctx, actorOf(request), request.params.id, request.body),
  );
};
