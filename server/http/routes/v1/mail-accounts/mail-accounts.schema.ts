import { z } from 'zod';
import { AFTER_FETCH_ACTIONS, MAIL_ACCOUNT_ERROR_KINDS, MAIL_ACCOUNT_PROTOCOLS, MAIL_SECURITY_MODES } from '../../../../core/mail-accounts/mail-account.types.ts';

/** A mail account as the API shows it: the password never, only whether one is stored. */
export const mailAccountSchema = z
  .object({
    id: z.number().int(),
    protocol: z.enum(MAIL_ACCOUNT_PROTOCOLS),
    host: z.string(),
    port: z.number().int(),
    security: z.enum(MAIL_SECURITY_MODES),
    login: z.string(),
    hasPassword: z.boolean(),
    folder: z.string().describe('IMAP folder fetched from'),
    afterFetch: z.enum(AFTER_FETCH_ACTIONS).describe('IMAP: what happens to a message once stored; POP3 always deletes'),
    moveToFolder: z.string().nullable(),
    queueId: z.number().int().nullable().describe('Queue of new tickets; null = dispatch by postmaster filters'),
    trusted: z.boolean().describe('X-Ticketwerk-* headers of its mails are honoured'),
    pollIntervalMinutes: z.number().int(),
    comment: z.string().nullable(),
    valid: z.boolean(),
    lastPollAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    nextPollAt: z.string().nullable(),
    lastError: z.object({ kind: z.enum(MAIL_ACCOUNT_ERROR_KINDS), message: z.string() }).nullable(),
    consecutiveFailures: z.number().int(),
    lastFetchedCount: z.number().int(),
    totalFetchedCount: z.number().int(),
    createdAt: z.string(),
    changedAt: z.string(),
  })
  .meta({ id: 'MailAccount' });

const inputFields = {
  protocol: z.enum(MAIL_ACCOUNT_PROTOCOLS),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).optional().describe('Default 143, 993, 110 or 995 by protocol'),
  security: z.enum(MAIL_SECURITY_MODES).optional().describe('Default tls for imaps/pop3s, starttls otherwise'),
  login: z.string().min(1).max(255),
  password: z.string().min(1).max(1000),
  folder: z.string().min(1).max(255).optional().describe('Default INBOX'),
  afterFetch: z.enum(AFTER_FETCH_ACTIONS).optional().describe('Default delete'),
  moveToFolder: z.string().max(255).nullable().optional(),
  queueId: z.number().int().positive().nullable().optional(),
  trusted: z.boolean().optional(),
  pollIntervalMinutes: z.number().int().min(1).max(1440).optional().describe('Default 10'),
  comment: z.string().max(250).nullable().optional(),
  valid: z.boolean().optional(),
};

export const createMailAccountBody = z.object(inputFields).strict();
export const updateMailAccountBody = z
  .object({ ...inputFields, protocol: inputFields.protocol.optional(), host: inputFields.host.optional(), login: inputFields.login.optional(), password: inputFields.password.optional().describe('Leave out to keep the stored password') })
  .strict();

export const pollReportSchema = z
  .object({
    accountId: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string(),
    stored: z.number().int().describe('Messages stored for the first time'),
    duplicates: z.number().int().describe('Messages stored by an earlier poll, removed from the server now'),
    failed: z.number().int().describe('Messages that could not be stored; they stay on the server'),
    remaining: z.number().int().describe('Messages beyond the per-poll limit, fetched by the next poll'),
    rawMailIds: z.array(z.number().int()),
    error: z.object({ kind: z.enum(MAIL_ACCOUNT_ERROR_KINDS), message: z.string() }).nullable(),
  })
  .meta({ id: 'MailAccountPollReport' });
