import { describe, expect, it } from 'vitest';
import { chunksOfPowerOfTwo, inListChunks } from './bulk-rows.ts';

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

describe('inListChunks', () => {
  it('fills the last list up to its power of two with its last value, so 5 values need one statement', () => {
    expect([...inListChunks(['a', 'b', 'c', 'd', 'e'])]).toEqual([['a', 'b', 'c', 'd', 'e', 'e', 'e', 'e']]);
    expect([...inListChunks([7])]).toEqual([[7]]);
  });

  it('keeps every value, in order, in lists of at most 256', () => {
    const values = Array.from({ length: 603 }, (_, i) => i);
    const chunks = [...inListChunks(values)];
    expect(chunks.map((c) => c.length)).toEqual([256, 256, 128]);
    expect([...new Set(chunks.flat())]).toEqual(values);
  });

  it('needs no statement for no values', () => {
    expect([...inListChunks([])]).toEqual([]);
  });
});
