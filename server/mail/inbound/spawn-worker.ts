import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose module is `url`. Workers do not inherit the TypeScript loader
 * the server runs under (tsx), so a worker started from a .ts file registers it first;
 * compiled JavaScript starts directly.
 */
export function spawnWorker(url: URL, workerData?: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * tsx's ESM API, resolved here so the worker finds it whatever the working folder is. Test
 * runners that rewrite import.meta lack import.meta.resolve; the ESM file sits beside the
 * CommonJS one that require.resolve finds.
 */
function tsxApiUrl(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}
