import { describe, expect, it } from 'vitest';
import { OverviewCache } from './overview-cache.ts';

describe('OverviewCache', () => {
  const computing = (value: string, validUntil = Infinity) => {
    let calls = 0;
    const compute = async () => {
      calls++;
      return { value, validUntil };
    };
    return { compute, calls: () => calls };
  };

  it('computes once for concurrent requests under the same marker, and again for a new marker', async () => {
    const cache = new OverviewCache(5_000, 10);
    const c = computing('counts');
    const answers = await Promise.all([1, 2, 3].map(() => cache.get('k', 'm1', 1_000, c.compute)));
    expect(answers).toEqual(['counts', 'counts', 'counts']);
    expect(c.calls()).toBe(1);
    await cache.get('k', 'm2', 1_000, c.compute);
    expect(c.calls()).toBe(2);
  });

  it('ends a value at its own end, at the age limit, and when the clock goes back', async () => {
    const cache = new OverviewCache(5_000, 10);
    const c = computing('counts', 3_000);
    await cache.get('k', 'm', 1_000, c.compute);
    await cache.get('k', 'm', 2_999, c.compute);
    expect(c.calls()).toBe(1);
    await cache.get('k', 'm', 3_000, c.compute);
    expect(c.calls()).toBe(2);

    const aged = computing('lists');
    await cache.get('a', 'm', 10_000, aged.compute);
    await cache.get('a', 'm', 14_999, aged.compute);
    await cache.get('a', 'm', 15_000, aged.compute);
    await cache.get('a', 'm', 14_000, aged.compute);
    expect(aged.calls()).toBe(3);
  });

  it('does not keep a failure', async () => {
    const cache = new OverviewCache(5_000, 10);
    await expect(cache.get('k', 'm', 0, () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(cache.size).toBe(0);
    expect(await cache.get('k', 'm', 0, computing('counts').compute)).toBe('counts');
  });

  it('keeps at most its limit of keys, dropping the least recently used', async () => {
    const cache = new OverviewCache(5_000, 2);
    const c = computing('v');
    await cache.get('a', 'm', 0, c.compute);
    await cache.get('b', 'm', 0, c.compute);
    await cache.get('a', 'm', 0, c.compute);
    await cache.get('c', 'm', 0, c.compute);
    expect(cache.size).toBe(2);
    expect(c.calls()).toBe(3);
    await cache.get('a', 'm', 0, c.compute);
    expect(c.calls()).toBe(3);
    await cache.get('b', 'm', 0, c.compute);
    expect(c.calls()).toBe(4);
  });
});
