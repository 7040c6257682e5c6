import { z } from 'zod';

/**
 * Every setting Ticketwerk reads from its environment, with defaults and documentation.
 * Parsed once at start; the error names the variable. No other file reads process.env.
 */
const configSchema = z.object({
  /** TCP port of the web app and REST API. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface the web server binds to. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Folder for the SQLite database, attachments and raw mail. Created when missing. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://user:pass@host:port/db to run on PostgreSQL; empty means SQLite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Password of the first admin agent `admin`; when unset a random one is generated and printed once. */
  TICKETWERK_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Password of the demo agents that `npm run demo` creates. */
  TICKETWERK_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('demo-password'),
  /** Ticket number generator, as OTRS's Ticket::NumberGenerator. */
  TICKET_NUMBER_GENERATOR: z.enum(['DateChecksum', 'Date', 'AutoIncrement']).default('DateChecksum'),
  /** SystemID that every ticket number carries (OTRS SystemID). */
  SYSTEM_ID: z.string().regex(/^\d{1,4}$/, 'must be 1 to 4 digits').default('10'),
  /** Minimal counter width of AutoIncrement numbers (OTRS MinCounterSize). */
  TICKET_COUNTER_MIN_SIZE: z.coerce.number().int().min(1).max(10).default(5),
  /** Ticket hook written before ticket numbers in subjects (OTRS Ticket::Hook). */
  TICKET_HOOK: z.string().min(1).max(20).default('Ticket#'),
  /** IANA time zone for date-based ticket numbers and working-time calendars. */
  TIME_ZONE: z
    .string()
    .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone)
    .refine(isTimeZone, 'is not a known IANA time zone'),
  /** Hours an agent session stays valid without use. */
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  /** Failed logins per login name and IP address within 15 minutes before 429. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Marks session cookies Secure; set when Ticketwerk is served over HTTPS. */
  COOKIE_SECURE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Port of the SMTP listener that receives mail for the desk; 0 turns it off. */
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Interface of the SMTP/LMTP listeners; loopback unless a relay on another host delivers. */
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the LMTP listener (for Postfix's lmtp transport); unset = off. */
  LMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Relay for outgoing mail, smtp://user:pass@host:587 or smtps://…; unset keeps mail in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Largest accepted incoming mail in megabytes (OTRS PostMasterMaxEmailSize is 16 MB). */
  MAIL_MAX_SIZE_MB: z.coerce.number().positive().max(1024).default(16),
  /** Automatic answers per sender address and day before loop protection stops them. */
  AUTO_RESPONSE_DAILY_LIMIT: z.coerce.number().int().min(0).default(10),
  /** Also treat a ticket number quoted in the body as a follow-up (OTRS PostmasterFollowUpSearchInBody). */
  FOLLOW_UP_SEARCH_BODY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Log level of the server (pino). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Address customers and agents reach Ticketwerk at, for links in mails (e.g. https://helpdesk.uni-spree.de); default http://localhost:PORT. */
  PUBLIC_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine(isPublicUrl, 'must be an http:// or https:// address without query or fragment, e.g. https://helpdesk.uni-spree.de')
      .transform((v) => v.trim().replace(/\/+$/, ''))
      .optional(),
  ),
  /** Customers may register themselves in the portal and confirm by mail (OTRS CustomerPanelCreateAccount). */
  PORTAL_SELF_REGISTRATION: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Comma-separated mail domains allowed to self-register (e.g. uni-spree.de,student.uni-spree.de); subdomains only when listed; empty = any. */
  PORTAL_REGISTRATION_DOMAINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean))
    .refine((list) => list.every((d) => /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(d)), 'must be domain names separated by commas, e.g. uni-spree.de,student.uni-spree.de'),
  /** Registrations, password-reset requests and confirmations per IP address and endpoint within 15 minutes before 429. */
  PORTAL_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Sources (CSP frame-ancestors) allowed to embed the public contact form in a frame, e.g. https://www.uni-spree.de; * = any page. */
  CONTACT_FORM_FRAME_ANCESTORS: z
    .string()
    .default('*')
    .refine((v) => v.trim() !== '' && !/[;,\r\n]/.test(v), 'must be CSP sources separated by spaces, e.g. https://www.uni-spree.de https://*.uni-spree.de'),
  /** Seconds a person needs at least to fill in the contact form; faster submissions are refused as bots. */
  CONTACT_FORM_MIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(3),
  /** Contact form submissions per IP address and hour before 429. */
  CONTACT_FORM_IP_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Contact form submissions per e-mail address and hour before 429. */
  CONTACT_FORM_EMAIL_LIMIT: z.coerce.number().int().min(1).default(5),
}).transform((config) => ({ ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}` }));

export type Config = z.infer<typeof configSchema>;

function isPublicUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Raised when an environment variable is invalid; the message names it. */
export class ConfigError extends Error {}

/** Parses the environment into a typed Config or throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

/** The configuration as the CLI shows it: secrets masked. */
export function describeConfig(config: Config): Record<string, unknown> {
  const masked: Record<string, unknown> = { ...config };
  if (config.TICKETWERK_ADMIN_PASSWORD) masked.TICKETWERK_ADMIN_PASSWORD = '********';
  masked.TICKETWERK_DEMO_PASSWORD = '********';
  if (config.SMTP_URL) masked.SMTP_URL = config.SMTP_URL.replace(/:[^:@/]*@/, ':********@');
  if (config.DATABASE_URL) masked.DATABASE_URL = config.DATABASE_URL.replace(/:[^:@/]*@/, ':********@');
  return masked;
}
