import { z } from 'zod';
import { LANGUAGES } from '../../../../../shared/domain.ts';

export const portalSettingsSchema = z
  .object({
    selfRegistration: z.boolean().describe('Customers may register themselves'),
    registrationDomains: z.array(z.string()).describe('Mail domains allowed to register; empty = any'),
  })
  .meta({ id: 'PortalSettings' });

export const portalRegistrationSchema = z
  .object({
    email: z.string().min(3).max(200).describe('Becomes the login too'),
    firstName: z.string().min(1).max(100),
    lastName: z.string().min(1).max(100),
    password: z.string().min(1).max(512).describe('At least 8 characters'),
    language: z.enum(LANGUAGES).describe('Language of the portal and of mails to the customer'),
  })
  .meta({ id: 'PortalRegistration' });

export const portalTokenSchema = z.object({ token: z.string().min(1).max(200).describe('From the mailed link') }).meta({ id: 'PortalRegistrationConfirm' });

export const portalPasswordResetRequestSchema = z.object({ email: z.string().min(1).max(200) }).meta({ id: 'PortalPasswordResetRequest' });

export const portalPasswordResetConfirmSchema = z
  .object({ token: z.string().min(1).max(200).describe('From the mailed link'), password: z.string().min(1).max(512).describe('At least 8 characters') })
  .meta({ id: 'PortalPasswordResetConfirm' });

export const portalProfileChangeSchema = z
  .object({
    firstName: z.string().min(1).max(100).optional(),
    lastName: z.string().min(1).max(100).optional(),
    phone: z.string().max(50).nullable().optional().describe('Empty or null removes the number'),
    language: z.enum(LANGUAGES).optional(),
  })
  .strict()
  .meta({ id: 'PortalProfileChange' });

export const portalPasswordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(512), newPassword: z.string().min(1).max(512).describe('At least 8 characters') })
  .meta({ id: 'PortalPasswordChange' });

/** The answer of requests whose outcome is mailed (registration, reset request). */
export const acceptedSchema = z.object({}).meta({ id: 'PortalAccepted' });
