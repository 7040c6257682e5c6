import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMailAccountRow } from '../../server/core/mail-accounts/mail-account.repository.ts';
import { defaultIntake, pollMailAccount, type MailIntake } from '../../server/mail/inbound/mail-account-poller.ts';
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

describe.each(dialects)('IMAP accounts against Dovecot on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.destroy();
  });

  async function mailboxWith(count: number, folder = 'INBOX') {
    const mailbox = newMailbox(dovecot);
    const mails = Array.from({ length: count }, (_, i) => testMail(i + 1));
    for (const mail of mails) await dovecot.deliver(mailbox.login, mailbox.password, mail, folder);
    return { mailbox, mails };
  }

  it('fetches 3 mails byte for byte and deletes each only after it was stored', async () => {
    const { mailbox, mails } = await mailboxWith(3);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox);
    const onServerWhenStored: number[] = [];
    const { intake, received, processed } = recordingIntake({ check: async () => void onServerWhenStored.push((await folderState(dovecot, mailbox)).length) });
    const report = await pollMailAccount(pollerOptions(t.ctx, intake), 'test', system, account.id, false);

    expect(received.map((raw, i) => raw.equals(mails[i] as Buffer))).toEqual([true, true, true]);
    // The message being stored is still on the server each time: 3, then 2, then 1 left.
    expect(onServerWhenStored).toEqual([3, 2, 1]);
    expect(await folderState(dovecot, mailbox)).toEqual([]);
    expect(report).toMatchObject({ stored: 3, failed: 0, remaining: 0, error: null });
    expect(processed).toEqual(report?.rawMailIds);
    const row = await findMailAccountRow(t.ctx.db, account.id);
    expect(row).toMatchObject({ last_error_kind: null, last_fetched_count: 3, consecutive_failures: 0, lease_owner: null, imap_last_uid: 3 });
  });

  it('a message that cannot be stored stays on the server; the others are handled; the next poll gets it', async () => {
    const { mailbox } = await mailboxWith(3);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox, { afterFetch: 'mark_seen' });
    const failing = recordingIntake({ failOn: (n) => n === 2 });
    const report = await pollMailAccount(pollerOptions(t.ctx, failing.intake), 'test', system, account.id, false);

    expect(report).toMatchObject({ stored: 2, failed: 1, error: { kind: 'intake' } });
    const state = await folderState(dovecot, mailbox);
    expect(state.map((m) => m.seen)).toEqual([true, false, true]);
    const row = await findMailAccountRow(t.ctx.db, account.id);
    expect(row).toMatchObject({ last_error_kind: 'intake', imap_last_uid: 1 });
    expect(row?.last_error).toContain('disk full');

    const retry = recordingIntake();
    const second = await pollMailAccount(pollerOptions(t.ctx, retry.intake), 'test', system, account.id, false);
    expect(second).toMatchObject({ stored: 1, error: null });
    expect(retry.received[0]?.toString()).toContain('Request 2');
    expect((await folderState(dovecot, mailbox)).every((m) => m.seen)).toBe(true);
  });

  it('moves fetched mail to another folder when told to', async () => {
    const { mailbox } = await mailboxWith(2);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox, { afterFetch: 'move', moveToFolder: 'Fetched' });
    await dovecot.deliver(mailbox.login, mailbox.password, testMail(9), 'Fetched');
    const { intake } = recordingIntake();
    await pollMailAccount(pollerOptions(t.ctx, intake), 'test', system, account.id, false);
    expect(await folderState(dovecot, mailbox)).toEqual([]);
    expect(await folderState(dovecot, mailbox, 'Fetched')).toHaveLength(3);
  });

  it('a crash after storing but before deleting: the next poll finds a duplicate, deletes it, and no mail is stored twice', async () => {
    const { mailbox } = await mailboxWith(1);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox);
    // The store succeeds and the process "dies" before the after-fetch action.
    const crashing: MailIntake = {
      receive: async (ctx, input) => {
        await defaultIntake.receive(ctx, input);
        throw new Error('killed');
      },
      process: async () => undefined,
    };
    await pollMailAccount(pollerOptions(t.ctx, crashing), 'test', system, account.id, false);
    expect(await folderState(dovecot, mailbox)).toHaveLength(1);

    const report = await pollMailAccount(pollerOptions(t.ctx, { ...defaultIntake, process: async () => undefined }), 'test', system, account.id, false);
    expect(report).toMatchObject({ stored: 0, duplicates: 1, error: null });
    expect(await folderState(dovecot, mailbox)).toEqual([]);
    const rows = await t.ctx.db.selectFrom('raw_mail').select(['id', 'source']).where('source', '=', `imap:${account.id}`).execute();
    expect(rows).toHaveLength(1);
  });

  it('a wrong password is stored on the account as an auth error and the next poll backs off', async () => {
    const { mailbox } = await mailboxWith(1);
    const account = await buildMailAccount(t.ctx, dovecot, { ...mailbox, password: 'wrong' });
    const { intake, received } = recordingIntake();
    const report = await pollMailAccount(pollerOptions(t.ctx, intake), 'test', system, account.id, false);
    expect(report?.error?.kind).toBe('auth');
    expect(received).toHaveLength(0);
    const row = await findMailAccountRow(t.ctx.db, account.id);
    expect(row).toMatchObject({ last_error_kind: 'auth', consecutive_failures: 1, lease_owner: null });
    expect(await folderState(dovecot, mailbox)).toHaveLength(1);
    await pollMailAccount(pollerOptions(t.ctx, intake), 'test', system, account.id, false);
    const again = await findMailAccountRow(t.ctx.db, account.id);
    expect(again?.consecutive_failures).toBe(2);
    expect(Date.parse(again?.next_poll_at ?? '') - t.clock.now().getTime()).toBe(20 * 60_000);
  });

  it('a folder that does not exist is a mailbox error', async () => {
    const { mailbox } = await mailboxWith(0);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox, { folder: 'Nowhere' });
    const report = await pollMailAccount(pollerOptions(t.ctx, recordingIntake().intake), 'test', system, account.id, false);
    expect(report?.error?.kind).toBe('mailbox');
  });

  it('TLS to a plain-text port fails as a TLS error, not as a wrong password', async () => {
    const { mailbox } = await mailboxWith(0);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox, { protocol: 'imaps', security: 'tls', port: dovecot.imapPort });
    const report = await pollMailAccount(pollerOptions(t.ctx, recordingIntake().intake), 'test', system, account.id, false);
    expect(report?.error?.kind).toBe('tls');
  });

  it('a flood is fetched 2 per poll when the limit is 2, and the account stays due while mail waits', async () => {
    const { mailbox } = await mailboxWith(3);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox);
    const { intake, received } = recordingIntake();
    const report = await pollMailAccount(pollerOptions(t.ctx, intake, { limit: 2 }), 'test', system, account.id, false);
    expect(report).toMatchObject({ stored: 2, remaining: 1 });
    expect((await findMailAccountRow(t.ctx.db, account.id))?.next_poll_at).toBe(t.clock.now().toISOString());
    await pollMailAccount(pollerOptions(t.ctx, intake, { limit: 2 }), 'test', system, account.id, false);
    expect(received).toHaveLength(3);
  });
});
