import { z } from 'zod';
import { agentSchema } from '../../../schemas/agent.schema.ts';

export const sessionSchema = z
  .object({
    agent: agentSchema,
    isAdmin: z.boolean(),
    csrfToken: z.string().describe('Send as X-CSRF-Token header with every write made with the session cookie'),
  })
  .meta({ id: 'Session' });
