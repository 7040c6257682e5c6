import { describe, expect, it } from 'vitest';
import { parseMail } from '../mail-intake/parse-mail.ts';
import { readControlHeaders } from './control-headers.ts';

const headersOf = async (headers: string) => (await parseMail(Buffer.from(`${headers.trim()}\r\n\r\nBody\r\n`.replace(/\r?\n/g, '\r\n')))).headers;

describe('readControlHeaders', () => {
  it('reads X-Ticketwerk-* for new tickets and -FollowUp-* for follow-ups, custom fields by name', async () => {
    const control = readControlHeaders(
      await headersOf(`From: form@uni-spree.de
Subject: Web form
X-Ticketwerk-Queue: Service Desk::2nd Level
X-Ticketwerk-Priority: 4 high
X-Ticketwerk-CustomerUser: sam
X-Ticketwerk-Title: Antrag
X-Ticketwerk-SenderType: system
X-Ticketwerk-IsVisibleForCustomer: 0
X-Ticketwerk-CustomField-StudentId: 123456
X-Ticketwerk-FollowUp-State: open
X-Ticketwerk-FollowUp-Priority: 5 very high`),
    );
    expect(control.newTicket).toEqual({
      queue: 'Service Desk::2nd Level',
      priority: '4 high',
      customerUser: 'sam',
      title: 'Antrag',
      senderType: 'system',
      isVisibleForCustomer: '0',
      customFields: { studentid: '123456' },
    });
    expect(control.followUp).toEqual({ state: 'open', priority: '5 very high' });
    expect(control.ignore).toBe(false);
    expect(control.found).toHaveLength(9);
  });

  it('accepts X-OTRS-* spellings (DynamicField too); X-Ticketwerk-* wins when both are present', async () => {
    const control = readControlHeaders(await headersOf('From: a@b.de\nX-Ticketwerk-Queue: Raw\nX-OTRS-Queue: Junk\nX-OTRS-DynamicField-Campus: Nord\nX-OTRS-Ignore: yes'));
    expect(control.newTicket).toEqual({ queue: 'Raw', customFields: { campus: 'Nord' } });
    expect(control.ignore).toBe(true);
  });

  it('ignores unrelated X- headers and unknown control names', async () => {
    const control = readControlHeaders(await headersOf('From: a@b.de\nX-Mailer: Outlook\nX-Ticketwerk-Colour: blue\nX-OTRS-Ignore: no'));
    expect(control).toEqual({ ignore: false, newTicket: {}, followUp: {}, found: [{ header: 'x-otrs-ignore', value: 'no' }] });
  });
});
