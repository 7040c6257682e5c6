import { describe, expect, it } from 'vitest';
import { EventCursor } from './event-cursor.ts';

describe('EventCursor', () => {
  const options = { gapTtlMs: 10_000, maxGaps: 100 };

  it('delivers new ids once and moves forward', () => {
    const cursor = new EventCursor(5, options);
    expect([...cursor.advance([6, 7], 0)]).toEqual([6, 7]);
    expect([...cursor.advance([7], 0)]).toEqual([]);
    expect(cursor.after).toBe(7);
  });

  it('an id committed late (lower than one already seen) is still delivered, once', () => {
    const cursor = new EventCursor(9, options);
    expect([...cursor.advance([11], 0)]).toEqual([11]);
    expect(cursor.pendingGaps(100)).toEqual([10]);
    expect([...cursor.advance([10], 200)]).toEqual([10]);
    expect(cursor.pendingGaps(300)).toEqual([]);
    expect([...cursor.advance([10], 400)]).toEqual([]);
  });

  it('a gap that never fills (rolled back) is given up after the TTL', () => {
    const cursor = new EventCursor(0, options);
    cursor.advance([3], 0);
    expect(cursor.pendingGaps(5_000)).toEqual([1, 2]);
    expect(cursor.pendingGaps(10_001)).toEqual([]);
  });

  it('a huge jump remembers at most maxGaps ids', () => {
    const cursor = new EventCursor(0, { gapTtlMs: 10_000, maxGaps: 3 });
    cursor.advance([1000], 0);
    expect(cursor.pendingGaps(0)).toEqual([997, 998, 999]);
  });
});
