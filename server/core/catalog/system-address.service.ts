import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/** An address the desk receives mail at and sends from (stored lower-case). */
export interface SystemAddressView { id: number; email: string; displayName: string; queueId: number | null; isValid: boolean }

/** A system address's settings; on update every field is optional. */
export interface SystemAddressInput { email: string; displayName: string; queueId?: number | null; isValid?: boolean }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every system address. Any agent may read (queue settings and reply forms show them). */
export async function listSystemAddresses(ctx: ServiceContext, _actor: Actor): Promise<SystemAddressView[]> {
  const rows = await ctx.db.selectFrom('system_address').selectAll().orderBy('email').execute();
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, queueId: r.queue_id, isValid: r.is_valid }));
}

/** One system address. */
export async function getSystemAddress(ctx: ServiceContext, actor: Actor, id: number): Promise<SystemAddressView> {
  const address = (await listSystemAddresses(ctx, actor)).find((a) => a.id === id);
  if (!address) throw notFound(`System address ${id}`);
  return address;
}

/** Creates a system address (admins). */
export async function createSystemAddress(ctx: ServiceContext, actor: Actor, input: SystemAddressInput): Promise<SystemAddressView> {
  requireAdmin(actor);
  const displayName = checkDisplayName(input.displayName);
  return inTransaction(ctx, async (tx) => {
    const email = await requireFreeEmail(tx, input.email, null);
    const row = await tx.db.insertInto('system_address').values({ email, display_name: displayName, queue_id: await checkQueue(tx, input.queueId ?? null), is_valid: input.isValid ?? true }).returning('id').executeTakeFirstOrThrow();
    return getSystemAddress(tx, actor, row.id);
  });
}

/** Changes a system address (admins). */
export async function updateSystemAddress(ctx: ServiceContext, actor: Actor, id: number, input: Partial<SystemAddressInput>): Promise<SystemAddressView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    await getSystemAddress(tx, actor, id);
    const set = {
      ...(input.email !== undefined ? { email: await requireFreeEmail(tx, input.email, id) } : {}),
      ...(input.displayName !== undefined ? { display_name: checkDisplayName(input.displayName) } : {}),
      ...(input.queueId !== undefined ? { queue_id: await checkQueue(tx, input.queueId) } : {}),
      ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}),
    };
    if (Object.keys(set).length) await tx.db.updateTable('system_address').set(set).where('id', '=', id).execute();
    return getSystemAddress(tx, actor, id);
  });
}

async function checkQueue(ctx: ServiceContext, queueId: number | null): Promise<number | null> {
  if (queueId === null) return null;
  const queue = await ctx.db.selectFrom('queue').select('id').where('id', '=', queueId).executeTakeFirst();
  if (!queue) throw invalid('queueId', `queue ${queueId} does not exist`);
  return queueId;
}

function checkDisplayName(raw: string): string {
  const name = raw.trim();
  if (!name) throw invalid('displayName', 'must not be empty');
  if (name.length > 200) throw invalid('displayName', 'must be at most 200 characters');
  return name;
}

/** Lower-cases and checks the address; intake matches recipients case-insensitively. */
async function requireFreeEmail(ctx: ServiceContext, raw: string, exceptId: number | null): Promise<string> {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 200) throw invalid('email', 'is not an email address');
  const clash = await ctx.db.selectFrom('system_address').select('id').where('email', '=', email).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw new DomainError('CONFLICT', `The address ${email} exists already.`, { field: 'email' });
  return email;
}
