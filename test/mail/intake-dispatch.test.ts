import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSystemAddress } from '../../server/core/catalog/system-address.service.ts';
import type { ServiceContext } from '../../server/core/context.ts';
import { ingestRawMail } from '../../server/core/mail-intake/mail-intake.service.ts';
import { getTicket } from '../../server/core/tickets/ticket-query.service.ts';
import { buildQueue, buildSystemAddress, system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

function mailTo(address: string): Buffer {
  return Buffer.from(
    [
      'From: Lena Schulz <lena.schulz@student.uni-spree.de>',
      `To: ${address}`,
      'Subject: WLAN im Hörsaal',
      `Message-ID: <${randomBytes(6).toString('hex')}@student.uni-spree.de>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Das WLAN geht nicht.',
      '',
    ].join('\r\n'),
  );
}

describe.each(dialects)('queue of new mail by the addressed system address on %s', (dialect) => {
  let t: TestDatabase;
  let ctx: ServiceContext;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = t.ctx;
  });
  afterAll(async () => {
    await t.destroy();
  });

  const queueOfNewTicket = async (address: string) => {
    const result = await ingestRawMail(ctx, { raw: mailTo(address), source: 'test' });
    return (await getTicket(ctx, system, result.ticketId!)).queue;
  };

  it('never files a new desk’s first mail under Junk, although Junk sends from that address', async () => {
    expect((await queueOfNewTicket('ticketwerk@localhost')).name).not.toBe('Junk');
  });

  it('files new mail into the queue the admin set on the system address', async () => {
    const helpdesk = await buildQueue(ctx);
    const wifi = await buildQueue(ctx);
    const address = await buildSystemAddress(ctx, { queueId: helpdesk.id });
    await ctx.db.updateTable('queue').set({ system_address_id: address.id }).where('id', '=', wifi.id).execute();
    // Without a setting, the first queue sending from the address takes it.
    expect((await queueOfNewTicket(address.email)).id).toBe(helpdesk.id);
    const updated = await updateSystemAddress(ctx, system, address.id, { queueId: wifi.id });
    expect(updated.queueId).toBe(wifi.id);
    expect((await queueOfNewTicket(address.email)).id).toBe(wifi.id);
  });

  it('refuses a system address queue that does not exist, naming queueId', async () => {
    const address = await buildSystemAddress(ctx);
    await expect(updateSystemAddress(ctx, system, address.id, { queueId: 999_999 })).rejects.toMatchObject({ details: { field: 'queueId' } });
  });
});
