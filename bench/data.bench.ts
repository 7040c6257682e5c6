/**
 * Generates a large, realistic university desk for bench:api and for trying Ticketwerk at
 * scale: `--tickets` tickets (default 100,000) with about five articles each, 200 queues in a
 * tree, agents with 20 queues each, customers and companies, history. Prints the machine, a
 * raw baseline measured in the same database (bare multi-row inserts of the same batch size),
 * the ratio to it, a table and a JSON line.
 *
 *   npm run bench:data -- --tickets 1000000 [--db sqlite|postgres|both] [--dir bench-data] [--fresh]
 *
 * The data stays in `--dir` (SQLite files, or databases tw_bench_<tickets> on an embedded
 * PostgreSQL kept there); bench:api uses it. An existing desk of the same size is kept
 * unless --fresh.
 */
import { parseArgs } from 'node:util';
import { ensureDesk, type DataResult } from './data/ensure-desk.ts';
import { describeMachine, printTable } from './support/machine.ts';

const { values } = parseArgs({
  options: { tickets: { type: 'string', default: '100000' }, db: { type: 'string', default: 'sqlite' }, dir: { type: 'string', default: 'bench-data' }, fresh: { type: 'boolean', default: false } },
});

async function main(): Promise<void> {
  const tickets = Number(values.tickets);
  if (!Number.isInteger(tickets) || tickets < 100) throw new Error('--tickets must be a whole number of at least 100');
  const dialects = values.db === 'both' ? (['sqlite', 'postgres'] as const) : [values.db as 'sqlite' | 'postgres'];
  if (!dialects.every((d) => d === 'sqlite' || d === 'postgres')) throw new Error('--db must be sqlite, postgres or both');
  const results: DataResult[] = [];
  for (const dialect of dialects) {
    const result = await ensureDesk(dialect, tickets, values.dir, values.fresh);
    if (result) results.push(result);
  }
  if (results.length === 0) return;
  console.log(`\nbench:data on ${describeMachine(results.map((r) => r.database).join(' + ')).line}\n`);
  printTable(
    ['database', 'tickets', 'articles', 'history', 'customers', 'seconds', 'rows/s', 'baseline rows/s', 'ratio', 'size MiB'],
    results.map((r) => [r.database, r.rows.ticket ?? 0, r.rows.article ?? 0, r.rows.ticket_history ?? 0, r.rows.customer_user ?? 0, r.seconds, Math.round(r.rowsPerSecond), Math.round(r.baselineRowsPerSecond), (r.rowsPerSecond / r.baselineRowsPerSecond).toFixed(2), Math.round(r.sizeMiB)]),
  );
  console.log(`\n${JSON.stringify({ bench: 'data', machine: describeMachine(dialects.join('+')), results })}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
