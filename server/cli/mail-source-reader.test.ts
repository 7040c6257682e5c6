import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMailSource, splitMbox } from './mail-source-reader.ts';

const message = (n: number) => `From: a${n}@uni-spree.de\nSubject: Nachricht ${n}\n\nText ${n}\n`;

async function collect(target: string, stdin?: Readable) {
  const out: { raw: string; origin: string }[] = [];
  for await (const m of readMailSource(target, stdin)) out.push({ raw: m.raw.toString('latin1'), origin: m.origin });
  return out;
}

describe('reading mail for import', () => {
  it('splits an mbox and unescapes >From lines, keeping 8-bit bytes as they are', () => {
    const mbox = Buffer.concat([
      Buffer.from(`From a1@uni-spree.de Mon Nov 23 10:00:00 2026\n${message(1)}>From the start\n\nFrom a2@uni-spree.de Mon Nov 23 11:00:00 2026\n`),
      Buffer.from([0x53, 0x75, 0x62, 0x6a, 0x65, 0x63, 0x74, 0x3a, 0x20, 0xfc, 0x0a, 0x0a, 0x78, 0x0a]),
    ]);
    const parts = splitMbox(mbox);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.toString('latin1')).toContain('\nFrom the start');
    expect(parts[1]?.[9]).toBe(0xfc);
  });

  it('reads a Maildir, a folder of .eml files, a single file and standard input', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ticketwerk-import-'));
    fs.mkdirSync(path.join(dir, 'maildir', 'new'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'maildir', 'cur'));
    fs.mkdirSync(path.join(dir, 'maildir', 'tmp'));
    fs.writeFileSync(path.join(dir, 'maildir', 'new', '1.host'), message(1));
    fs.writeFileSync(path.join(dir, 'maildir', 'cur', '2.host:2,S'), message(2));
    fs.writeFileSync(path.join(dir, 'maildir', 'tmp', 'half'), 'incomplete');
    expect((await collect(path.join(dir, 'maildir'))).map((m) => m.raw)).toEqual([message(1), message(2)]);

    fs.mkdirSync(path.join(dir, 'eml'));
    fs.writeFileSync(path.join(dir, 'eml', 'a.eml'), message(3));
    fs.writeFileSync(path.join(dir, 'eml', 'b.eml'), message(4));
    expect(await collect(path.join(dir, 'eml'))).toHaveLength(2);
    expect((await collect(path.join(dir, 'eml', 'a.eml')))[0]?.raw).toBe(message(3));
    expect(await collect('-', Readable.from([Buffer.from(message(5))]))).toEqual([{ raw: message(5), origin: 'stdin' }]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
