import { afterAll, describe, expect, it } from 'vitest';

// i18n.ts reads the browser's storage and document at start; give it the little it needs.
const g = globalThis as Record<string, unknown>;
g.localStorage ??= { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
g.document ??= { documentElement: { lang: 'en' } };

const { i18next } = await import('../../web/src/lib/i18n');
const { localErrorText } = await import('../../web/src/lib/error-text');

describe('server refusals in the UI language', () => {
  afterAll(() => i18next.changeLanguage('en'));

  it('keeps the server’s own English sentence in the English UI', async () => {
    await i18next.changeLanguage('en');
    expect(localErrorText('TICKET_LOCKED', 'Ticket 2026112810000048 is locked by Thomas Richter.')).toBe('Ticket 2026112810000048 is locked by Thomas Richter.');
  });

  it('says the same in German by the error code, keeping who holds the lock', async () => {
    await i18next.changeLanguage('de');
    expect(localErrorText('TICKET_LOCKED', 'Ticket 2026112810000048 is locked by Thomas Richter.')).toBe('Das Ticket ist von Thomas Richter gesperrt.');
    expect(localErrorText('STALE_VERSION', 'The ticket was changed meanwhile.')).toMatch(/^Jemand anderes hat das Ticket/);
    expect(localErrorText('PERMISSION_DENIED', 'You need the "rw" permission on queue "1st Level" for this.')).toBe('Dafür fehlt Ihnen hier die Berechtigung.');
    expect(localErrorText('SOMETHING_NEW', 'Whatever')).toMatch(/^Der Server konnte/);
  });
});
