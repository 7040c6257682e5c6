import { createApiToken, listApiTokens, revokeApiToken } from '../core/auth/api-token.service.ts';
import { systemActor } from '../core/permissions/actor.ts';
import { requireAgentId } from './agent.commands.ts';
import { CliError, formatTable, optionalString, requirePositiveInt, requireString, withSystem, type CliCommand } from './cli-support.ts';

const actor = systemActor('cli');

/** `token:create`: a personal API token for an agent; the secret is printed once. */
export const tokenCreateCommand: CliCommand = {
  name: 'token:create',
  summary: 'create a personal API token for an agent (secret shown once)',
  usage: [
    'ticketwerk token:create --login LOGIN --name NAME [--expires ISO-DATE]',
    '',
    '  --login LOGIN      the agent the token acts as',
    '  --name NAME        what the token is for, e.g. "monitoring"',
    '  --expires DATE     expiry as ISO 8601, e.g. 2027-03-31 or 2027-03-31T18:00:00Z (default: never)',
  ].join('\n'),
  options: { login: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } },
  async run(values, env) {
    const login = requireString(values, 'login');
    const name = requireString(values, 'name');
    const expires = optionalString(values, 'expires');
    if (expires !== undefined && Number.isNaN(Date.parse(expires))) throw new CliError(`Option --expires must be an ISO 8601 date, not "${expires}".`);
    await withSystem(env, async ({ ctx }) => {
      const agentId = await requireAgentId(ctx, login);
      const { token, apiToken } = await createApiToken(ctx, actor, { agentId, name, expiresAt: expires ?? null });
      env.print(`Created API token ${apiToken.id} "${apiToken.name}" for ${login}${apiToken.expiresAt ? `, valid until ${apiToken.expiresAt}` : ''}.`);
      env.print(`Token: ${token}\n(shown once; send it as "Authorization: Bearer <token>")`);
    });
  },
};

/** `token:list`: an agent's tokens, without secrets. */
export const tokenListCommand: CliCommand = {
  name: 'token:list',
  summary: "list an agent's API tokens",
  usage: ['ticketwerk token:list --login LOGIN', '', '  --login LOGIN   the agent'].join('\n'),
  options: { login: { type: 'string' } },
  async run(values, env) {
    const login = requireString(values, 'login');
    await withSystem(env, async ({ ctx }) => {
      const tokens = await listApiTokens(ctx, actor, await requireAgentId(ctx, login));
      if (tokens.length === 0) return env.print(`${login} has no API tokens.`);
      const now = Date.now();
      const status = (t: (typeof tokens)[number]) =>
        t.revokedAt ? 'revoked' : t.expiresAt && Date.parse(t.expiresAt) <= now ? 'expired' : 'active';
      const rows = tokens.map((t) => [String(t.id), t.name, `${t.prefix}…`, status(t), t.createdAt, t.expiresAt ?? '-', t.lastUsedAt ?? '-']);
      formatTable(['ID', 'NAME', 'PREFIX', 'STATUS', 'CREATED', 'EXPIRES', 'LAST USED'], rows).forEach((line) => env.print(line));
    });
  },
};

/** `token:revoke`: a token stops working at once. */
export const tokenRevokeCommand: CliCommand = {
  name: 'token:revoke',
  summary: 'revoke an API token by id',
  usage: ['ticketwerk token:revoke --id ID', '', '  --id ID   the token id (see token:list)'].join('\n'),
  options: { id: { type: 'string' } },
  async run(values, env) {
    const id = requirePositiveInt(values, 'id');
    await withSystem(env, async ({ ctx }) => {
      const token = await revokeApiToken(ctx, actor, id);
      env.print(`API token ${token.id} "${token.name}" is revoked (since ${token.revokedAt}).`);
    });
  },
};
