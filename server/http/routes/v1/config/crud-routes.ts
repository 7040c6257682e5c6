import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AgentActor } from '../../../../core/permissions/actor.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { Api } from '../route-module.ts';

/** One configuration resource with list, create and update (configuration is never deleted, only made invalid). */
export interface CrudSpec<Item extends z.ZodType, Input extends z.ZodObject> {
  path: string;
  tag: string;
  noun: string;
  item: Item;
  input: Input;
  list: (actor: AgentActor) => Promise<z.infer<Item>[]>;
  /** id null creates. Omit to make the resource read-only. */
  save?: (actor: AgentActor, id: number | null, input: z.infer<Input>) => Promise<z.infer<Item>>;
  /** Create disabled (e.g. priorities, which are fixed at five). */
  noCreate?: boolean;
}

/**
 * GET /path, GET /path/:id, and (with save) POST /path and PATCH /path/:id. The zod schemas
 * still validate every request and response; only the handler's static types are loosened,
 * because TypeScript cannot follow the generic schemas through Fastify's type provider.
 */
export function registerCrud<Item extends z.ZodType, Input extends z.ZodObject>(typedApi: Api, spec: CrudSpec<Item, Input>): void {
  const api = typedApi as unknown as FastifyInstance;
  const idOf = (params: unknown) => (params as { id: number }).id;
  api.get(`/${spec.path}`, { schema: { tags: [spec.tag], summary: `List ${spec.noun}s`, response: { 200: z.array(spec.item), ...errorResponses } } }, async (request) => spec.list(actorOf(request)));
  api.get(`/${spec.path}/:id`, { schema: { tags: [spec.tag], summary: `One ${spec.noun}`, params: idParams, response: { 200: spec.item, ...errorResponses } } }, async (request, reply) => {
    const item = (await spec.list(actorOf(request))).find((x) => (x as { id: number }).id === idOf(request.params));
    if (!item) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `${spec.noun} ${idOf(request.params)} not found` } });
    return item;
  });
  const save = spec.save;
  if (!save) return;
  if (!spec.noCreate) {
    api.post(`/${spec.path}`, { schema: { tags: [spec.tag], summary: `Create a ${spec.noun} (admins)`, body: spec.input, response: { 201: spec.item, ...errorResponses } } }, async (request, reply) =>
      reply.status(201).send(await save(actorOf(request), null, request.body as z.infer<Input>)),
    );
  }
  api.patch(
    `/${spec.path}/:id`,
    { schema: { tags: [spec.tag], summary: `Change a ${spec.noun} (admins)`, params: idParams, body: spec.input.partial().strict(), response: { 200: spec.item, ...errorResponses } } },
    async (request) => save(actorOf(request), idOf(request.params), request.body as z.infer<Input>),
  );
}
