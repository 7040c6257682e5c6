import { createCustomerCompany, getCustomerCompany, listCompanies, updateCustomerCompany } from '../../../../core/customers/customer.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { companyBodySchema, companyPageSchema, companySchema, customerSearchQuery } from './customer.schema.ts';

const tags = ['customers'];

/** GET/POST /customer-companies, GET/PATCH /customer-companies/:id. Any agent reads; admins change. */
export const customerCompaniesRoutes: RouteModule = (api, { ctx }) => {
  api.get(
    '/customer-companies',
    { schema: { tags, summary: 'Customer companies, searchable by key and name', querystring: customerSearchQuery, response: { 200: companyPageSchema, ...errorResponses } } },
    async (request) => listCompanies(ctx, actorOf(request), request.query),
  );
  api.get('/customer-companies/:id', { schema: { tags, summary: 'One customer company', params: idParams, response: { 200: companySchema, ...errorResponses } } }, async (request) =>
    getCustomerCompany(ctx, actorOf(request), request.params.id),
  );
  api.post('/customer-companies', { schema: { tags, summary: 'Create a customer company (admins)', body: companyBodySchema, response: { 201: companySchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createCustomerCompany(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/customer-companies/:id',
    { schema: { tags, summary: 'Change a customer company (admins)', params: idParams, body: companyBodySchema.partial().strict(), response: { 200: companySchema, ...errorResponses } } },
    async (request) => updateCustomerCompany(ctx, actorOf(request), request.params.id, request.body),
  );
};
