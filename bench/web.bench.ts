/**
 * Web app weight and first load: builds dist/web, reports the bytes (raw and gzip) of what the
 * first page needs, then starts the demo desk and measures, in headless Chromium with an empty
 * cache each time, how long it takes from navigation until the overview shows its queue counts
 * for a logged-in 1st-level agent. Baseline in the same run: the load of a small static file (robots.txt) of
 * the same server (the floor set by browser start-up, the network stack and the machine).
 *
 *   npm run bench:web -- --loads 10
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildWebApp } from '../scripts/build-web.ts';
import { openBrowser } from '../test/e2e/support/browser.ts';
import { startDemoServer } from '../test/e2e/support/server-process.ts';

const { values } = parseArgs({ options: { loads: { type: 'string', default: '10' } } });
const LOADS = Number(values.loads);
const distDir = path.resolve(import.meta.dirname, '../dist/web');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Every file of the build with its raw and gzip size; which of them the first page loads is measured in the browser. */
function bundleFiles(): Map<string, { raw: number; gzip: number }> {
  const files = new Map<string, { raw: number; gzip: number }>();
  for (const name of readdirSync(path.join(distDir, 'assets'))) {
    const full = path.join(distDir, 'assets', name);
    files.set(`/assets/${name}`, { raw: statSync(full).size, gzip: gzipSync(readFileSync(full)).length });
  }
  return files;
}

await buildWebApp();
const files = bundleFiles();
const total = [...files.values()].reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });
const server = await startDemoServer();
const agentLoads: number[] = [];
const baselineLoads: number[] = [];
const firstPageAssets = new Set<string>();
try {
  for (let i = 0; i < LOADS; i++) {
    const browser = await openBrowser();
    const page = await browser.context.newPage();
    const baselineStart = performance.now();
    await page.goto(`${server.url}/robots.txt`, { waitUntil: 'load' }).catch(() => undefined);
    baselineLoads.push(performance.now() - baselineStart);
    // Log in through the API so only the app's own load is timed; the cookie is the browser's.
    const session = await page.request.post(`${server.url}/api/v1/session`, { data: { login: 'lena.hoffmann', password: server.demoPassword } });
    if (!session.ok()) throw new Error(`login failed: ${session.status()}`);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/assets/')) firstPageAssets.add(url.pathname);
    });
    const start = performance.now();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The queue counts are links in the overview's table: they appear once it has its data.
    await page.getByRole('table').first().getByRole('link').first().waitFor();
    agentLoads.push(performance.now() - start);
    await browser.close();
  }
} finally {
  await server.stop();
}
const first = [...firstPageAssets].map((name) => files.get(name)).filter((f) => f !== undefined);
const firstPage = first.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });
const result = {
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, database: 'sqlite (demo desk)' },
  bundle: { files: files.size, totalKiB: Math.round(total.raw / 1024), totalGzipKiB: Math.round(total.gzip / 1024), firstPageKiB: Math.round(firstPage.raw / 1024), firstPageGzipKiB: Math.round(firstPage.gzip / 1024) },
  firstLoadMs: { median: Math.round(median(agentLoads)), min: Math.round(Math.min(...agentLoads)), max: Math.round(Math.max(...agentLoads)) },
  baselineStaticPageMs: Math.round(median(baselineLoads)),
  ratio: Number((median(agentLoads) / Math.max(1, median(baselineLoads))).toFixed(1)),
};
console.table({
  'bundle, all files (KiB raw / gzip)': `${result.bundle.totalKiB} / ${result.bundle.totalGzipKiB}`,
  'first page loads (KiB raw / gzip)': `${result.bundle.firstPageKiB} / ${result.bundle.firstPageGzipKiB}`,
  'first load to overview counts, median (ms)': result.firstLoadMs.median,
  'baseline: static page of the same server (ms)': result.baselineStaticPageMs,
  'ratio': result.ratio,
});
console.log(JSON.stringify(result, null, 2));
