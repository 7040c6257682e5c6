/**
 * API latency at desk sizes: autocannon against a real server process on a generated desk
 * (bench:data makes it when missing), on the routes agents hit most. An agent with 20 queues
 * opens the queue view (page 1, oldest first, new and open tickets), zooms a ticket with 20
 * articles, loads the overview counts, changes a ticket and writes a note. The baseline is a
 * trivial route of the same server (GET /api/v1/health). Also the server's resident memory
 * at idle and its peak under load. Prints a table per run and a JSON line.
 *
 *   npm run bench:api -- [--tickets 10000,100000,1000000] [--db sqlite|postgres|both] [--duration 10] [--connections 8]
 */
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/schema.ts';
import { LONG_THREAD } from './data/desk-generator.ts';
import { BENCH_PASSWORD, ensureDesk, openBenchDatabase } from './data/ensure-desk.ts';
import { describeMachine, printTable } from './support/machine.ts';
import { memoryOf, startServer } from './support/server-process.ts';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '10000,100000' },
    db: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    dir: { type: 'string', default: 'bench-data' },
  },
});

interface RouteResult {
  route: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  ratioToBaseline: number;
}

interface RunResult {
  database: string;
  tickets: number;
  routes: RouteResult[];
  rssIdleMiB: number;
  rssPeakMiB: number;
}

/** What the routes need: the bench agent's queues, a ticket with a long thread, tickets to change. */
async function pickTargets(db: Kysely<Database>) {
  const queueIds = (
    await db
      .selectFrom('agent as a')
      .innerJoin('agent_group_permission as p', 'p.agent_id', 'a.id')
      .innerJoin('queue as q', 'q.group_id', 'p.group_id')
      .select('q.id')
      .where('a.login', '=', 'bench.agent')
      .execute()
  ).map((r) => r.id);
  const zoom = await db.selectFrom('ticket').select('id').where('queue_id', 'in', queueIds).where('tn', 'like', '%007').limit(1).executeTakeFirstOrThrow();
  const changeable = (await db.selectFrom('ticket').select('id').where('queue_id', 'in', queueIds).where('state_id', '=', 4).where('lock', '=', 'unlock').limit(500).execute()).map((r) => r.id);
  return { queueIds, zoomTicketId: zoom.id, changeable };
}

async function logIn(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'bench.agent', password: BENCH_PASSWORD }) });
  if (!res.ok) throw new Error(`bench.agent could not log in: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

interface Load {
  route: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** The path of the n-th request (so writes spread over many tickets). */
  path: (n: number) => string;
  body?: (n: number) => string;
}

/** Runs autocannon on one route and measures every response time itself, for exact percentiles. */
async function measure(url: string, headers: Record<string, string>, load: Load): Promise<Omit<RouteResult, 'ratioToBaseline'>> {
  const latencies: number[] = [];
  let n = 0;
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: Number(values.connections),
        duration: Number(values.duration),
        headers,
        requests: [
          {
            method: load.method,
            setupRequest: (request) => {
              const i = n++;
              return { ...request, path: load.path(i), ...(load.body ? { body: load.body(i) } : {}) };
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode >= 400) errors++;
    });
  });
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { route: load.route, requestsPerSecond: result.requests.average, p50: at(50), p95: at(95), p99: at(99), errors: errors + result.errors + result.timeouts };
}

async function run(dialect: 'sqlite' | 'postgres', tickets: number): Promise<RunResult> {
  await ensureDesk(dialect, tickets, values.dir, false);
  // One opening per run: on PostgreSQL it also starts the embedded server the bench server uses.
  const opened = await openBenchDatabase(dialect, tickets, values.dir, false);
  const targets = await pickTargets(opened.handle.db);
  await opened.handle.close();
  const server = await startServer(opened.env);
  try {
    const headers = await logIn(server.url);
    const queueView = `/api/v1/tickets?queueId=${targets.queueIds.join(',')}&stateType=new,open&sort=createdAt&order=asc&limit=25`;
    const change = (i: number) => targets.changeable[i % targets.changeable.length] as number;
    const loads: Load[] = [
      { route: 'baseline: GET /health', method: 'GET', path: () => '/api/v1/health' },
      { route: 'queue view, page 1', method: 'GET', path: () => queueView },
      { route: `ticket zoom: ticket`, method: 'GET', path: () => `/api/v1/tickets/${targets.zoomTicketId}` },
      { route: `ticket zoom: ${LONG_THREAD} articles`, method: 'GET', path: () => `/api/v1/tickets/${targets.zoomTicketId}/articles` },
      { route: 'overview counts', method: 'GET', path: () => '/api/v1/overview' },
      { route: 'ticket update (priority)', method: 'PATCH', path: (i) => `/api/v1/tickets/${change(i)}`, body: (i) => JSON.stringify({ priorityId: 2 + (i % 3) }) },
      { route: 'article create (note)', method: 'POST', path: (i) => `/api/v1/tickets/${change(i)}/articles`, body: (i) => JSON.stringify({ article: { channel: 'note', subject: 'Rückruf', bodyText: `Rückruf vereinbart (${i}).` } }) },
    ];
    // One request each first, so idle memory includes what the routes load once.
    for (const load of loads.slice(0, 5)) await fetch(`${server.url}${load.path(0)}`, { headers });
    const idle = memoryOf(server.pid);
    const results: Omit<RouteResult, 'ratioToBaseline'>[] = [];
    for (const load of loads) {
      process.stderr.write(`${dialect} ${tickets.toLocaleString('en')}: ${load.route} …\n`);
      results.push(await measure(server.url, headers, load));
    }
    const baseline = results[0]?.requestsPerSecond ?? 1;
    return {
      database: dialect,
      tickets,
      routes: results.map((r) => ({ ...r, ratioToBaseline: r.requestsPerSecond / baseline })),
      rssIdleMiB: idle.rss,
      rssPeakMiB: memoryOf(server.pid).peak,
    };
  } finally {
    await server.stop();
    await opened.stop();
  }
}

async function main(): Promise<void> {
  const sizes = values.tickets.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error('--tickets must be whole numbers of at least 100, comma-separated');
  const dialects = values.db === 'both' ? (['sqlite', 'postgres'] as const) : [values.db as 'sqlite' | 'postgres'];
  if (!dialects.every((d) => d === 'sqlite' || d === 'postgres')) throw new Error('--db must be sqlite, postgres or both');
  const runs: RunResult[] = [];
  for (const dialect of dialects) for (const tickets of sizes) runs.push(await run(dialect, tickets));
  const machine = describeMachine(dialects.join(' + '));
  console.log(`\nbench:api on ${machine.line}; ${values.connections} connections, ${values.duration} s per route\n`);
  printTable(
    ['database', 'tickets', 'route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'ratio to baseline'],
    runs.flatMap((r) => r.routes.map((x) => [r.database, r.tickets, x.route, Math.round(x.requestsPerSecond), x.p50, x.p95, x.p99, x.errors, x.ratioToBaseline.toFixed(3)])),
  );
  console.log('');
  printTable(['database', 'tickets', 'RSS idle MiB', 'RSS peak under load MiB'], runs.map((r) => [r.database, r.tickets, Math.round(r.rssIdleMiB), Math.round(r.rssPeakMiB)]));
  console.log(`\n${JSON.stringify({ bench: 'api', machine, connections: Number(values.connections), durationSeconds: Number(values.duration), runs })}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
