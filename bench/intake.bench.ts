/**
 * Intake throughput of a real server process: a realistic mix of raw mails, composed before
 * anything is timed, sent over SMTP by 8 pooled connections into `server/main.ts` running as a
 * child process (filters and auto-responses on), until every mail is processed. Per database:
 * mails/s from the first send to the last processed mail, accepted/s (250), latency from the
 * 250 to raw_mail.processed_at, the server's CPU time and peak RSS. Baselines in the same run:
 * bare mailparser parse rate of the same mails, and bare single-row commits on the same kind
 * of database. Prints the machine, a table (one row per database) and a JSON line.
 *
 * Before the measured mails, `--warmup` mails (other ones, same mix) go through the server and
 * are processed: a desk's server has been running for a while, and the first mails after a
 * start meet cold code (the JIT, the parse threads still loading their modules). They are not
 * counted; the cold start is reported on its own (`--warmup 0` measures it).
 *
 *   npm run bench:intake -- [--mails 1000] [--warmup 100] [--connections 8] [--db sqlite|postgres|both]
 *
 * SQLite lives in a temp folder; PostgreSQL is an embedded server of its own in
 * bench-data/intake on port 54339 (or BENCH_DATABASE_URL's), with a fresh database each run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../test/support/free-port.ts';
import { parseBaseline } from './intake/baselines.ts';
import { prepareDesk } from './intake/desk.ts';
import { buildRawMails, type RawMail } from './intake/mails.ts';
import { percentile, readOutcome, waitForProcessed, type Outcome } from './intake/outcome.ts';
import { openTarget, type Dialect } from './intake/target.ts';
import { cleanUpOnSignals, exitOnError, withCleanup } from './support/cleanup.ts';
import { describeMachine, printTable } from './support/machine.ts';
import { cpuSecondsOf, memoryOf, startServer } from './support/server-process.ts';
import { sendRawMails, type SendResult } from './support/smtp-load.ts';

const { values } = parseArgs({
  options: { mails: { type: 'string', default: '1000' }, warmup: { type: 'string', default: '100' }, connections: { type: 'string', default: '8' }, db: { type: 'string', default: 'sqlite' } },
});
const TOTAL = Number(values.mails);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
/** How long the server may take to process everything before the run fails. */
const PROCESSING_TIMEOUT_MS = 10 * 60_000;
/** Mails the parse baseline parses (the first ones: every kind of the mix, in proportion). */
const PARSE_SAMPLES = 200;

