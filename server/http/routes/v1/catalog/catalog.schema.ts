import { z } from 'zod';
import { STATE_TYPES } from '../../../../../shared/domain.ts';

const minutes = z.number().int().min(0).max(10_000_000).describe('Minutes; 0 = none');
const percent = z.number().int().min(0).max(100).describe('Percent of the time after which to warn');
const comment = z.string().max(250).nullable().optional();

export const stateSchema = z
  .object({ id: z.number().int(), name: z.string(), type: z.enum(STATE_TYPES), comment: z.string().nullable(), isValid: z.boolean() })
  .meta({ id: 'State' });
export const stateBodySchema = z.object({ name: z.string().min(1).max(100), type: z.enum(STATE_TYPES), comment, isValid: z.boolean().optional() });
export const stateTypeSchema = z.object({ id: z.number().int(), name: z.enum(STATE_TYPES), comment: z.string().nullable() }).meta({ id: 'StateType' });

/** Shape of priorities and ticket types. */
const namedItem = z.object({ id: z.number().int(), name: z.string(), isValid: z.boolean() });
export const prioritySchema = namedItem.meta({ id: 'Priority' });
export const ticketTypeSchema = namedItem.meta({ id: 'TicketType' });
export const namedBodySchema = z.object({ name: z.string().min(1).max(100), isValid: z.boolean().optional() });

export const serviceSchema = z
  .object({ id: z.number().int(), name: z.string(), fullName: z.string().describe('Path in the service tree, e.g. "E-Mail::Mailbox"'), parentId: z.number().int().nullable(), comment: z.string().nullable(), isValid: z.boolean() })
  .meta({ id: 'Service' });
export const serviceBodySchema = z.object({ name: z.string().min(1).max(200), parentId: z.number().int().positive().nullable().optional(), comment, isValid: z.boolean().optional() });

export const slaSchema = z
  .object({
    id: z.number().int(), name: z.string(), firstResponseTime: z.number().int(), firstResponseNotify: z.number().int(), updateTime: z.number().int(),
    updateNotify: z.number().int(), solutionTime: z.number().int(), solutionNotify: z.number().int(), calendarName: z.string().nullable(),
    comment: z.string().nullable(), isValid: z.boolean(), serviceIds: z.array(z.number().int()).describe('Services the SLA applies to'),
  })
  .meta({ id: 'Sla' });
export const slaBodySchema = z.object({
  name: z.string().min(1).max(200), firstResponseTime: minutes.optional(), firstResponseNotify: percent.optional(), updateTime: minutes.optional(),
  updateNotify: percent.optional(), solutionTime: minutes.optional(), solutionNotify: percent.optional(), calendarName: z.string().max(100).nullable().optional(),
  comment, isValid: z.boolean().optional(), serviceIds: z.array(z.number().int().positive()).max(1000).optional().describe('Replaces the covered services'),
});

export const systemAddressSchema = z.object({ id: z.number().int(), email: z.string(), displayName: z.string(), queueId: z.number().int().nullable(), isValid: z.boolean() }).meta({ id: 'SystemAddress' });
export const systemAddressBodySchema = z.object({
  email: z.string().min(3).max(200),
  displayName: z.string().min(1).max(200),
  queueId: z.number().int().positive().nullable().optional().describe('Queue for new mail to this address; null = Raw (postmaster filters may still decide)'),
  isValid: z.boolean().optional(),
});

const textSnippet = z.object({ id: z.number().int(), name: z.string(), text: z.string().describe('Text with placeholders such as <CUSTOMER_REALNAME>'), isValid: z.boolean() });
export const salutationSchema = textSnippet.meta({ id: 'Salutation' });
export const signatureSchema = textSnippet.meta({ id: 'Signature' });
export const textSnippetBodySchema = z.object({ name: z.string().min(1).max(200), text: z.string().max(20_000), isValid: z.boolean().optional() });
