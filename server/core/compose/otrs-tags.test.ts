import { describe, expect, it } from 'vitest';
import { renderOtrsTags, type TagFacts } from './otrs-tags.ts';

const facts: TagFacts = {
  customerRealname: 'Lena Schulz',
  customerEmail: 'lena.schulz@student.uni-spree.de',
  customerMailBody: 'Hallo,\nmein Login geht nicht.\nGruß Lena',
  customerSubject: 'Moodle-Login schlägt fehl',
  ticketNumber: '2026112810000017',
  ticketId: 17,
  ticketTitle: 'Moodle <Login>',
  queue: 'Service Desk::1st Level',
  ticketHook: 'Ticket#',
  agentFirstname: 'Petra',
  agentLastname: 'Schulz',
  agentEmail: 'petra@rmz.uni-spree.de',
};

describe('renderOtrsTags', () => {
  it('fills the OTRS tags agents know from their templates', () => {
    const text =
      'Sehr geehrte/r <OTRS_CUSTOMER_REALNAME> (<OTRS_CUSTOMER_EMAIL>), zu <OTRS_CONFIG_Ticket::Hook><OTRS_TICKET_TicketNumber> "<OTRS_TICKET_Title>" in <OTRS_QUEUE>: ' +
      '<OTRS_CURRENT_UserFirstname>/<OTRS_CURRENT_UserLastname>/<OTRS_CURRENT_UserFullname>';
    expect(renderOtrsTags(text, facts)).toBe(
      'Sehr geehrte/r Lena Schulz (lena.schulz@student.uni-spree.de), zu Ticket#2026112810000017 "Moodle <Login>" in Service Desk::1st Level: Petra/Schulz/Petra Schulz',
    );
  });

  it('turns unknown OTRS tags into "-" as OTRS does, and leaves other upper-case words alone', () => {
    expect(renderOtrsTags('A <OTRS_CUSTOMER_DATA_UserPhone> B <OTRS_NOPE> <BR> <NOTE>', facts)).toBe('A - B - <BR> <NOTE>');
  });

  it('knows the short names of the seeded salutation and signature', () => {
    expect(renderOtrsTags('Dear <CUSTOMER_REALNAME>, <AGENT_FIRSTNAME> <AGENT_LASTNAME> (<TICKET_NUMBER>)', facts)).toBe('Dear Lena Schulz, Petra Schulz (2026112810000017)');
  });

  it('quotes the first n lines of the customer mail and cuts the subject', () => {
    expect(renderOtrsTags('<OTRS_CUSTOMER_EMAIL[2]>', facts)).toBe('> Hallo,\n> mein Login geht nicht.');
    expect(renderOtrsTags('<OTRS_CUSTOMER_SUBJECT[6]>', facts)).toBe('Moodle...');
  });

  it('escapes values in HTML and finds tags an HTML editor escaped', () => {
    expect(renderOtrsTags('<p>&lt;OTRS_TICKET_Title&gt; / <OTRS_CUSTOMER_REALNAME></p>', facts, { html: true })).toBe('<p>Moodle &lt;Login&gt; / Lena Schulz</p>');
  });
});
