import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRawMail, type IngestResult } from '../../server/core/mail-intake/mail-intake.service.ts';
import { seededRandom, type Random } from '../../bench/data/desk-texts.ts';
import { buildSystemAddress } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mail');
/** Mutated mails per dialect: a fixed budget, so the run takes the same time every day. */
const BUDGET = 150;
/** No mail may take longer than this to be stored and processed. */
const PER_MAIL_LIMIT_MS = 10_000;

type Mutation = (mail: Buffer, random: Random) => Buffer;

const int = (random: Random, max: number) => Math.floor(random() * max);

/** What breaks real mail: cut-off transfers, broken MIME, binary noise, absurd headers, nesting. */
const MUTATIONS: Record<string, Mutation> = {
  truncate: (mail, random) => mail.subarray(0, 1 + int(random, mail.length - 1)),
  randomBytes: (mail, random) => {
    const copy = Buffer.from(mail);
    for (let i = 0; i < 1 + int(random, 64); i++) copy[int(random, copy.length)] = int(random, 256);
    return copy;
  },
  badBoundaries: (mail) => {
    const text = mail.toString('latin1');
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
    if (!boundary) return Buffer.from(text.replace(/\r?\n\r?\n/, '\nContent-Type: multipart/mixed; boundary="nowhere"\n\n'), 'latin1');
    // Closing boundary gone, one part's boundary misspelt.
    return Buffer.from(text.replaceAll(`--${boundary}--`, '').replace(`--${boundary}`, `--${boundary}x`), 'latin1');
  },
  hugeHeader: (mail, random) => {
    const value = 'A'.repeat(100_000 + int(random, 200_000));
    return Buffer.concat([Buffer.from(`X-Junk: ${value}\r\nSubject: ${'Ü'.repeat(5000)}\r\n`), mail]);
  },
  manyHeaders: (mail) => Buffer.concat([Buffer.from(Array.from({ length: 20_000 }, (_, i) => `Received: from relay${i}.example by mx.example; Fri, 4 Dec 2026 10:00:00 +0100\r\n`).join('')), mail]),
  deepNesting: (mail, random) => {
    const depth = 50 + int(random, 400);
    let body = 'Content-Type: text/plain; charset=utf-8\r\n\r\nInnerste Nachricht.\r\n';
    for (let i = 0; i < depth; i++) body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--\r\n`;
    return Buffer.from(`From: deep@example.org\r\nTo: support@uni-spree.de\r\nSubject: Verschachtelt\r\nMIME-Version: 1.0\r\n${body}`);
  },
  noHeaderBodySeparator: (mail) => Buffer.from(mail.toString('latin1').replace(/\r?\n\r?\n/, '\r\n'), 'latin1'),
  badEncodings: (mail) =>
    Buffer.from(
      mail
        .toString('latin1')
        .replace(/Content-Transfer-Encoding: [\w-]+/gi, 'Content-Transfer-Encoding: base64')
        .replace(/charset="?[\w-]+"?/gi, 'charset="x-unknown-\u00ff"'),
      'latin1',
    ),
  conflictingHeaders: (mail) => Buffer.concat([Buffer.from('Content-Type: multipart/alternative\r\nContent-Type: text/html; charset=utf-16\r\nFrom: <<>>@@\r\nDate: 99 Foo 99999\r\nMessage-ID: <\r\n'), mail]),
  nulAndControl: (mail, random) => {
    const copy = Buffer.from(mail);
    for (let i = 0; i < 200; i++) copy[int(random, copy.length)] = int(random, 32);
    return copy;
  },
};

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms))]);
}

describe.each(dialects)('mail intake fuzzing on %s', (dialect) => {
  let t: TestDatabase;
  const corpus = fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => fs.readFileSync(path.join(FIXTURES, f)));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await buildSystemAddress(t.ctx, { email: 'support@uni-spree.de' });
  });
  afterAll(async () => {
    await t.destroy();
  });

  it(`${BUDGET} mutated corpus mails: no crash, no hang, every one stored and shown to someone`, async () => {
    const random = seededRandom(dialect === 'sqlite' ? 41 : 42);
    const names = Object.keys(MUTATIONS);
    const results: { mutation: string; result: IngestResult }[] = [];
    for (let i = 0; i < BUDGET; i++) {
      const mutation = names[i % names.length] as string;
      let mail = (MUTATIONS[mutation] as Mutation)(corpus[int(random, corpus.length)] as Buffer, random);
      // Now and then a second mutation on top, as real damage rarely comes alone.
      if (random() < 0.3) mail = (MUTATIONS[names[int(random, names.length)] as string] as Mutation)(mail, random);
      const result = await withTimeout(ingestRawMail(t.ctx, { raw: mail, source: `fuzz ${mutation}` }), PER_MAIL_LIMIT_MS, `mail ${i} (${mutation})`);
      results.push({ mutation, result });
    }

    const rows = await t.ctx.db.selectFrom('raw_mail').select(['id', 'status', 'ticket_id', 'error']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { mutation, result } of results) {
      const row = byId.get(result.rawMailId);
      expect(row, `raw mail of a ${mutation} mutation is stored`).toBeDefined();
      expect(['processed', 'failed', 'duplicate'], `${mutation}: status ${row?.status}`).toContain(result.status === 'duplicate' ? 'duplicate' : row?.status);
      // Processed mail became an article; mail that could not be processed is a Postmaster ticket with the raw mail.
      if (row?.status !== 'received') expect(row?.ticket_id, `${mutation}: a ticket shows the mail`).not.toBeNull();
    }
    const stillReceived = rows.filter((r) => r.status === 'received');
    expect(stillReceived).toEqual([]);
  }, 300_000);
});
