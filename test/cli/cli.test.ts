import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveApiToken } from '../../server/core/auth/api-token.service.ts';
import { login } from '../../server/core/auth/session.service.ts';
import { buildQueue, buildTicket } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

const bin = fileURLToPath(new URL('../../bin/ticketwerk.mjs', import.meta.url));

/** Runs the real command line as an admin would, against the test's SQLite data folder. */
function ticketwerk(dataDir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...extraEnv };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, cwd: path.dirname(bin) }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function secretAfter(label: string, output: string): string {
  const match = new RegExp(`^${label}: (\\S+)$`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no "${label}" line in:\n${output}`);
  return match[1];
}

// The CLI opens SQLite in DATA_DIR; the test opens the same file to check what it wrote.
describe('ticketwerk command line (SQLite)', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('agent:create prints a generated password that logs in; agent:password replaces it', async () => {
    const created = await ticketwerk(t.dataDir, ['agent:create', '--login', 'jkrause', '--email', 'j.krause@uni-spree.de', '--first-name', 'Jana', '--last-name', 'Krause', '--admin']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created agent jkrause');
    const first = secretAfter('Password', created.stdout);
    await expect(login(t.ctx, { login: 'jkrause', password: first })).resolves.toMatchObject({ agentId: expect.any(Number) });

    const reset = await ticketwerk(t.dataDir, ['agent:password', '--login', 'jkrause']);
    expect(reset.code).toBe(0);
    const second = secretAfter('Password', reset.stdout);
    expect(second).not.toBe(first);
    await expect(login(t.ctx, { login: 'jkrause', password: first })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(login(t.ctx, { login: 'jkrause', password: second })).resolves.toMatchObject({ agentId: expect.any(Number) });
  });

  it('token:create prints a working secret once; token:list shows it without the secret; token:revoke stops it', async () => {
    const created = await ticketwerk(t.dataDir, ['token:create', '--login', 'admin', '--name', 'monitoring', '--expires', '2099-12-31']);
    expect(created.code).toBe(0);
    const token = secretAfter('Token', created.stdout);
    expect(await resolveApiToken(t.ctx, token)).toBe(1);
    const id = /API token (\d+)/.exec(created.stdout)?.[1];

    const listed = await ticketwerk(t.dataDir, ['token:list', '--login', 'admin']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+monitoring\\s+twk_\\S+\\s+active`, 'm'));
    expect(listed.stdout).not.toContain(token);

    const revoked = await ticketwerk(t.dataDir, ['token:revoke', '--id', String(id)]);
    expect(revoked.code).toBe(0);
    expect(await resolveApiToken(t.ctx, token)).toBeNull();
  });

  it('config:show masks the database password and names the database', async () => {
    const shown = await ticketwerk(t.dataDir, ['config:show'], { DATABASE_URL: 'postgres://ticketwerk:s3cret-pw@db.uni-spree.de:5432/desk' });
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toContain('s3cret-pw');
    const config = JSON.parse(shown.stdout);
    expect(config.DATABASE_URL).toBe('postgres://ticketwerk:********@db.uni-spree.de:5432/desk');
    expect(config.database).toEqual({ dialect: 'postgres', location: 'postgres://ticketwerk:********@db.uni-spree.de:5432/desk' });
  });

  it('a bad argument exits with 1 and a message naming it', async () => {
    const unknown = await ticketwerk(t.dataDir, ['agent:create', '--login', 'x', '--frist-name', 'Typo']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("'--frist-name'");
    expect(unknown.stdout).toBe('');
  });

  it('escalation:rebuild gives open tickets from before escalation times their due times again', async () => {
    const queue = await buildQueue(t.ctx);
    await t.ctx.db.updateTable('queue').set({ first_response_time: 60 }).where('id', '=', queue.id).execute();
    const ticket = await buildTicket(t.ctx, { queueId: queue.id });
    // As a ticket of a desk upgraded from a version without escalation times looks.
    await t.ctx.db.updateTable('ticket').set({ escalation_at: null, escalation_response_at: null }).where('id', '=', ticket.id).execute();
    const result = await ticketwerk(t.dataDir, ['escalation:rebuild']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/Escalation times recomputed for \d+ open ticket/);
    const row = await t.ctx.db.selectFrom('ticket').select(['created_at', 'escalation_at', 'escalation_response_at']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row.escalation_response_at).not.toBeNull();
    expect(new Date(row.escalation_at!).getTime() - new Date(row.created_at).getTime()).toBe(60 * 60_000);
  });
});
