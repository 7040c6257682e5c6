import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { buildApp } from '../../server/http/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

describe('serving the web app', () => {
  let t: TestDatabase;
  let webDir: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    webDir = mkdtempSync(path.join(os.tmpdir(), 'ticketwerk-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await buildApp({ ctx: t.ctx, config: loadConfig({ LOG_LEVEL: 'silent' }), version: 'test', webDir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers every page path of the app with index.html under a strict Content-Security-Policy', async () => {
    for (const url of ['/', '/queues/4?stateType=new', '/tickets/17']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year and keeps unknown API paths JSON errors', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    // Without a login the API answers 401 before it looks for the route; never the app's HTML.
    const api = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toContain('application/json');
    expect(api.body).not.toContain('<div id="root">');
  });
});
