import { z } from 'zod';

export const agentSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    language: z.string(),
    isValid: z.boolean(),
    roleIds: z.array(z.number().int()),
    createdAt: z.string(),
    changedAt: z.string(),
  })
  .meta({ id: 'Agent' });
