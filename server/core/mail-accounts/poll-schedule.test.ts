import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MINUTES, nextPollAt } from './poll-schedule.ts';

const now = new Date('2026-11-28T09:00:00Z');
const minutesAfter = (d: Date) => (d.getTime() - now.getTime()) / 60_000;

describe('nextPollAt', () => {
  it('after success: one interval later, or at once while messages wait beyond the limit', () => {
    expect(minutesAfter(nextPollAt({ now, intervalMinutes: 10, error: null, consecutiveFailures: 0, remaining: 0 }))).toBe(10);
    expect(minutesAfter(nextPollAt({ now, intervalMinutes: 10, error: null, consecutiveFailures: 0, remaining: 5 }))).toBe(0);
  });

  it('network trouble and time-outs retry at the next interval, however often they happen', () => {
    for (const kind of ['network', 'timeout', 'intake'] as const) {
      expect(minutesAfter(nextPollAt({ now, intervalMinutes: 10, error: { kind, message: '' }, consecutiveFailures: 7, remaining: 0 }))).toBe(10);
    }
  });

  it('a wrong password backs off (10, 20, 40 … minutes) up to a day: no storm of failed logins', () => {
    const wait = (n: number) => minutesAfter(nextPollAt({ now, intervalMinutes: 10, error: { kind: 'auth', message: '' }, consecutiveFailures: n, remaining: 0 }));
    expect([wait(1), wait(2), wait(3)]).toEqual([10, 20, 40]);
    expect(wait(30)).toBe(MAX_BACKOFF_MINUTES);
  });
});
