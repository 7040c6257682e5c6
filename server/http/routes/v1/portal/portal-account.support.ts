import type { Config } from '../../../../config/config.ts';
import type { AccountSettings } from '../../../../core/customer-auth/account-settings.ts';

/** The account settings core gets from the configuration. */
export function accountSettings(config: Config): AccountSettings {
  return { publicUrl: config.PUBLIC_URL, selfRegistration: config.PORTAL_SELF_REGISTRATION, registrationDomains: config.PORTAL_REGISTRATION_DOMAINS };
}

/**
 * Rate limit of a public account endpoint per IP address: registration and reset forms send
 * mail and hash passwords, and their links are worth guessing. `name` keeps endpoints apart.
 */
export function portalRateLimit(config: Config, name: string) {
  return {
    max: config.PORTAL_RATE_LIMIT,
    timeWindow: 15 * 60 * 1000,
    hook: 'preHandler' as const,
    keyGenerator: (request: { ip: string }) => `portal-${name}|${request.ip}`,
    errorResponseBuilder: (_request: unknown, context: { ttl: number }) => ({
      statusCode: 429,
      message: `Too many requests from your network; try again in ${Math.ceil(context.ttl / 60000)} minutes.`,
    }),
  };
}
