import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.ts';
import type { ServiceContext } from '../core/context.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerCustomerAuth } from './plugins/customer-auth.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerContactForm } from './routes/contact/contact.routes.ts';
import { registerV1Routes } from './routes/v1/index.ts';
import { registerWebApp } from './routes/web-app.route.ts';
import type { MailAccountPollNow } from './routes/v1/mail-accounts/poll-mail-account.route.ts';

/** What the HTTP channel is built from; main.ts and tests assemble it. */
export interface AppDeps {
  ctx: ServiceContext;
  config: Config;
  version: string;
  /** Polls a mail account now (POST /mail-accounts/:id/poll); absent in processes without a poller. */
  mailAccountPoller?: MailAccountPollNow;
  /** The built web app (dist/web); without it, / shows a start page pointing to the API. */
  webDir?: string;
}

/** Builds the web server: REST API under /api/v1, OpenAPI docs, auth, errors. Not yet listening. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.LOG_LEVEL === 'silent' ? false : { level: deps.config.LOG_LEVEL },
    // Articles carry attachments as base64 in JSON.
    bodyLimit: 40 * 1024 * 1024,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, deps.version);
  registerAuth(app, deps);
  registerCustomerAuth(app, deps);
  await app.register(async (api) => registerV1Routes(api.withTypeProvider<ZodTypeProvider>(), deps), { prefix: '/api/v1' });
  await registerContactForm(app, deps);
  await registerWebApp(app, deps.webDir);
  return app;
}
