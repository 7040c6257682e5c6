import type { RateLimitOptions } from '@fastify/rate-limit';

/**
 * Rate limit of a password sign-in route (agents and customers): `max` failed or successful
 * attempts per login name and address in 15 minutes, which slows guessing without locking
 * anyone out for long. `scope` keeps the agent and the portal counters apart.
 */
export function loginRateLimit(max: number, scope: string, noun: string): RateLimitOptions {
  return {
    max,
    timeWindow: 15 * 60 * 1000,
    hook: 'preHandler',
    keyGenerator: (request) => `${scope}|${request.ip}|${String((request.body as { login?: unknown } | undefined)?.login ?? '').toLowerCase()}`,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many ${noun} attempts; try again in ${Math.ceil(context.ttl / 60000)} minutes.`,
    }),
  };
}
