import type { Language } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { enqueueMail } from '../outbox/enqueue-mail.service.ts';
import { formatAddress } from '../outbox/mail-address.ts';
import { accountMailText, type AccountMailKind } from './account-mail-texts.ts';

/** Confirmation, reset and "already registered" mails per address and hour; more are not sent. */
export const ACCOUNT_MAILS_PER_HOUR = 3;

/** One account mail to send. */
export interface AccountMail {
  kind: AccountMailKind;
  /** The customer's plain mail address. */
  to: string;
  /** The customer's full name. */
  name: string;
  login: string;
  language: Language;
  link: string;
}

/**
 * Whether another account mail may go to this address now. Counts the desk's own mails
 * without a ticket to that address in the last hour, so nobody can flood a mailbox through
 * the public registration and reset forms.
 */
export async function mayMailAccount(ctx: ServiceContext, address: string): Promise<boolean> {
  const since = new Date(ctx.clock.now().getTime() - 3_600_000).toISOString();
  const row = await ctx.db
    .selectFrom('outbox_mail')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'notification')
    .where('ticket_id', 'is', null)
    .where((eb) => eb(eb.fn('lower', ['to_address']), '=', address.toLowerCase()))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n) < ACCOUNT_MAILS_PER_HOUR;
}

/** Queues an account mail in the customer's language, in the caller's transaction. */
export async function enqueueAccountMail(ctx: ServiceContext, mail: AccountMail): Promise<void> {
  const sender = await ctx.db.selectFrom('system_address').select(['email', 'display_name']).where('is_valid', '=', true).orderBy('id').executeTakeFirst();
  if (!sender) throw new DomainError('CONFLICT', 'No valid system address is configured to send mail from.');
  const { subject, text } = accountMailText(mail.kind, mail.language, { name: mail.name, login: mail.login, link: mail.link, deskName: sender.display_name });
  await enqueueMail(ctx, {
    kind: 'notification',
    from: formatAddress({ address: sender.email, name: sender.display_name }),
    // The plain address: mayMailAccount counts by it.
    to: mail.to,
    subject,
    text,
  });
}
