import { z } from 'zod';
import { listPublicTopics } from '../../../../core/portal/portal-topics.service.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

const bilingual = z.object({ en: z.string(), de: z.string() });

/** A topic as customers see it, in both languages. */
export const portalTopicSchema = z
  .object({ id: z.number().int(), name: bilingual, description: bilingual.nullable() })
  .meta({ id: 'PortalTopic' });

/** GET /portal/topics?for=portal|contact: the topics customers choose from (public). */
export const portalTopicsRoute: RouteModule = (api, { ctx }) => {
  api.get(
    '/portal/topics',
    {
      config: { public: true },
      schema: {
        tags: ['portal'],
        summary: 'Topics offered to customers on the portal or the contact form, by position then name',
        querystring: z.object({ for: z.enum(['portal', 'contact']).default('portal').describe('Which form asks') }),
        response: { 200: z.array(portalTopicSchema), ...errorResponses },
      },
    },
    async (request) => (await listPublicTopics(ctx, { for: request.query.for })).map(({ id, name, description }) => ({ id, name, description })),
  );
};
