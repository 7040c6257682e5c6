import type { MailAccountConnection } from '../../../core/mail-accounts/mail-account.types.ts';
import { storeAndCount, type MailboxFetchIo, type MailboxFetchTally } from '../../../core/mail-accounts/mailbox-fetch.types.ts';
import { Pop3Client, Pop3Error } from './pop3-client.ts';

/**
 * Fetches the messages of a POP3 account: RETR, store, and DELE only once stored. The server
 * removes DELE'd messages only at QUIT; a connection lost before that leaves them all on the
 * server, and the next poll's copies are recognised as duplicates.
 */
export async function fetchPop3Account(account: MailAccountConnection, io: MailboxFetchIo, tally: MailboxFetchTally): Promise<void> {
  const client = await Pop3Client.connect({ host: account.host, port: account.port, security: account.security, timeoutMs: io.timeoutMs });
  let quit = false;
  try {
    await client.login(account.login, account.password);
    const numbers = await messageNumbers(client);
    const batch = numbers.slice(0, Math.max(0, io.limit));
    tally.remaining = numbers.length - batch.length;
    for (const messageNumber of batch) {
      const raw = await client.retr(messageNumber);
      if (await storeAndCount(io, tally, raw)) await client.dele(messageNumber);
    }
    await client.quit();
    quit = true;
  } finally {
    if (!quit) client.close();
  }
}

/** Message numbers in order; by UIDL where offered, else 1…count from STAT. */
async function messageNumbers(client: Pop3Client): Promise<number[]> {
  const { count } = await client.stat();
  if (count === 0) return [];
  try {
    return (await client.uidl()).map((entry) => entry.number).sort((a, b) => a - b);
  } catch (error) {
    // UIDL is optional in RFC 1939; a server without it still numbers its messages.
    if (!(error instanceof Pop3Error)) throw error;
    return Array.from({ length: count }, (_, i) => i + 1);
  }
}
