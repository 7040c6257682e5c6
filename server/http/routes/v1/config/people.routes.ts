import { z } from 'zod';
import { CUSTOM_FIELD_TYPES, FOLLOW_UP_OPTIONS, LANGUAGES, PERMISSION_KINDS } from '../../../../../shared/domain.ts';
import { createCustomerCompany, createCustomerUser, getCustomerUser, listCompanies, listCustomerUsers, updateCustomerCompany, updateCustomerUser } from '../../../../core/customers/customer.service.ts';
import { listCustomFields, saveCustomField } from '../../../../core/custom-fields/custom-field.service.ts';
import { createQueue, listQueues, updateQueue } from '../../../../core/queues/queue.service.ts';
import { createGroup, createRole, listGroups, listRoles, updateGroup, updateRole } from '../../../../core/users/group-role.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { registerCrud } from './crud-routes.ts';

const id = z.number().int().positive();
const minutes = z.number().int().min(0).max(10_000_000);
const percent = z.number().int().min(0).max(100);
const grants = z.array(z.object({ groupId: id, permissions: z.array(z.enum(PERMISSION_KINDS)) }));

export const queueSchema = z
  .object({
    id: z.number().int(), name: z.string(), fullName: z.string().describe('Parent::Child'), parentId: z.number().int().nullable(), groupId: z.number().int(),
    systemAddressId: z.number().int().nullable(), salutationId: z.number().int().nullable(), signatureId: z.number().int().nullable(),
    unlockTimeout: z.number().int(), firstResponseTime: z.number().int(), firstResponseNotify: z.number().int(), updateTime: z.number().int(),
    updateNotify: z.number().int(), solutionTime: z.number().int(), solutionNotify: z.number().int(), calendarName: z.string().nullable(),
    followUpOption: z.enum(FOLLOW_UP_OPTIONS), isFollowUpLock: z.boolean(), comment: z.string().nullable(), isValid: z.boolean(),
  })
  .meta({ id: 'Queue' });

