import { describe, expect, it } from 'vitest';
import { chunksOfPowerOfTwo } from './deferred-rows.ts';

describe('chunksOfPowerOfTwo', () => {
  it('keeps every row once, in order, in chunks of 256, 128 … 1 rows', () => {
    const rows = Array.from({ length: 603 }, (_, i) => i);
    const chunks = [...chunksOfPowerOfTwo(rows)];
    expect(chunks.map((c) => c.length)).toEqual([256, 256, 64, 16, 8, 2, 1]);
    expect(chunks.flat()).toEqual(rows);
  });

  it('needs no statement for no rows', () => {
    expect([...chunksOfPowerOfTwo([])]).toEqual([]);
  });
});
