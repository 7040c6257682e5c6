import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, isDatabaseUnavailable, type ErrorCode } from '../../core/errors.ts';

/** HTTP status of every domain error code: the one place where the two meet. */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  TICKET_LOCKED: 409,
  STALE_VERSION: 409,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  FOLLOW_UP_REJECTED: 409,
  TOKEN_INVALID: 400,
  REGISTRATION_DISABLED: 403,
};

/** Sends every error as {error: {code, message, field?}}; 5xx details go to the log only. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const { field, current } = error.details;
      return reply.status(STATUS_BY_CODE[error.code]).send({ error: { code: error.code, message: error.message, field, current } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const path = (first?.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path ?? [];
      const instancePath = first?.instancePath?.replace(/^\//, '').replace(/\//g, '.') ?? '';
      const field = path.length ? path.map(String).join('.') : instancePath || error.validationContext || 'body';
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: `${field}: ${first?.message ?? 'is invalid'}`, field } });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error.statusCode === 400 && error.code?.startsWith('FST_ERR_CTP'))) {
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: `body: ${error.message}`, field: 'body' } });
    }
    if (error.statusCode === 413) {
      return reply.status(413).send({ error: { code: 'VALIDATION_FAILED', message: 'body: the request is too large', field: 'body' } });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: error.message } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'VALIDATION_FAILED', message: error.message } });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ error: { code: 'UNAVAILABLE', message: 'The database is not reachable right now; please try again in a moment.' } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; the administrators can find details in the log.' } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
