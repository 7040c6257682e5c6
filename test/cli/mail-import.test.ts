import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

const bin = fileURLToPath(new URL('../../bin/ticketwerk.mjs', import.meta.url));

/** Runs `ticketwerk …` as Postfix's pipe or an admin would, with optional standard input. */
function ticketwerk(dataDir: string, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const mail = (n: number, subject: string) => `From: Student ${n} <student${n}@student.uni-spree.de>\nTo: support@uni-spree.de\nSubject: ${subject}\nMessage-ID: <import-${n}@student.uni-spree.de>\n\nText ${n}\n`;

describe('ticketwerk mail:import (SQLite)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(() => t.destroy());

  it('a message piped on standard input becomes a ticket; the same message again stays one ticket', async () => {
    const first = await ticketwerk(t.dataDir, ['mail:import', '-'], mail(1, 'VPN bricht ab'));
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^stdin: processed, ticket \d+$/m);
    const again = await ticketwerk(t.dataDir, ['mail:import', '-'], mail(1, 'VPN bricht ab'));
    expect(again.code).toBe(0);
    const tickets = await t.ctx.db.selectFrom('ticket').select('title').where('title', '=', 'VPN bricht ab').execute();
    expect(tickets).toHaveLength(1);
  });

  it('an mbox is split into its messages, each imported into the queue given', async () => {
    const mbox = path.join(t.dataDir, 'archive.mbox');
    fs.writeFileSync(mbox, [2, 3, 4].map((n) => `From student${n}@student.uni-spree.de Mon Nov 23 10:00:00 2026\n${mail(n, `Anfrage ${n}`)}`).join('\n'));
    const result = await ticketwerk(t.dataDir, ['mail:import', mbox, '--queue', '4']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
    const tickets = await t.ctx.db.selectFrom('ticket').select(['title', 'queue_id']).where('title', 'like', 'Anfrage %').orderBy('title').execute();
    expect(tickets).toEqual([2, 3, 4].map((n) => ({ title: `Anfrage ${n}`, queue_id: 4 })));
  });

  it('a missing path or a bad queue is refused with a message naming it', async () => {
    const missing = await ticketwerk(t.dataDir, ['mail:import', '/no/such/folder']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('/no/such/folder does not exist');
    const badQueue = await ticketwerk(t.dataDir, ['mail:import', '-', '--queue', 'Raw'], mail(5, 'x'));
    expect(badQueue.code).toBe(1);
    expect(badQueue.stderr).toContain('--queue');
  });
});
