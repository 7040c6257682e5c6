import { z } from 'zod';
import { LANGUAGES } from '../../../../../shared/domain.ts';

const optionalText = (max: number) => z.string().max(max).nullable().optional();

/** Paging and search of customer lists. */
export const customerSearchQuery = z.object({
  search: z.string().max(200).optional().describe('Words found case-insensitively in login, email or name (companies: key or name)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const companySchema = z
  .object({
    id: z.number().int(), customerId: z.string().describe('The company key (OTRS CustomerID)'), name: z.string(), street: z.string().nullable(), zip: z.string().nullable(),
    city: z.string().nullable(), country: z.string().nullable(), url: z.string().nullable(), comment: z.string().nullable(), isValid: z.boolean(),
    isPortalCompanyTickets: z.boolean().describe("Its customer users see each other's tickets in the portal"),
  })
  .meta({ id: 'CustomerCompany' });
export const companyBodySchema = z.object({
  customerId: z.string().min(1).max(150), name: z.string().min(1).max(200), street: optionalText(200), zip: optionalText(20), city: optionalText(200),
  country: optionalText(200), url: optionalText(200), comment: optionalText(250), isValid: z.boolean().optional(),
  isPortalCompanyTickets: z.boolean().optional().describe("Its customer users see each other's tickets in the portal (default false)"),
});
export const companyPageSchema = z.object({ items: z.array(companySchema), total: z.number().int() }).meta({ id: 'CustomerCompanyPage' });

export const customerUserSchema = z
  .object({
    id: z.number().int(), login: z.string(), email: z.string(), firstName: z.string(), lastName: z.string(), customerCompanyId: z.number().int().nullable(),
    phone: z.string().nullable(), language: z.string(), comment: z.string().nullable(), isValid: z.boolean(),
  })
  .meta({ id: 'CustomerUser' });
export const customerUserBodySchema = z.object({
  login: z.string().min(1).max(200), email: z.string().min(3).max(200), firstName: z.string().min(1).max(100), lastName: z.string().min(1).max(100),
  customerCompanyId: z.number().int().positive().nullable().optional(), phone: optionalText(50), password: z.string().min(8).max(512).optional().describe('For the customer portal'),
  language: z.enum(LANGUAGES).optional(), comment: optionalText(250), isValid: z.boolean().optional(),
});
export const customerUserPageSchema = z.object({ items: z.array(customerUserSchema), total: z.number().int() }).meta({ id: 'CustomerUserPage' });
