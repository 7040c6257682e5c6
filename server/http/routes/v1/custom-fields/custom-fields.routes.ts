import { z } from 'zod';
import { CUSTOM_FIELD_TYPES } from '../../../../../shared/domain.ts';
import { createCustomField, getCustomField, listCustomFields, updateCustomField } from '../../../../core/custom-fields/custom-field.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

const tags = ['configuration'];

const customFieldSchema = z
  .object({
    id: z.number().int(),
    name: z.string().describe('Identifier for API clients and filters'),
    label: z.string(),
    fieldType: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.string()).describe('Choices of a dropdown or multiselect field'),
    isValid: z.boolean(),
  })
  .meta({ id: 'CustomField' });
const customFieldBodySchema = z.object({
  name: z.string().min(1).max(100).describe('Starts with a letter; letters, digits and _'),
  label: z.string().min(1).max(200),
  fieldType: z.enum(CUSTOM_FIELD_TYPES).describe('Fixed once created'),
  options: z.array(z.string().max(200)).max(500).optional().describe('Required for dropdown and multiselect'),
  isValid: z.boolean().optional(),
});

/** GET/POST /custom-fields, GET/PATCH /custom-fields/:id: ticket field definitions. */
export const customFieldsRoutes: RouteModule = (api, { ctx }) => {
  api.get('/custom-fields', { schema: { tags, summary: 'Custom ticket fields', response: { 200: z.array(customFieldSchema), ...errorResponses } } }, async (request) =>
    listCustomFields(ctx, actorOf(request)),
  );
  api.get('/custom-fields/:id', { schema: { tags, summary: 'One custom field', params: idParams, response: { 200: customFieldSchema, ...errorResponses } } }, async (request) =>
    getCustomField(ctx, actorOf(request), request.params.id),
  );
  api.post('/custom-fields', { schema: { tags, summary: 'Define a custom field (admins)', body: customFieldBodySchema, response: { 201: customFieldSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createCustomField(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/custom-fields/:id',
    { schema: { tags, summary: 'Change a custom field (admins)', params: idParams, body: customFieldBodySchema.partial().strict(), response: { 200: customFieldSchema, ...errorResponses } } },
    async (request) => updateCustomField(ctx, actorOf(request), request.params.id, request.body),
  );
};
