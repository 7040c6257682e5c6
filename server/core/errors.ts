/** Every error code core raises. The HTTP channel maps each to a status in one table. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'TICKET_LOCKED',
  'STALE_VERSION',
  'CONFLICT',
  'RATE_LIMITED',
  'FOLLOW_UP_REJECTED',
  'TOKEN_INVALID',
  'REGISTRATION_DISABLED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Extra facts an error carries: the offending field, or the current state of a resource. */
export interface DomainErrorDetails {
  /** The input field at fault, as the client named it (e.g. `queueId`). */
  field?: string;
  /** Current representation of the resource, for conflicts (e.g. the ticket after a stale write). */
  current?: unknown;
}

/** A failure the user can understand and act on. Core throws only these on purpose. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Shorthand for a validation error naming the field. */
export function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}

/** Shorthand for a missing resource; the message names what was looked for. */
export function notFound(what: string, field?: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} not found`, field ? { field } : {});
}

/**
 * A unique constraint refused a row (PostgreSQL 23505, SQLite's UNIQUE): two requests made
 * the same thing at the same moment. Callers that checked first retry and find the other one.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * PostgreSQL restarting or unreachable, or SQLite busy beyond its timeout: nothing was
 * changed, and the same request will work again shortly, so the client hears 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // 08xxx connection exceptions, 57P01-57P03 shutdown / cannot connect now, socket errors.
    if (/^08/.test(code) || /^57P0[123]$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED'].includes(code)) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/i.test(error.message);
}
