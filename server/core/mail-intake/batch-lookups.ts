import { createHash } from 'node:crypto';
import { customerUserMemoKey } from '../catalog/catalog.lookup.ts';
import type { ServiceContext } from '../context.ts';
import { findCustomerUsersByAddress } from '../customers/customer-by-address.ts';
import { inListChunks } from '../bulk-rows.ts';
import type { ParsedMail } from './parsed-mail.ts';

/** The ticket and article an earlier copy of the same message became. */
export interface Twin {
  ticket_id: number | null;
  article_id: number | null;
}

/** The customer user a mail address belongs to. */
export interface SenderCustomer {
  id: number;
  customer_company_id: number | null;
}

/** A mail of the batch, as far as the lookups need it. */
export interface LookupMail {
  rawMailId: number;
  mail: ParsedMail;
}

/**
 * What every mail of an intake batch looks up, read for the whole batch with one query each
 * instead of one per mail (on PostgreSQL each is a round trip): earlier copies of the same
 * message, and the customer users behind the senders' addresses. Mails of the same batch see
 * each other through `remember`; intake creates no customer users, so the senders read at the
 * start hold for the whole batch.
 *
 * A value the batch read did not cover (`none()`, or one PostgreSQL cannot hold) is looked up
 * when its mail is processed, so that a mail with odd content fails on its own, in its own
 * savepoint. For the same reason content is hashed only while its mail is processed.
 */
export class IntakeLookups {
  private readonly hashes = new WeakMap<ParsedMail, string>();

  private constructor(
    private readonly twinsRead: Set<string>,
    private readonly twins: Map<string, Twin>,
    private readonly customers: Map<string, SenderCustomer | undefined>,
  ) {}

  static async read(ctx: ServiceContext, mails: LookupMail[]): Promise<IntakeLookups> {
    // PostgreSQL refuses text with NUL characters; such a value is looked up with its mail.
    const storable = (value: string | null | undefined): value is string => !!value && !value.includes('\u0000');
    const messageIds = [...new Set(mails.map((m) => m.mail.messageId).filter(storable))];
    const senders = [...new Set(mails.map((m) => m.mail.from?.address.toLowerCase()).filter(storable))];
    const ownIds = new Set(mails.map((m) => m.rawMailId));
    const [twins, customers] = await Promise.all([readTwins(ctx, messageIds, ownIds), readCustomers(ctx, senders)]);
    return new IntakeLookups(new Set(messageIds), twins, customers);
  }

  /** Nothing read ahead: every mail looks up for itself. */
  static none(): IntakeLookups {
    return new IntakeLookups(new Set(), new Map(), new Map());
  }

  /** The mail's content hash: the same Message-ID and the same hash make the same message. */
  contentHash(mail: ParsedMail): string {
    let hash = this.hashes.get(mail);
    if (hash === undefined) this.hashes.set(mail, (hash = hashContent(mail)));
    return hash;
  }

  /** An earlier copy of the message, processed already (in an earlier batch or earlier in this one). */
  async twinOf(ctx: ServiceContext, rawMailId: number, mail: ParsedMail): Promise<Twin | undefined> {
    if (!mail.messageId) return undefined;
    const key = twinKey(mail.messageId, this.contentHash(mail));
    if (this.twins.has(key) || this.twinsRead.has(mail.messageId)) return this.twins.get(key);
    return ctx.db
      .selectFrom('raw_mail')
      .select(['ticket_id', 'article_id'])
      .where('message_id', '=', mail.messageId)
      .where('content_hash', '=', this.contentHash(mail))
      .where('status', 'in', ['processed', 'duplicate'])
      .where('id', '!=', rawMailId)
      .executeTakeFirst();
  }

  /** A mail of this batch was processed: a later copy of it in the batch is its duplicate. */
  remember(mail: ParsedMail, twin: Twin): void {
    if (!mail.messageId) return;
    const key = twinKey(mail.messageId, this.contentHash(mail));
    if (!this.twins.has(key)) this.twins.set(key, twin);
  }

  /** The customer user with this address (any case), the first one if several share it. */
  async customerOf(ctx: ServiceContext, address: string | undefined): Promise<SenderCustomer | undefined> {
    if (!address) return undefined;
    const wanted = address.toLowerCase();
    if (!this.customers.has(wanted)) {
      const found = await readCustomers(ctx, [wanted]);
      this.customers.set(wanted, found.get(wanted));
    }
    return this.customers.get(wanted);
  }
}

/** "Same message": same Message-ID and same content, whatever the transport headers say. */
function hashContent(mail: ParsedMail): string {
  const hash = createHash('sha256');
  for (const part of [mail.messageId ?? '', mail.from?.address ?? '', mail.subject, mail.text, mail.html ?? '']) hash.update(part).update('\u0000');
  for (const file of mail.attachments) hash.update(createHash('sha256').update(file.content).digest('hex'));
  return hash.digest('hex');
}

const twinKey = (messageId: string, contentHash: string) => `${messageId}\u0000${contentHash}`;

/** Processed raw mails with these Message-IDs, by Message-ID and content hash (the oldest of each). */
async function readTwins(ctx: ServiceContext, messageIds: string[], ownIds: Set<number>): Promise<Map<string, Twin>> {
  const twins = new Map<string, Twin>();
  for (const chunk of inListChunks(messageIds)) {
    const rows = await ctx.db
      .selectFrom('raw_mail')
      .select(['id', 'message_id', 'content_hash', 'ticket_id', 'article_id'])
      .where('message_id', 'in', chunk)
      .where('status', 'in', ['processed', 'duplicate'])
      .execute();
    // Oldest first, sorted here: an ORDER BY id could tempt the planner to walk a long index in id order.
    for (const row of rows.sort((a, b) => a.id - b.id)) {
      if (ownIds.has(row.id) || !row.message_id || !row.content_hash) continue;
      const key = twinKey(row.message_id, row.content_hash);
      if (!twins.has(key)) twins.set(key, { ticket_id: row.ticket_id, article_id: row.article_id });
    }
  }
  return twins;
}

/**
 * Customer users by lower-case address, the oldest where several share one; every address
 * asked for is in the result, unknown ones as undefined. The rows are kept in the batch's row
 * memo too, where the new ticket's check of its customer user finds them.
 */
async function readCustomers(ctx: ServiceContext, addresses: string[]): Promise<Map<string, SenderCustomer | undefined>> {
  const customers = new Map<string, SenderCustomer | undefined>(addresses.map((a) => [a, undefined]));
  for (const { lower_email, ...row } of await findCustomerUsersByAddress(ctx, addresses)) {
    ctx.rowMemo?.set(customerUserMemoKey(row.id), row);
    if (!customers.get(lower_email)) customers.set(lower_email, { id: row.id, customer_company_id: row.customer_company_id });
  }
  return customers;
}
