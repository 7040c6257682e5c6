import { ImapFlow } from 'imapflow';
import type { MailAccountConnection } from '../../../core/mail-accounts/mail-account.types.ts';
import { storeAndCount, type MailboxFetchIo, type MailboxFetchTally } from '../../../core/mail-accounts/mailbox-fetch.types.ts';
import { advanceImapCursor, planImapFetch } from './imap-cursor.ts';

/**
 * Fetches new messages of an IMAP account, one at a time: download the full source, store
 * it, move the cursor, and only then delete, flag or move it on the server. A crash at any
 * point either leaves the message on the server (fetched again, recognised as duplicate) or
 * leaves the cursor past it (only the after-fetch action is repeated).
 */
export async function fetchImapAccount(account: MailAccountConnection, io: MailboxFetchIo, tally: MailboxFetchTally): Promise<void> {
  const client = connectClient(account, io.timeoutMs);
  // imapflow also emits socket errors as events; the awaited command rejects with them anyway.
  client.on('error', () => {});
  await client.connect();
  try {
    const mailbox = await client.mailboxOpen(account.folder).catch((error: unknown) => {
      // A NO to SELECT: the folder is missing or not accessible to this login.
      if ((error as { responseStatus?: unknown }).responseStatus === 'NO') Object.assign(error as object, { mailboxMissing: true });
      throw error;
    });
    const uidValidity = String(mailbox.uidValidity);
    const listed = await client.search(account.afterFetch === 'mark_seen' ? { seen: false } : { deleted: false }, { uid: true });
    if (listed === false || listed === undefined) throw new Error(`Searching folder ${account.folder} failed`);
    const plan = planImapFetch(account.cursor, uidValidity, listed, io.limit);
    tally.remaining = plan.remaining;
    if (plan.cursorReset) await io.saveCursor({ uidValidity, lastUid: 0 });
    for (const uid of plan.actionOnly) await afterFetch(client, account, uid);
    await fetchPlanned(client, account, io, tally, { uidValidity, storedUpTo: plan.storedUpTo, uids: plan.fetch });
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function fetchPlanned(
  client: ImapFlow,
  account: MailAccountConnection,
  io: MailboxFetchIo,
  tally: MailboxFetchTally,
  plan: { uidValidity: string; storedUpTo: number; uids: number[] },
): Promise<void> {
  const outcomes: { uid: number; stored: boolean }[] = [];
  let cursor = plan.storedUpTo;
  for (const uid of plan.uids) {
    const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    // Gone meanwhile (another client removed it): nothing to store, nothing to lose.
    const stored = message && message.source ? await storeAndCount(io, tally, message.source) : true;
    outcomes.push({ uid, stored });
    const next = advanceImapCursor(plan.storedUpTo, outcomes);
    if (next !== cursor) {
      cursor = next;
      await io.saveCursor({ uidValidity: plan.uidValidity, lastUid: cursor });
    }
    if (stored && message) await afterFetch(client, account, uid);
  }
}

async function afterFetch(client: ImapFlow, account: MailAccountConnection, uid: number): Promise<void> {
  const range = String(uid);
  let done: boolean;
  if (account.afterFetch === 'mark_seen') {
    done = await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
  } else if (account.afterFetch === 'move' && account.moveToFolder) {
    done = (await client.messageMove(range, account.moveToFolder, { uid: true })) !== false;
  } else {
    done = await client.messageDelete(range, { uid: true });
  }
  // imapflow answers false instead of throwing when the server says NO.
  if (!done) throw Object.assign(new Error(`The server refused to ${account.afterFetch.replace('_', ' ')} message UID ${uid} in ${account.folder}`), { responseStatus: 'NO' });
}

function connectClient(account: MailAccountConnection, timeoutMs: number): ImapFlow {
  return new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    // STARTTLS is required when configured, and never tried on plain accounts (loopback, test servers).
    doSTARTTLS: account.security === 'starttls' ? true : account.security === 'none' ? false : undefined,
    auth: { user: account.login, pass: account.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 4,
  });
}
