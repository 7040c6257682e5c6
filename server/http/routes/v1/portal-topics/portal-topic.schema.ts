import { z } from 'zod';

/** A topic with every setting, as admins edit it. */
export const portalTopicAdminSchema = z
  .object({
    id: z.number().int(),
    nameEn: z.string(),
    nameDe: z.string(),
    descriptionEn: z.string().nullable(),
    descriptionDe: z.string().nullable(),
    queueId: z.number().int().describe('Tickets opened under this topic land in this queue'),
    position: z.number().int().describe('Lower comes first; equal positions sort by name'),
    isOnPortal: z.boolean().describe("Offered on the portal's new-ticket form"),
    isOnContactForm: z.boolean().describe('Offered on the public contact form'),
    isValid: z.boolean(),
  })
  .meta({ id: 'PortalTopicAdmin' });

/** Body of POST /portal-topics; PATCH takes any subset. */
export const portalTopicBodySchema = z.object({
  nameEn: z.string().trim().min(1).max(200),
  nameDe: z.string().trim().min(1).max(200),
  descriptionEn: z.string().max(1000).nullable().optional(),
  descriptionDe: z.string().max(1000).nullable().optional(),
  queueId: z.number().int().positive(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  isOnPortal: z.boolean().optional(),
  isOnContactForm: z.boolean().optional(),
  isValid: z.boolean().optional(),
});
