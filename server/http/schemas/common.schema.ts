import { z } from 'zod';

/** The one error shape of the API. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable UPPER_SNAKE code, e.g. VALIDATION_FAILED, TICKET_LOCKED, STALE_VERSION'),
      message: z.string().describe('What went wrong, for people'),
      field: z.string().optional().describe('The request field at fault, e.g. "queueId" or "article.subject"'),
      current: z.unknown().optional().describe('On conflicts: the resource as it is now'),
    }),
  })
  .meta({ id: 'Error' });

/** Standard error responses to attach to a route's schema. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  429: errorSchema,
} as const;

export const idParam = z.coerce.number().int().positive();
export const idParams = z.object({ id: idParam });

/** Query parameters given as "1,2,3" or repeated; parsed into a list of positive ints. */
export const idList = z
  .union([z.string(), z.array(z.string())])
  .transform((value, ctx) => {
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter((v) => v !== '');
    const ids = parts.map(Number);
    if (ids.some((n) => !Number.isInteger(n) || n <= 0)) {
      ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of ids' });
      return z.NEVER;
    }
    return ids;
  });

/** Query parameters given as "a,b" or repeated; parsed into a list of strings. */
export const stringList = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter((v) => v !== ''));

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date and time');

export const refSchema = z.object({ id: z.number().int(), name: z.string() });
