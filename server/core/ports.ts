/** What core needs from the outside world, as small interfaces so tests can fake them. */

/** The current time. Core never calls Date.now(); tests move this clock forward. */
export interface Clock {
  now(): Date;
}

/** Content-addressed file storage for attachments and raw mail. */
export interface BlobStore {
  /** Stores content durably (fsync'ed) and returns its sha256; equal content is stored once. */
  put(content: Buffer): Promise<{ sha256: string; size: number }>;
  /** Returns the content stored under a sha256, or throws when it is missing. */
  get(sha256: string): Promise<Buffer>;
}

/** Structured logging, as pino offers it. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const systemClock: Clock = { now: () => new Date() };
