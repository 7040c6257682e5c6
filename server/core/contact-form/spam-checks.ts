import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The contact form's spam protection without third-party services, as small pure functions:
 * a honeypot field people never see, and a signed timestamp of when the form was shown, so a
 * bot that posts at once (or replays an old form) is refused. Rate limits live in the service.
 */

/** Oldest form accepted: a page left open over night still works, an old scraped copy does not. */
export const MAX_FORM_AGE_SECONDS = 24 * 60 * 60;

/** Why a form timestamp is refused, or `ok`. */
export type FormTokenCheck = 'ok' | 'invalid' | 'too_fast' | 'expired';

function signature(secret: string, issuedAtMs: number): string {
  return createHmac('sha256', secret).update(`contact-form:${issuedAtMs}`).digest('base64url');
}

/** The hidden form value: when the form was shown, signed with the server's secret. */
export function signFormToken(secret: string, issuedAtMs: number): string {
  return `${issuedAtMs}.${signature(secret, issuedAtMs)}`;
}

/**
 * Checks a submitted form value against the time now: forged or garbled values are invalid,
 * a form sent back within `minSeconds` came from a bot, one older than `maxAgeSeconds` expired.
 */
export function checkFormToken(secret: string, token: string | undefined, nowMs: number, limits: { minSeconds: number; maxAgeSeconds?: number }): FormTokenCheck {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token?.trim() ?? '');
  if (!match) return 'invalid';
  const issuedAtMs = Number(match[1]);
  const expected = Buffer.from(signature(secret, issuedAtMs));
  const given = Buffer.from(match[2] ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const ageMs = nowMs - issuedAtMs;
  // A form from the future was not signed by this clock; a small skew between servers is fine.
  if (ageMs < -60_000) return 'invalid';
  if (ageMs < limits.minSeconds * 1000) return 'too_fast';
  if (ageMs > (limits.maxAgeSeconds ?? MAX_FORM_AGE_SECONDS) * 1000) return 'expired';
  return 'ok';
}

/** People never see the honeypot field, so anything in it was typed by a bot. */
export function isHoneypotFilled(value: string | undefined): boolean {
  return (value ?? '').trim() !== '';
}

/** The client's IP address as a keyed hash: enough to count submissions, without storing the address. */
export function hashClientAddress(secret: string, address: string): string {
  return createHmac('sha256', secret).update(`client:${address.trim().toLowerCase()}`).digest('hex');
}
