/**
 * The IMAP cursor of a mail account: the folder's UIDVALIDITY and the highest UID up to which
 * every message is stored. Pure functions, so the cases that lose or double mail are tested
 * without a server (as Twenty's create-sync-cursor.util.ts).
 */
export interface ImapCursor {
  uidValidity: string | null;
  lastUid: number;
}

/** What one poll does with the messages the server lists. */
export interface ImapFetchPlan {
  /** The folder was recreated (UIDVALIDITY changed): the old cursor means nothing any more. */
  cursorReset: boolean;
  /** Highest UID already stored, in this UIDVALIDITY. */
  storedUpTo: number;
  /** Stored before, still on the server: the after-fetch action did not happen (a crash); do only that. */
  actionOnly: number[];
  /** New messages to download and store, lowest UID first, at most the per-poll limit. */
  fetch: number[];
  /** New messages left for the next poll. */
  remaining: number;
}

/**
 * Splits the UIDs the server lists (unseen, or all not yet deleted) into messages that only
 * need their after-fetch action and messages to fetch, lowest first and at most `limit`.
 */
export function planImapFetch(cursor: ImapCursor, uidValidity: string, listedUids: readonly number[], limit: number): ImapFetchPlan {
  const cursorReset = cursor.uidValidity !== null && cursor.uidValidity !== uidValidity;
  const storedUpTo = cursor.uidValidity === uidValidity ? cursor.lastUid : 0;
  const uids = [...new Set(listedUids)].filter((uid) => Number.isInteger(uid) && uid > 0).sort((a, b) => a - b);
  const actionOnly = uids.filter((uid) => uid <= storedUpTo);
  const fresh = uids.filter((uid) => uid > storedUpTo);
  const fetch = fresh.slice(0, Math.max(0, limit));
  return { cursorReset, storedUpTo, actionOnly, fetch, remaining: fresh.length - fetch.length };
}

/**
 * Moves the cursor over the messages of this poll, in UID order, and stops at the first one
 * that could not be stored: that message stays on the server and must be fetched again, so
 * the cursor must not pass it even when later ones were stored.
 */
export function advanceImapCursor(storedUpTo: number, outcomes: readonly { uid: number; stored: boolean }[]): number {
  let lastUid = storedUpTo;
  for (const outcome of [...outcomes].sort((a, b) => a.uid - b.uid)) {
    if (outcome.uid <= lastUid) continue;
    if (!outcome.stored) break;
    lastUid = outcome.uid;
  }
  return lastUid;
}
