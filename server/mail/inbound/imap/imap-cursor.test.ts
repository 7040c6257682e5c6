import { describe, expect, it } from 'vitest';
import { advanceImapCursor, planImapFetch } from './imap-cursor.ts';

describe('planImapFetch', () => {
  it('a first poll fetches every listed message, lowest UID first', () => {
    expect(planImapFetch({ uidValidity: null, lastUid: 0 }, '77', [5, 3, 9], 200)).toEqual({ cursorReset: false, storedUpTo: 0, actionOnly: [], fetch: [3, 5, 9], remaining: 0 });
  });

  it('messages at or below the cursor were stored before a crash: only their after-fetch action is repeated', () => {
    const plan = planImapFetch({ uidValidity: '77', lastUid: 5 }, '77', [4, 5, 6, 7], 200);
    expect(plan.actionOnly).toEqual([4, 5]);
    expect(plan.fetch).toEqual([6, 7]);
  });

  it('a recreated folder (new UIDVALIDITY) resets the cursor and fetches everything again', () => {
    const plan = planImapFetch({ uidValidity: '77', lastUid: 500 }, '78', [1, 2], 200);
    expect(plan).toMatchObject({ cursorReset: true, storedUpTo: 0, actionOnly: [], fetch: [1, 2] });
  });

  it('a flood is cut at the per-poll limit and the rest counted for the next poll', () => {
    const uids = Array.from({ length: 250 }, (_, i) => i + 1);
    const plan = planImapFetch({ uidValidity: '1', lastUid: 0 }, '1', uids, 200);
    expect(plan.fetch).toHaveLength(200);
    expect(plan.fetch.at(-1)).toBe(200);
    expect(plan.remaining).toBe(50);
  });

  it('ignores duplicate and impossible UIDs', () => {
    expect(planImapFetch({ uidValidity: '1', lastUid: 0 }, '1', [2, 2, 0, -1, 1.5], 10).fetch).toEqual([2]);
  });
});

describe('advanceImapCursor', () => {
  it('moves over stored messages in UID order', () => {
    expect(advanceImapCursor(0, [{ uid: 1, stored: true }, { uid: 2, stored: true }, { uid: 3, stored: true }])).toBe(3);
  });

  it('stops before a message that could not be stored, even when later ones were', () => {
    expect(advanceImapCursor(0, [{ uid: 1, stored: true }, { uid: 2, stored: false }, { uid: 3, stored: true }])).toBe(1);
  });

  it('never moves backwards', () => {
    expect(advanceImapCursor(10, [{ uid: 4, stored: false }])).toBe(10);
  });
});