/** Queues, groups, roles, customer companies and users, custom field definitions. */
export const peopleRoutes: RouteModule = (api, deps) => {
  const ctx = deps.ctx;
  registerCrud(api, {
    path: 'queues', tag: 'configuration', noun: 'queue', item: queueSchema,
    input: z.object({
      name: z.string().min(1).max(200), parentId: id.nullable().optional(), groupId: id, systemAddressId: id.nullable().optional(),
      salutationId: id.nullable().optional(), signatureId: id.nullable().optional(), unlockTimeout: minutes.optional().describe('Minutes; 0 = never'),
      firstResponseTime: minutes.optional(), firstResponseNotify: percent.optional(), updateTime: minutes.optional(), updateNotify: percent.optional(),
      solutionTime: minutes.optional(), solutionNotify: percent.optional(), calendarName: z.string().max(100).nullable().optional(),
      followUpOption: z.enum(FOLLOW_UP_OPTIONS).optional(), isFollowUpLock: z.boolean().optional(), comment: z.string().max(250).nullable().optional(), isValid: z.boolean().optional(),
    }),
    list: (actor) => listQueues(ctx, actor),
    save: (actor, queueId, input) => (queueId === null ? createQueue(ctx, actor, input) : updateQueue(ctx, actor, queueId, input)),
  });
  const groupItem = z.object({ id: z.number().int(), name: z.string(), comment: z.string().nullable(), isValid: z.boolean() });
  const groupInput = z.object({ name: z.string().min(1).max(100), comment: z.string().max(250).nullable().optional(), isValid: z.boolean().optional() });
  registerCrud(api, {
    path: 'groups', tag: 'permissions', noun: 'group', item: groupItem.meta({ id: 'Group' }), input: groupInput,
    list: () => listGroups(ctx),
    save: (actor, groupId, input) => (groupId === null ? createGroup(ctx, actor, input) : updateGroup(ctx, actor, groupId, input)),
  });
  registerCrud(api, {
    path: 'roles', tag: 'permissions', noun: 'role',
    item: groupItem.extend({ groupPermissions: grants, agentIds: z.array(z.number().int()) }).meta({ id: 'Role' }),
    input: groupInput.extend({ groupPermissions: grants.optional(), agentIds: z.array(id).optional() }),
    list: (actor) => listRoles(ctx, actor),
    save: (actor, roleId, input) => (roleId === null ? createRole(ctx, actor, input) : updateRole(ctx, actor, roleId, input)),
  });
  registerCrud(api, {
    path: 'custom-fields', tag: 'configuration', noun: 'custom field',
    item: z.object({ id: z.number().int(), name: z.string(), label: z.string(), fieldType: z.enum(CUSTOM_FIELD_TYPES), options: z.array(z.string()), isValid: z.boolean() }).meta({ id: 'CustomField' }),
    input: z.object({ name: z.string().min(1).max(100), label: z.string().min(1).max(200), fieldType: z.enum(CUSTOM_FIELD_TYPES), options: z.array(z.string().max(200)).max(500).optional(), isValid: z.boolean().optional() }),
    list: () => listCustomFields(ctx),
    save: (actor, fieldId, input) => saveCustomField(ctx, actor, fieldId, input),
  });

  const paging = { search: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0) };
  const companySchema = z
    .object({ id: z.number().int(), customerId: z.string(), name: z.string(), street: z.string().nullable(), zip: z.string().nullable(), city: z.string().nullable(), country: z.string().nullable(), url: z.string().nullable(), comment: z.string().nullable(), isValid: z.boolean() })
    .meta({ id: 'CustomerCompany' });
  const companyInput = z.object({
    customerId: z.string().min(1).max(150), name: z.string().min(1).max(200), street: z.string().max(200).nullable().optional(), zip: z.string().max(20).nullable().optional(),
    city: z.string().max(200).nullable().optional(), country: z.string().max(200).nullable().optional(), url: z.string().max(200).nullable().optional(), comment: z.string().max(250).nullable().optional(), isValid: z.boolean().optional(),
  });
  api.get('/customer-companies', { schema: { tags: ['customers'], summary: 'Customer companies, searchable', querystring: z.object(paging), response: { 200: z.object({ items: z.array(companySchema), total: z.number().int() }), ...errorResponses } } }, async (request) => listCompanies(ctx, request.query));
  api.post('/customer-companies', { schema: { tags: ['customers'], summary: 'Create a customer company (admins)', body: companyInput, response: { 201: companySchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createCustomerCompany(ctx, actorOf(request), request.body)),
  );
  api.patch('/customer-companies/:id', { schema: { tags: ['customers'], summary: 'Change a customer company (admins)', params: z.object({ id: z.coerce.number().int().positive() }), body: companyInput.partial().strict(), response: { 200: companySchema, ...errorResponses } } }, async (request) =>
    updateCustomerCompany(ctx, actorOf(request), request.params.id, request.body),
  );

  const userSchema = z
    .object({ id: z.number().int(), login: z.string(), email: z.string(), firstName: z.string(), lastName: z.string(), customerCompanyId: z.number().int().nullable(), phone: z.string().nullable(), language: z.string(), comment: z.string().nullable(), isValid: z.boolean() })
    .meta({ id: 'CustomerUser' });
  const userInput = z.object({
    login: z.string().min(1).max(200), email: z.string().min(3).max(200), firstName: z.string().min(1).max(100), lastName: z.string().min(1).max(100), customerCompanyId: id.nullable().optional(),
    phone: z.string().max(50).nullable().optional(), password: z.string().min(8).max(512).optional(), language: z.enum(LANGUAGES).optional(), comment: z.string().max(250).nullable().optional(), isValid: z.boolean().optional(),
  });
  api.get('/customer-users', { schema: { tags: ['customers'], summary: 'Customer users, searchable by login, mail and name', querystring: z.object({ ...paging, customerCompanyId: z.coerce.number().int().positive().optional() }), response: { 200: z.object({ items: z.array(userSchema), total: z.number().int() }), ...errorResponses } } }, async (request) =>
    listCustomerUsers(ctx, request.query),
  );
  api.get('/customer-users/:id', { schema: { tags: ['customers'], summary: 'One customer user', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: userSchema, ...errorResponses } } }, async (request) => getCustomerUser(ctx, request.params.id));
  api.post('/customer-users', { schema: { tags: ['customers'], summary: 'Create a customer user (admins)', body: userInput, response: { 201: userSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createCustomerUser(ctx, actorOf(request), request.body)),
  );
  api.patch('/customer-users/:id', { schema: { tags: ['customers'], summary: 'Change a customer user (admins)', params: z.object({ id: z.coerce.number().int().positive() }), body: userInput.omit({ login: true }).partial().strict(), response: { 200: userSchema, ...errorResponses } } }, async (request) =>
    updateCustomerUser(ctx, actorOf(request), request.params.id, request.body),
  );
};
