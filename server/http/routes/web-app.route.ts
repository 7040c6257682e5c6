import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { registerHomeRoute } from './home.route.ts';

/**
 * The built web app may load only its own files. Mail HTML is shown in sandboxed frames whose
 * documents inherit this policy; remote images there stay blocked until the agent asks for them
 * (the client leaves them out), which is why img-src allows http(s) at all.
 */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob: data: about:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the agent web app from dist/web: hashed assets cached for a year, every other browser
 * path answered with index.html so the client router takes over. Without a build (API tests),
 * a small start page points to the API.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string | undefined): Promise<void> {
  const indexFile = webDir ? path.join(webDir, 'index.html') : undefined;
  if (!webDir || !indexFile || !existsSync(indexFile)) {
    registerHomeRoute(app);
    return;
  }
  const indexHtml = readFileSync(indexFile);
  await app.register(fastifyStatic, {
    root: webDir,
    index: false,
    wildcard: false,
    // Our own header below: file names under assets/ carry a content hash, the rest may change.
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendApp = (_request: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', APP_CSP).header('x-content-type-options', 'nosniff').send(indexHtml);
  app.get('/', { schema: { hide: true } }, sendApp);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    // Unknown API paths stay JSON 404s; everything else is a page of the client router.
    if (request.url.startsWith('/api/')) return reply.callNotFound();
    return sendApp(request, reply);
  });
}
