import { z } from 'zod';
import { addTrustedClient, listTrustedClients, removeTrustedClient } from '../../../../core/postmaster/trusted-client.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';

const trustedClientSchema = z
  .object({
    id: z.number().int(),
    address: z.string().describe('Exact IP or CIDR block'),
    comment: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'TrustedSmtpClient' });

/** SMTP clients whose X-Ticketwerk-* headers are honoured: GET/POST /postmaster-trusted-clients, DELETE …/:id (admins). */
export const trustedClientsRoute: RouteModule = (api, deps) => {
  const tags = ['postmaster'];
  api.get(
    '/postmaster-trusted-clients',
    { schema: { tags, summary: 'Trusted SMTP client addresses', response: { 200: z.array(trustedClientSchema), ...errorResponses } } },
    async (request) => listTrustedClients(deps.ctx, actorOf(request)),
  );
  api.post(
    '/postmaster-trusted-clients',
    {
      schema: {
        tags,
        summary: 'Trust an SMTP client address (IP or CIDR) to set X-Ticketwerk-* headers',
        body: z.object({ address: z.string().min(1).max(50), comment: z.string().max(250).nullable().optional() }).strict(),
        response: { 201: trustedClientSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await addTrustedClient(deps.ctx, actorOf(request), request.body)),
  );
  api.delete(
    '/postmaster-trusted-clients/:id',
    { schema: { tags, summary: 'Stop trusting an SMTP client address', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await removeTrustedClient(deps.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
