import { generatePassword } from '../core/auth/password.ts';
import type { ServiceContext } from '../core/context.ts';
import { systemActor } from '../core/permissions/actor.ts';
import { createAgent, findAgentIdByLogin, setAgentPassword } from '../core/users/agent.service.ts';
import { CliError, optionalString, requireString, stringList, withSystem, type CliCommand } from './cli-support.ts';

const actor = systemActor('cli');
/** The role seeded by the default configuration that carries rw on users, admin and stats. */
const ADMIN_ROLE = 'Admin';

/** `agent:create`: a new agent with roles and a password (given or generated and printed once). */
export const agentCreateCommand: CliCommand = {
  name: 'agent:create',
  summary: 'create an agent (optionally an admin, with roles)',
  usage: [
    'ticketwerk agent:create --login LOGIN --email EMAIL --first-name FIRST --last-name LAST [options]',
    '',
    '  --login LOGIN         login name (letters, digits, . _ @ + -)',
    '  --email EMAIL         email address',
    '  --first-name FIRST    first name',
    '  --last-name LAST      last name',
    '  --password PASSWORD   password (at least 8 characters); generated and printed once when omitted',
    '  --admin               give the agent the Admin role',
    '  --role NAME           give the agent a role by name; repeat for several',
    '  --language de|en      language of the agent (default en)',
  ].join('\n'),
  options: {
    login: { type: 'string' },
    email: { type: 'string' },
    'first-name': { type: 'string' },
    'last-name': { type: 'string' },
    password: { type: 'string' },
    admin: { type: 'boolean' },
    role: { type: 'string', multiple: true },
    language: { type: 'string' },
  },
  async run(values, env) {
    const input = {
      login: requireString(values, 'login'),
      email: requireString(values, 'email'),
      firstName: requireString(values, 'first-name'),
      lastName: requireString(values, 'last-name'),
    };
    const language = optionalString(values, 'language');
    if (language !== undefined && language !== 'de' && language !== 'en') throw new CliError(`Option --language must be "de" or "en", not "${language}".`);
    const given = optionalString(values, 'password');
    const password = given ?? generatePassword();
    const roleNames = [...stringList(values, 'role'), ...(values.admin === true ? [ADMIN_ROLE] : [])];
    await withSystem(env, async ({ ctx }) => {
      const roleIds = await findRoleIds(ctx, roleNames);
      const agent = await createAgent(ctx, actor, { ...input, password, roleIds, ...(language ? { language } : {}) });
      env.print(`Created agent ${agent.login} (id ${agent.id})${roleNames.length ? ` with roles: ${[...new Set(roleNames)].join(', ')}` : ''}.`);
      if (!given) env.print(`Password: ${password}\n(shown once; the agent should change it after logging in)`);
    });
  },
};

/** `agent:password`: sets a new password and ends the agent's sessions. */
export const agentPasswordCommand: CliCommand = {
  name: 'agent:password',
  summary: "reset an agent's password (ends their sessions)",
  usage: [
    'ticketwerk agent:password --login LOGIN [--password PASSWORD]',
    '',
    '  --login LOGIN         the agent',
    '  --password PASSWORD   the new password; generated and printed once when omitted',
  ].join('\n'),
  options: { login: { type: 'string' }, password: { type: 'string' } },
  async run(values, env) {
    const login = requireString(values, 'login');
    const given = optionalString(values, 'password');
    const password = given ?? generatePassword();
    await withSystem(env, async ({ ctx }) => {
      const agentId = await requireAgentId(ctx, login);
      await setAgentPassword(ctx, actor, { agentId, password });
      env.print(`Password of ${login} changed; their open sessions have ended.`);
      if (!given) env.print(`Password: ${password}\n(shown once)`);
    });
  },
};

/** The agent id behind a login, or a CliError naming --login. */
export async function requireAgentId(ctx: ServiceContext, login: string): Promise<number> {
  const agentId = await findAgentIdByLogin(ctx, login);
  if (agentId === undefined) throw new CliError(`--login: no agent with login "${login}".`);
  return agentId;
}

async function findRoleIds(ctx: ServiceContext, names: string[]): Promise<number[]> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return [];
  const rows = await ctx.db.selectFrom('role').select(['id', 'name']).where('name', 'in', unique).execute();
  const missing = unique.filter((name) => !rows.some((r) => r.name === name));
  if (missing.length) {
    const known = await ctx.db.selectFrom('role').select('name').orderBy('name').execute();
    throw new CliError(`--role: no role named ${missing.map((m) => `"${m}"`).join(', ')} (roles: ${known.map((r) => r.name).join(', ')}).`);
  }
  return rows.map((r) => r.id);
}
