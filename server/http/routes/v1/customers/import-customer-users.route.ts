import { z } from 'zod';
import { CUSTOMER_CSV_COLUMNS } from '../../../../core/customers/customer-csv.ts';
import { importCustomerUsers } from '../../../../core/customers/customer-import.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

const importBodySchema = z
  .object({
    csv: z.string().min(1).max(20 * 1024 * 1024).describe(`The file's text: a header row with ${CUSTOMER_CSV_COLUMNS.join(', ')} (first four required), separated by ; or ,`),
    dryRun: z.boolean().optional().describe('Check and count only; nothing is written'),
  })
  .meta({ id: 'CustomerImportRequest' });

const importResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    companiesCreated: z.number().int(),
    failed: z.array(
      z.object({
        line: z.number().int().describe('Line in the file where the row starts'),
        field: z.enum(CUSTOMER_CSV_COLUMNS).nullable().describe('The column at fault; null when the row as a whole is malformed'),
        message: z.string(),
      }),
    ),
    dryRun: z.boolean(),
  })
  .meta({ id: 'CustomerImportResult' });

/** POST /customer-users/import: customer users from CSV, upserted by login (admins). */
export const importCustomerUsersRoute: RouteModule = (api, { ctx }) => {
  api.post(
    '/customer-users/import',
    {
      schema: {
        tags: ['customers'],
        summary: 'Import customer users from CSV (admins); existing logins are updated, bad rows are reported and skipped',
        body: importBodySchema,
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importCustomerUsers(ctx, actorOf(request), request.body),
  );
};
