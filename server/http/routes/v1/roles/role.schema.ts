import { z } from 'zod';
import { PERMISSION_KINDS } from '../../../../../shared/domain.ts';

/** Permission kinds per group, as roles and agents hold them. */
export const groupPermissionsSchema = z
  .array(z.object({ groupId: z.number().int().positive(), permissions: z.array(z.enum(PERMISSION_KINDS)).describe('rw implies every other kind') }))
  .max(1000);

export const roleSchema = z
  .object({ id: z.number().int(), name: z.string(), comment: z.string().nullable(), isValid: z.boolean(), groupPermissions: groupPermissionsSchema, agentIds: z.array(z.number().int()) })
  .meta({ id: 'Role' });
export const roleBodySchema = z.object({
  name: z.string().min(1).max(100),
  comment: z.string().max(250).nullable().optional(),
  isValid: z.boolean().optional(),
  groupPermissions: groupPermissionsSchema.optional().describe('Replaces the role’s permissions'),
  agentIds: z.array(z.number().int().positive()).max(10_000).optional().describe('Replaces the role’s agents'),
});
