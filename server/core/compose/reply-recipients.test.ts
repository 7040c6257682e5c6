import { describe, expect, it } from 'vitest';
import { replyRecipients } from './reply-recipients.ts';

const a = (address: string, name = '') => ({ address, name });
const desk = ['support@uni-spree.de', 'it@uni-spree.de'];

describe('replyRecipients', () => {
  const mail = {
    from: [a('lena@student.uni-spree.de', 'Lena')],
    replyTo: [],
    to: [a('Support@uni-spree.de'), a('prof@uni-spree.de')],
    cc: [a('it@uni-spree.de'), a('lena@student.uni-spree.de'), a('sekretariat@uni-spree.de')],
    isFromDesk: false,
  };

  it('a reply goes to the sender only', () => {
    expect(replyRecipients(mail, false, desk)).toEqual({ to: [a('lena@student.uni-spree.de', 'Lena')], cc: [] });
  });

  it('Reply-To wins over From', () => {
    expect(replyRecipients({ ...mail, replyTo: [a('list@uni-spree.de')] }, false, desk).to).toEqual([a('list@uni-spree.de')]);
  });

  it('reply-all copies the other recipients, never the desk itself (any case) nor the sender twice', () => {
    expect(replyRecipients(mail, true, desk).cc).toEqual([a('prof@uni-spree.de'), a('sekretariat@uni-spree.de')]);
  });

  it("answering the desk's own mail writes to its recipients again", () => {
    const own = { from: [a('support@uni-spree.de')], replyTo: [], to: [a('lena@student.uni-spree.de')], cc: [a('prof@uni-spree.de')], isFromDesk: true };
    expect(replyRecipients(own, true, desk)).toEqual({ to: [a('lena@student.uni-spree.de')], cc: [a('prof@uni-spree.de')] });
  });
});
