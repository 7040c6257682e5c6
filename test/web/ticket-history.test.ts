import { describe, expect, it } from 'vitest';
import { historyLine, type Translate } from '../../web/src/features/ticket-zoom/history-lines';
import type { HistoryEntry } from '../../web/src/lib/api-types';

/** English: the key itself with {{placeholders}} filled in, as i18next does without a translation. */
const t: Translate = (key, values = {}) => key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
const time = (iso: string) => iso.slice(11, 16);

function entry(partial: Partial<HistoryEntry>): HistoryEntry {
  return { id: 1, type: 'Misc', field: null, oldValue: null, newValue: null, articleId: null, agent: null, createdAt: '2026-11-28T10:32:00.000Z', ...partial };
}

describe('historyLine', () => {
  it('reads a state change as a sentence with agent and time', () => {
    const line = historyLine(entry({ type: 'StateUpdate', field: 'state', oldValue: 'new', newValue: 'open', agent: { id: 2, login: 'alice' } }), t, time);
    expect(line).toBe('State changed from new to open by alice, 10:32');
  });

  it('names moves, owner changes and system changes without an agent', () => {
    expect(historyLine(entry({ type: 'Move', oldValue: 'Service Desk', newValue: '2nd Level', agent: { id: 3, login: 'bob' } }), t, time)).toBe('Moved from Service Desk to 2nd Level by bob, 10:32');
    expect(historyLine(entry({ type: 'NewTicket' }), t, time)).toBe('Ticket created, 10:32');
    expect(historyLine(entry({ type: 'ResponsibleUpdate', oldValue: null, newValue: 'carol' }), t, time)).toBe('Responsible changed from (none) to carol, 10:32');
  });

  it('formats pending times and falls back for types it does not know', () => {
    const pending = historyLine(entry({ type: 'SetPendingTime', newValue: '2026-12-01T08:00:00.000Z' }), t, time, () => '1 Dec, 08:00');
    expect(pending).toBe('Pending time set to 1 Dec, 08:00, 10:32');
    expect(historyLine(entry({ type: 'Escalated' as HistoryEntry['type'], oldValue: 'a', newValue: 'b' }), t, time)).toBe('Escalated: a → b, 10:32');
  });
});
