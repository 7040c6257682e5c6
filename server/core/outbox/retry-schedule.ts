/**
 * When to try a message again after the relay was unreachable or answered 4xx: quickly at
 * first (a relay restart), then ever longer, for about two days in all, like a mail server's
 * queue. After the last attempt the message is failed for good and shown as such.
 */
export const RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 120, 240, 480, 720, 1440] as const;

/** Attempts after which a message counts as undeliverable. */
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/** Minutes to wait after the given (1-based) failed attempt, or null when it was the last. */
export function retryDelayMinutes(attempt: number): number | null {
  if (attempt >= MAX_DELIVERY_ATTEMPTS) return null;
  return RETRY_DELAYS_MINUTES[Math.max(0, attempt - 1)] ?? null;
}
