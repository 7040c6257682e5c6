import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { isTrustedClient, normaliseClientAddress } from './trusted-client.ts';

/** An SMTP client address whose X-Ticketwerk-* headers are honoured. */
export interface TrustedClient {
  id: number;
  /** Exact IP or CIDR block. */
  address: string;
  comment: string | null;
  createdAt: string;
}

/** The trusted SMTP client addresses. Admins only. */
export async function listTrustedClients(ctx: ServiceContext, actor: Actor): Promise<TrustedClient[]> {
  requireAdmin(actor);
  const rows = await ctx.db.selectFrom('postmaster_trusted_client').selectAll().orderBy('address').execute();
  return rows.map((r) => ({ id: r.id, address: r.address, comment: r.comment, createdAt: r.created_at }));
}

/** Trusts one more SMTP client address (exact IP or CIDR). */
export async function addTrustedClient(ctx: ServiceContext, actor: Actor, input: { address: string; comment?: string | null }): Promise<TrustedClient> {
  requireAdmin(actor);
  const address = normaliseClientAddress(input.address);
  if (!address) throw invalid('address', 'must be an IP address (192.0.2.10, 2001:db8::1) or a CIDR block (10.0.0.0/8)');
  if (input.comment && input.comment.length > 250) throw invalid('comment', 'must be at most 250 characters');
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db.selectFrom('postmaster_trusted_client').select('id').where('address', '=', address).executeTakeFirst();
    if (existing) throw new DomainError('CONFLICT', `${address} is already trusted.`, { field: 'address' });
    const row = await tx.db
      .insertInto('postmaster_trusted_client')
      .values({ address, comment: input.comment?.trim() || null, created_at: nowIso(tx) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, address: row.address, comment: row.comment, createdAt: row.created_at };
  });
}

/** Stops trusting an SMTP client address. */
export async function removeTrustedClient(ctx: ServiceContext, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  const result = await ctx.db.deleteFrom('postmaster_trusted_client').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Trusted client ${id}`);
}

/** For the SMTP listener: may mail from this client address use X-Ticketwerk-* headers? */
export async function isTrustedSmtpClient(ctx: ServiceContext, ip: string): Promise<boolean> {
  const rows = await ctx.db.selectFrom('postmaster_trusted_client').select('address').execute();
  return isTrustedClient(ip, rows.map((r) => r.address));
}
