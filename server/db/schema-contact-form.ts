import type { Generated } from 'kysely';

/** The public contact form: durable server secrets and recent submissions for rate limits. */
export interface ContactFormTables {
  system_secret: SystemSecretTable;
  contact_form_submission: ContactFormSubmissionTable;
}

/** A secret the server generates once and keeps (e.g. the key signing form timestamps). */
export interface SystemSecretTable {
  name: string;
  value: string;
  created_at: string;
}

/** One accepted or refused contact form submission, kept a day for the rate limits. */
export interface ContactFormSubmissionTable {
  id: Generated<number>;
  /** Keyed hash of the client's IP address. */
  ip_hash: string;
  /** Lower-cased sender address, when the form carried a valid one. */
  email: string | null;
  /** created | honeypot */
  outcome: string;
  created_at: string;
}
