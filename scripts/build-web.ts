/**
 * Builds the agent web app into dist/web unless the build there already matches the sources.
 * `npm start`, `npm run demo` and the browser tests call it, so a fresh clone needs nothing
 * but `npm ci`. The stamp is a hash of web/ and package-lock.json.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'dist', 'web');
const stampFile = path.join(outDir, '.build-stamp');

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    // The generated API types only matter to the type checker, not to the bundle.
    else if (!entry.name.endsWith('.test.ts') && entry.name !== 'api-schema.d.ts') yield full;
  }
}

/** Hash of everything the bundle is built from. */
export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(path.join(root, 'web')), path.join(root, 'package-lock.json')]) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds dist/web when it is missing or stale; returns whether it built. */
export async function buildWebApp(options: { force?: boolean } = {}): Promise<boolean> {
  const hash = webSourceHash();
  if (!options.force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return false;
  const { build } = await import('vite');
  console.log('Building the web app (once after each change of web/) …');
  await build({ configFile: path.join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stampFile, hash);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildWebApp({ force: process.argv.includes('--force') });
}
