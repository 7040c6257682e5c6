import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMailAccountRow } from '../../server/core/mail-accounts/mail-account.repository.ts';
import { pollMailAccount } from '../../server/mail/inbound/mail-account-poller.ts';
import { startDovecot, type DovecotServer } from '../support/dovecot.ts';
import { system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';
import { buildMailAccount, folderState, newMailbox, pollerOptions, recordingIntake, testMail } from './mail-account-fixtures.ts';

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await dovecot?.stop();
});

describe.each(dialects)('POP3 accounts against Dovecot on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.destroy();
  });

  async function mailboxWith(count: number) {
    const mailbox = newMailbox(dovecot);
    const mails = Array.from({ length: count }, (_, i) => testMail(i + 1));
    for (const mail of mails) await dovecot.deliver(mailbox.login, mailbox.password, mail);
    return { mailbox, mails };
  }

  it('fetches 3 mails byte for byte (dot-unstuffed, 8-bit kept) and deletes them only after they were stored', async () => {
    const { mailbox, mails } = await mailboxWith(3);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox, { protocol: 'pop3' });
    // POP3 deletes at QUIT: while storing, every message is still on the server.
    const onServerWhenStored: number[] = [];
    const { intake, received, processed } = recordingIntake({ check: async () => void onServerWhenStored.push((await folderState(dovecot, mailbox)).length) });
    const report = await pollMailAccount(pollerOptions(t.ctx, intake), 'test', system, account.id, false);

    expect(received.map((raw, i) => raw.equals(mails[i] as Buffer))).toEqual([true, true, true]);
    expect(onServerWhenStored).toEqual([3, 3, 3]);
    expect(await folderState(dovecot, mailbox)).toEqual([]);
    expect(report).toMatchObject({ stored: 3, failed: 0, error: null });
    expect(processed).toHaveLength(3);
    expect(await findMailAccountRow(t.ctx.db, account.id)).toMatchObject({ last_error_kind: null, last_fetched_count: 3, total_fetched_count: 3 });
  });

  it('a message that cannot be stored stays on the server; 1 and 3 are deleted', async () => {
    const { mailbox } = await mailboxWith(3);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox, { protocol: 'pop3' });
    const { intake } = recordingIntake({ failOn: (n) => n === 2 });
    const report = await pollMailAccount(pollerOptions(t.ctx, intake), 'test', system, account.id, false);
    expect(report).toMatchObject({ stored: 2, failed: 1, error: { kind: 'intake' } });
    const left = await folderState(dovecot, mailbox);
    expect(left).toHaveLength(1);
    expect(left[0]?.subject).toMatch(/^Request 2 /);
  });

  it('a wrong password is stored on the account as an auth error; nothing is fetched', async () => {
    const { mailbox } = await mailboxWith(1);
    const account = await buildMailAccount(t.ctx, dovecot, { ...mailbox, password: 'wrong' }, { protocol: 'pop3' });
    const { intake, received } = recordingIntake();
    const report = await pollMailAccount(pollerOptions(t.ctx, intake), 'test', system, account.id, false);
    expect(report?.error).toMatchObject({ kind: 'auth', message: expect.stringContaining('Authentication failed') });
    expect(received).toHaveLength(0);
    expect(await findMailAccountRow(t.ctx.db, account.id)).toMatchObject({ last_error_kind: 'auth', consecutive_failures: 1 });
    expect(await folderState(dovecot, mailbox)).toHaveLength(1);
  });

  it('STARTTLS required but not offered fails as a TLS error', async () => {
    const { mailbox } = await mailboxWith(0);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox, { protocol: 'pop3', security: 'starttls' });
    const report = await pollMailAccount(pollerOptions(t.ctx, recordingIntake().intake), 'test', system, account.id, false);
    expect(report?.error?.kind).toBe('tls');
  });
});
