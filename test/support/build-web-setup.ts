import { buildWebApp } from '../../scripts/build-web.ts';

/** The browser tests run the real server, which serves dist/web: build it once, if stale, before any test. */
export default async function setup() {
  await buildWebApp();
}
