import { z } from 'zod';
import { createMailAccount, deleteMailAccount, getMailAccount, listMailAccounts, updateMailAccount } from '../../../../core/mail-accounts/mail-account.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { createMailAccountBody, mailAccountSchema, updateMailAccountBody } from './mail-accounts.schema.ts';

const tags = ['mail-accounts'];

/** Mail accounts (admins): list, read, add, change and remove under /mail-accounts. */
export const mailAccountsRoute: RouteModule = (api, deps) => {
  api.get(
    '/mail-accounts',
    { schema: { tags, summary: 'All mail accounts with their last poll', response: { 200: z.array(mailAccountSchema), ...errorResponses } } },
    async (request) => listMailAccounts(deps.ctx, actorOf(request)),
  );
  api.get(
    '/mail-accounts/:id',
    { schema: { tags, summary: 'One mail account', params: idParams, response: { 200: mailAccountSchema, ...errorResponses } } },
    async (request) => getMailAccount(deps.ctx, actorOf(request), request.params.id),
  );
  api.post(
    '/mail-accounts',
    { schema: { tags, summary: 'Add an IMAP or POP3 account to fetch mail from', body: createMailAccountBody, response: { 201: mailAccountSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createMailAccount(deps.ctx, actorOf(request), request.body)),
  );
  api.patch(
    '/mail-accounts/:id',
    { schema: { tags, summary: 'Change a mail account; a left-out password is kept', params: idParams, body: updateMailAccountBody, response: { 200: mailAccountSchema, ...errorResponses } } },
    async (request) => updateMailAccount(deps.ctx, actorOf(request), request.params.id, request.body),
  );
  api.delete(
    '/mail-accounts/:id',
    { schema: { tags, summary: 'Remove a mail account; mail fetched from it stays', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteMailAccount(deps.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
