/**
 * The raw baselines of bench:intake, measured in the same run: what mailparser alone parses
 * per second of the same mails, and how many single-row commits per second the same kind of
 * database allows (the floor for "store before 250, then commit the ticket").
 */
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { GERMAN } from './mails.ts';

/** Mails per second that bare mailparser parses, one after another. */
export async function parseBaseline(samples: Buffer[]): Promise<number> {
  const start = performance.now();
  for (const raw of samples) await simpleParser(raw);
  return samples.length / ((performance.now() - start) / 1000);
}

/** Single-row INSERT commits per second on SQLite in WAL mode with synchronous=FULL (as the server opens it). */
export function sqliteCommitBaseline(dir: string, count = 2000): number {
  const db = new SqliteDatabase(path.join(dir, 'baseline.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    const start = performance.now();
    for (let i = 0; i < count; i++) insert.run(GERMAN);
    return count / ((performance.now() - start) / 1000);
  } finally {
    db.close();
  }
}

/**
 * Single-row INSERT commits per second through `pg` into a scratch table of the database at
 * `url` (dropped afterwards), and the server's version.
 */
export async function postgresCommitBaseline(url: string, count = 2000): Promise<{ rate: number; version: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = String((await client.query('SHOW server_version')).rows[0]?.server_version ?? '?');
    await client.query('CREATE TABLE bench_commit_baseline (id serial PRIMARY KEY, body text NOT NULL)');
    const start = performance.now();
    for (let i = 0; i < count; i++) await client.query('INSERT INTO bench_commit_baseline (body) VALUES ($1)', [GERMAN]);
    const rate = count / ((performance.now() - start) / 1000);
    await client.query('DROP TABLE bench_commit_baseline');
    return { rate, version };
  } finally {
    await client.end();
  }
}
