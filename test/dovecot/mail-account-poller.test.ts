import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMailAccountRow } from '../../server/core/mail-accounts/mail-account.repository.ts';
import { startMailAccountPoller } from '../../server/mail/inbound/mail-account-poller.ts';
import { startDovecot, type DovecotServer } from '../support/dovecot.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';
import { buildMailAccount, newMailbox, pollerOptions, recordingIntake, testMail } from './mail-account-fixtures.ts';

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await dovecot?.stop();
});

describe.each(dialects)('startMailAccountPoller on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('tick() polls an account when due and again only after its interval, by the clock', async () => {
    const mailbox = newMailbox(dovecot);
    await dovecot.deliver(mailbox.login, mailbox.password, testMail(1));
    const account = await buildMailAccount(t.ctx, dovecot, mailbox, { pollIntervalMinutes: 10 });
    const { intake, received } = recordingIntake();
    const poller = startMailAccountPoller(pollerOptions(t.ctx, intake));
    try {
      expect((await poller.tick()).map((r) => r.accountId)).toContain(account.id);
      await dovecot.deliver(mailbox.login, mailbox.password, testMail(2));
      expect((await poller.tick()).map((r) => r.accountId)).not.toContain(account.id);
      t.clock.advanceMinutes(9);
      expect((await poller.tick()).map((r) => r.accountId)).not.toContain(account.id);
      t.clock.advanceMinutes(1);
      expect((await poller.tick()).map((r) => r.accountId)).toContain(account.id);
      expect(received).toHaveLength(2);
    } finally {
      await poller.stop();
    }
  });

  it('two processes ticking at once poll an account once: the lease decides', async () => {
    const mailbox = newMailbox(dovecot);
    for (const n of [1, 2, 3]) await dovecot.deliver(mailbox.login, mailbox.password, testMail(n));
    const account = await buildMailAccount(t.ctx, dovecot, mailbox);
    const { intake, received } = recordingIntake();
    const a = startMailAccountPoller(pollerOptions(t.ctx, intake, { owner: 'worker-a' }));
    const b = startMailAccountPoller(pollerOptions(t.ctx, intake, { owner: 'worker-b' }));
    try {
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      const polls = [...ra, ...rb].filter((r) => r.accountId === account.id);
      expect(polls).toHaveLength(1);
      expect(received).toHaveLength(3);
      expect(await findMailAccountRow(t.ctx.db, account.id)).toMatchObject({ lease_owner: null, lease_until: null });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('an account leased by a process that died is polled again once the lease ran out', async () => {
    const mailbox = newMailbox(dovecot);
    const account = await buildMailAccount(t.ctx, dovecot, mailbox);
    await t.ctx.db.updateTable('mail_account').set({ lease_owner: 'dead', lease_until: new Date(t.clock.now().getTime() + 60_000).toISOString() }).where('id', '=', account.id).execute();
    const poller = startMailAccountPoller(pollerOptions(t.ctx, recordingIntake().intake));
    try {
      expect((await poller.tick()).map((r) => r.accountId)).not.toContain(account.id);
      t.clock.advanceMinutes(2);
      expect((await poller.tick()).map((r) => r.accountId)).toContain(account.id);
    } finally {
      await poller.stop();
    }
  });
});