interface RunResult {
  database: string;
  dialect: Dialect;
  sent: number;
  accepted: number;
  rejected: SendResult['rejected'];
  intakePerSecond: number;
  acceptedPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  serverCpuSeconds: number;
  serverPeakRssMiB: number;
  tickets: number;
  autoResponses: number;
  rawMails: number;
  statuses: Record<string, number>;
  /** raw_mail rows == mails sent. */
  complete: boolean;
  baseline: { parsePerSecond: number; commitsPerSecond: number };
  ratio: { toParse: number; toCommit: number };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function summarize(base: { database: string; dialect: Dialect; sent: number; commitsPerSecond: number; parsePerSecond: number; cpuSeconds: number; peakRssMiB: number }, send: SendResult, outcome: Outcome): RunResult {
  const accepted = send.acceptedAt.size;
  const intakePerSecond = accepted / ((outcome.lastProcessedAt - send.startedAt) / 1000);
  return {
    database: base.database,
    dialect: base.dialect,
    sent: base.sent,
    accepted,
    rejected: send.rejected,
    intakePerSecond: round(intakePerSecond),
    acceptedPerSecond: round(accepted / ((send.lastAcceptedAt - send.startedAt) / 1000)),
    latencyMs: { p50: percentile(outcome.latencies, 50), p95: percentile(outcome.latencies, 95), p99: percentile(outcome.latencies, 99) },
    serverCpuSeconds: round(base.cpuSeconds, 2),
    serverPeakRssMiB: Math.round(base.peakRssMiB),
    tickets: outcome.tickets,
    autoResponses: outcome.autoResponses,
    rawMails: outcome.rawMails,
    statuses: outcome.statuses,
    complete: outcome.rawMails === base.sent,
    baseline: { parsePerSecond: Math.round(base.parsePerSecond), commitsPerSecond: Math.round(base.commitsPerSecond) },
    ratio: { toParse: round(intakePerSecond / base.parsePerSecond, 3), toCommit: round(intakePerSecond / base.commitsPerSecond, 3) },
  };
}

/** One run on one database: temp DATA_DIR, database, server process; all stopped and removed at the end. */
async function run(dialect: Dialect, mails: RawMail[], parsePerSecond: number): Promise<RunResult> {
  return withCleanup(async (defer) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ticketwerk-bench-intake-'));
    defer(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const target = await openTarget(dialect, dataDir, defer);
    const smtpPort = await freePort();
    process.stderr.write(`${dialect}: starting the server …\n`);
    const server = await startServer({ ...target.env, SMTP_PORT: String(smtpPort), LOG_LEVEL: 'warn' });
    defer(() => server.stop());
    // The server has migrated (health answers): add the desk's address and an auto-response.
    const handle = target.connect();
    defer(() => handle.close());
    await prepareDesk(handle.db);

    const waitOptions = { timeoutMs: PROCESSING_TIMEOUT_MS, serverAlive: server.alive, serverOutput: server.output };
    const warmup = mails.slice(0, WARMUP);
    const measured = mails.slice(WARMUP);
    let before = await readOutcome(handle.db, new Map());
    if (warmup.length > 0) {
      const warm = await sendRawMails({ host: '127.0.0.1', port: smtpPort, connections: CONNECTIONS, mails: warmup });
      await waitForProcessed(handle.db, warm.acceptedAt.size, waitOptions);
      before = await readOutcome(handle.db, new Map());
    }
    const cpuBefore = cpuSecondsOf(server.pid);
    const send = await sendRawMails({ host: '127.0.0.1', port: smtpPort, connections: CONNECTIONS, mails: measured });
    await waitForProcessed(handle.db, before.rawMails + send.acceptedAt.size, waitOptions);
    const cpuSeconds = cpuSecondsOf(server.pid) - cpuBefore;
    const peakRssMiB = memoryOf(server.pid).peak;
    const outcome = withoutEarlier(await readOutcome(handle.db, send.acceptedAt), before);
    return summarize({ database: target.label, dialect, sent: measured.length, commitsPerSecond: target.commitsPerSecond, parsePerSecond, cpuSeconds, peakRssMiB }, send, outcome);
  });
}

/** The counts of the measured mails alone: what the warm-up left in the database is taken off. */
function withoutEarlier(outcome: Outcome, earlier: Outcome): Outcome {
  const statuses = Object.fromEntries(Object.entries(outcome.statuses).map(([status, n]) => [status, n - (earlier.statuses[status] ?? 0)]));
  return { ...outcome, rawMails: outcome.rawMails - earlier.rawMails, tickets: outcome.tickets - earlier.tickets, autoResponses: outcome.autoResponses - earlier.autoResponses, statuses };
}

function report(runs: RunResult[]): void {
  const machine = describeMachine(runs.map((r) => r.database).join(' + '));
  const mixed = `70 % 3 KB text, 25 % 40 KB HTML, 5 % 300 KB with a PDF`;
  console.log(`\nbench:intake on ${machine.line}; ${TOTAL.toLocaleString('en')} mails (${mixed}) after ${WARMUP.toLocaleString('en')} warm-up mails, ${CONNECTIONS} SMTP connections, server as a child process\n`);
  printTable(
    ['database', 'mails', 'intake mails/s', 'accepted/s (250)', 'p50 / p95 / p99 ms (250 → processed)', 'parse baseline/s', 'commits/s baseline', 'ratio to parse / to commit', 'server CPU s (ms/mail)', 'server peak RSS MiB', 'tickets', 'auto-responses', 'raw_mail rows', 'processed / failed / duplicate'],
    runs.map((r) => [
      r.dialect,
      r.sent,
      r.intakePerSecond,
      r.acceptedPerSecond,
      `${r.latencyMs.p50} / ${r.latencyMs.p95} / ${r.latencyMs.p99}`,
      r.baseline.parsePerSecond,
      r.baseline.commitsPerSecond,
      `${r.ratio.toParse.toFixed(3)} / ${r.ratio.toCommit.toFixed(3)}`,
      `${r.serverCpuSeconds.toFixed(1)} (${((r.serverCpuSeconds * 1000) / r.sent).toFixed(1)})`,
      r.serverPeakRssMiB,
      r.tickets,
      r.autoResponses,
      r.rawMails,
      `${r.statuses.processed ?? 0} / ${r.statuses.failed ?? 0} / ${r.statuses.duplicate ?? 0}`,
    ]),
  );
  for (const r of runs) {
    if (r.rejected.length > 0) console.log(`\n${r.dialect}: ${r.rejected.length} mails were not accepted, e.g. ${r.rejected[0]?.error}`);
    if (!r.complete) console.log(`\n${r.dialect}: ${r.rawMails} raw_mail rows for ${r.sent} mails sent (by status: ${JSON.stringify(r.statuses)})`);
  }
  console.log(`\n${JSON.stringify({ bench: 'intake', machine, mails: TOTAL, warmupMails: WARMUP, connections: CONNECTIONS, runs })}`);
  if (runs.some((r) => !r.complete)) process.exitCode = 1;
}

async function main(): Promise<void> {
  if (!Number.isInteger(TOTAL) || TOTAL < 20) throw new Error('--mails must be a whole number of at least 20 (one of each kind of the mix)');
  if (!Number.isInteger(WARMUP) || WARMUP < 0) throw new Error('--warmup must be a whole number of at least 0');
  if (!Number.isInteger(CONNECTIONS) || CONNECTIONS < 1) throw new Error('--connections must be a whole number of at least 1');
  const dialects = values.db === 'both' ? (['sqlite', 'postgres'] as const) : [values.db as Dialect];
  if (!dialects.every((d) => d === 'sqlite' || d === 'postgres')) throw new Error('--db must be sqlite, postgres or both');
  cleanUpOnSignals();
  const mails = await buildRawMails(WARMUP + TOTAL);
  const parsePerSecond = await parseBaseline(mails.slice(WARMUP, WARMUP + PARSE_SAMPLES).map((m) => m.raw));
  const runs: RunResult[] = [];
  for (const dialect of dialects) runs.push(await run(dialect, mails, parsePerSecond));
  report(runs);
}

main().catch(exitOnError);
