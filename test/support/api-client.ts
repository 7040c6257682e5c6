import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../../server/config/config.ts';
import { createApiToken } from '../../server/core/auth/api-token.service.ts';
import type { ServiceContext } from '../../server/core/context.ts';
import type { AgentActor } from '../../server/core/permissions/actor.ts';
import { buildApp } from '../../server/http/app.ts';
import { system } from './factories.ts';

/** The real app on a test database, as `npm start` builds it, without listening. */
export async function buildTestApp(ctx: ServiceContext, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ ctx, config: loadConfig({ LOG_LEVEL: 'silent', ...env }), version: 'test' });
  await app.ready();
  return app;
}

/** Authorization header with a fresh personal API token of the agent. */
export async function bearerFor(ctx: ServiceContext, actor: AgentActor): Promise<{ authorization: string }> {
  const { token } = await createApiToken(ctx, system, { agentId: actor.agentId, name: 'test' });
  return { authorization: `Bearer ${token}` };
}

/** A JSON API call as an agent; returns status and parsed body. */
export async function call(
  app: FastifyInstance,
  headers: Record<string, string>,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const response = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const text = response.body;
  let body: unknown = text;
  if ((response.headers['content-type'] ?? '').toString().includes('json') && text) body = JSON.parse(text);
  return { status: response.statusCode, body, headers: response.headers };
}
