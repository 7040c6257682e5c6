import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config/config.ts';
import { ensureFirstAdminPassword } from './core/users/agent.service.ts';
import { buildApp, type AppDeps } from './http/app.ts';
import { startIntakeThread } from './mail/inbound/intake-thread.ts';
import { startMailAccountPoller } from './mail/inbound/mail-account-poller.ts';
import { startMailListener, type MailListener } from './mail/inbound/smtp-listener.ts';
import { startOutboxWorker } from './mail/outbound/outbox-worker.ts';
import { openSystem } from './bootstrap.ts';

/**
 * Composition root: configuration → database (migrated) → first admin → web server.
 * `--demo` also loads the demo desk. Imports everything; nothing imports it.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const config = loadConfig(process.env);
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const system = await openSystem(config);
  const { ctx, handle } = system;
  console.log(`Ticketwerk ${version}: database ${handle.dialect} at ${handle.location}`);

  const admin = await ensureFirstAdminPassword(ctx, config.TICKETWERK_ADMIN_PASSWORD);
  if (admin?.generated) {
    console.log(`\n  First admin login: ${admin.login}\n  Password:          ${admin.password}\n  (shown once; change it after logging in)\n`);
  } else if (admin) {
    console.log(`First admin login: ${admin.login} (password from TICKETWERK_ADMIN_PASSWORD)`);
  }

  if (args.includes('--demo')) {
    const { loadDemoDesk } = await import('./demo/demo-desk.ts');
    const demo = await loadDemoDesk(ctx, { password: config.TICKETWERK_DEMO_PASSWORD });
    console.log(demo.summary);
  }

  // `npm start` builds the web app into dist/web first (scripts/build-web.ts).
  const deps: AppDeps = { ctx, config, version, webDir: fileURLToPath(new URL('../dist/web', import.meta.url)) };
  const app = await buildApp(deps);
  // Routes read deps at request time, so the poller can join once the app's logger exists.
  const mailPoller = startMailAccountPoller({ ctx, logger: app.log });
  deps.mailAccountPoller = mailPoller;
  // Every minute, mails left "received" by a database outage are picked up without a restart.
  const intake = await startIntakeThread(config, app.log, { recoverEveryMs: 60_000 });
  const { queue, batcher } = intake;
  const listeners: MailListener[] = [];
  if (config.SMTP_PORT > 0) listeners.push(await startMailListener({ ctx, queue, batcher, logger: app.log, host: config.SMTP_HOST, port: config.SMTP_PORT }));
  if (config.LMTP_PORT) listeners.push(await startMailListener({ ctx, queue, batcher, logger: app.log, host: config.SMTP_HOST, port: config.LMTP_PORT, lmtp: true }));
  const outbox = startOutboxWorker({ ctx, smtpUrl: config.SMTP_URL, logger: app.log });
  const recovered = await queue.recover();
  if (recovered > 0) console.log(`Processing ${recovered} stored mails that were received before the last stop`);

  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await Promise.all(listeners.map((l) => l.close()));
    await app.close();
    await intake.close();
    await outbox.stop();
    await mailPoller.stop();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`Ticketwerk is running on http://localhost:${config.PORT}/ (API docs: http://localhost:${config.PORT}/api/docs)`);
  if (!config.SMTP_URL) console.log('Outgoing mail stays in the outbox until SMTP_URL names a relay');
  if (config.SMTP_PORT > 0) console.log(`Receiving mail by SMTP on ${config.SMTP_HOST}:${listeners[0]?.port}${config.LMTP_PORT ? ` and by LMTP on port ${config.LMTP_PORT}` : ''}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
