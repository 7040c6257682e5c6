import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

const bin = fileURLToPath(new URL('../../bin/ticketwerk.mjs', import.meta.url));
const sample = fileURLToPath(new URL('../fixtures/customers.csv', import.meta.url));

function ticketwerk(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, cwd: path.dirname(bin) }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

// The CLI opens SQLite in DATA_DIR; the test opens the same file to check what it wrote.
describe('ticketwerk customer:import (SQLite)', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('a dry run writes nothing; the real run imports the sample file', async () => {
    const dry = await ticketwerk(t.dataDir, ['customer:import', sample, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run, nothing written: 8 customer users would be created');
    expect(await countRows(t.ctx, 'customer_user')).toBe(0);

    const run = await ticketwerk(t.dataDir, ['customer:import', sample]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('8 customer users created, 0 updated, 4 companies created, 0 rows failed.');
    expect(await countRows(t.ctx, 'customer_user')).toBe(8);
  });

  it('prints each bad row with line and column and exits with status 1', async () => {
    const file = path.join(t.dataDir, 'bad.csv');
    writeFileSync(file, 'login;email;first_name;last_name\nok.user;ok.user@uni-spree.de;Olga;Kern\nbad.user;not-an-address;Bodo;Falk\n');
    const res = await ticketwerk(t.dataDir, ['customer:import', file]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('line 3, email: is not an email address');
    expect(res.stdout).toContain('1 customer users created');
    expect(res.stderr).toContain('1 row(s) of');
  });
});
