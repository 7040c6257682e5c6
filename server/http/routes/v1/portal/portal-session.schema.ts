import { z } from 'zod';
import { LANGUAGES } from '../../../../../shared/domain.ts';

export const portalCustomerSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string().nullable(),
    language: z.enum(LANGUAGES),
    company: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    seesCompanyTickets: z.boolean().describe("Sees the tickets of the customer's whole company"),
  })
  .meta({ id: 'PortalCustomer' });

export const portalSessionSchema = z
  .object({
    customer: portalCustomerSchema,
    csrfToken: z.string().describe('Send as X-CSRF-Token header with every portal write'),
  })
  .meta({ id: 'PortalSession' });
