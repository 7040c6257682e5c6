import { randomBytes } from 'node:crypto';
import { nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { hashToken } from './session.service.ts';

const TOKEN_PREFIX = 'twk_';

/** A personal API token as listed (never with its secret). */
export interface ApiTokenView {
  id: number;
  agentId: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Whose token an actor may manage: their own, or anyone's for admins and the CLI. */
function requireTokenOwnerAccess(actor: Actor, agentId: number): void {
  if (actor.kind === 'agent' && !actor.isAdmin && actor.agentId !== agentId) {
    throw new DomainError('PERMISSION_DENIED', "You can only manage your own API tokens.");
  }
}

/** Creates a personal API token; the secret is returned once and stored only as a hash. */
export async function createApiToken(
  ctx: ServiceContext,
  actor: Actor,
  input: { agentId: number; name: string; expiresAt?: string | null },
): Promise<{ token: string; apiToken: ApiTokenView }> {
  requireTokenOwnerAccess(actor, input.agentId);
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be empty');
  const agent = await ctx.db.selectFrom('agent').select('id').where('id', '=', input.agentId).executeTakeFirst();
  if (!agent) throw notFound(`Agent ${input.agentId}`, 'agentId');
  if (input.expiresAt && Date.parse(input.expiresAt) <= ctx.clock.now().getTime()) throw invalid('expiresAt', 'must be in the future');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await ctx.db
    .insertInto('api_token')
    .values({
      agent_id: input.agentId,
      name,
      token_hash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      created_at: nowIso(ctx),
      expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, apiToken: toView(row) };
}

/** Lists an agent's tokens. */
export async function listApiTokens(ctx: ServiceContext, actor: Actor, agentId: number): Promise<ApiTokenView[]> {
  requireTokenOwnerAccess(actor, agentId);
  const rows = await ctx.db.selectFrom('api_token').selectAll().where('agent_id', '=', agentId).orderBy('id').execute();
  return rows.map(toView);
}

/** Revokes a token at once; requests with it fail from now on. */
export async function revokeApiToken(ctx: ServiceContext, actor: Actor, tokenId: number): Promise<ApiTokenView> {
  const row = await ctx.db.selectFrom('api_token').selectAll().where('id', '=', tokenId).executeTakeFirst();
  if (!row) throw notFound(`API token ${tokenId}`);
  requireTokenOwnerAccess(actor, row.agent_id);
  const revoked = await ctx.db
    .updateTable('api_token')
    .set({ revoked_at: row.revoked_at ?? nowIso(ctx) })
    .where('id', '=', tokenId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toView(revoked);
}

/** The agent behind a bearer token, or null if unknown, revoked or expired. */
export async function resolveApiToken(ctx: ServiceContext, token: string): Promise<number | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await ctx.db.selectFrom('api_token').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  const now = ctx.clock.now();
  if (!row || row.revoked_at || (row.expires_at && Date.parse(row.expires_at) <= now.getTime())) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await ctx.db.updateTable('api_token').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return row.agent_id;
}

function toView(row: { id: number; agent_id: number; name: string; prefix: string; created_at: string; last_used_at: string | null; expires_at: string | null; revoked_at: string | null }): ApiTokenView {
  return { id: row.id, agentId: row.agent_id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at, expiresAt: row.expires_at, revokedAt: row.revoked_at };
}
