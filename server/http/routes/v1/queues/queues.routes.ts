import { z } from 'zod';
import { createQueue, getQueue, listQueues, updateQueue } from '../../../../core/queues/queue.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { queueBodySchema, queueSchema } from './queue.schema.ts';

const tags = ['queues'];

/** GET/POST /queues, GET/PATCH /queues/:id. Agents see queues they hold `ro` on; admins change them. */
export const queuesRoutes: RouteModule = (api, { ctx }) => {
  api.get('/queues', { schema: { tags, summary: 'Queues you may see, in tree order', response: { 200: z.array(queueSchema), ...errorResponses } } }, async (request) =>
    listQueues(ctx, actorOf(request)),
  );
  api.get('/queues/:id', { schema: { tags, summary: 'One queue', params: idParams, response: { 200: queueSchema, ...errorResponses } } }, async (request) =>
    getQueue(ctx, actorOf(request), request.params.id),
  );
  api.post('/queues', { schema: { tags, summary: 'Create a queue (admins)', body: queueBodySchema, response: { 201: queueSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await createQueue(ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/queues/:id',
    {
      schema: {
        tags,
        summary: 'Change a queue (admins); a new name or parent renames its sub-queues',
        params: idParams,
        body: queueBodySchema.partial().strict(),
        response: { 200: queueSchema, ...errorResponses },
      },
    },
    async (request) => updateQueue(ctx, actorOf(request), request.params.id, request.body),
  );
};
