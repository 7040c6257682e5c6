import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ServiceContext } from '../../core/context.ts';
import { processRawMail, receiveRawMail } from '../../core/mail-intake/mail-intake.service.ts';
import { abandonMailAccountPoll, beginMailAccountPoll, finishMailAccountPoll, listDueMailAccounts, saveMailAccountCursor } from '../../core/mail-accounts/mail-account-poll.service.ts';
import { MESSAGES_PER_POLL, type MailAccountConnection, type MailAccountError, type PollReport } from '../../core/mail-accounts/mail-account.types.ts';
import { emptyTally, type MailboxFetcher, type MailboxFetchTally } from '../../core/mail-accounts/mailbox-fetch.types.ts';
import { systemActor, type Actor } from '../../core/permissions/actor.ts';
import type { Logger } from '../../core/ports.ts';
import { classifyImapError } from './imap/classify-imap-error.ts';
import { fetchImapAccount } from './imap/fetch-imap-account.ts';
import { classifyPop3Error } from './pop3/classify-pop3-error.ts';
import { fetchPop3Account } from './pop3/fetch-pop3-account.ts';

/** The mail intake the poller hands messages to (core/mail-intake), replaceable in tests. */
export interface MailIntake {
  /** Stores a raw mail durably; after it resolves the server copy may go. */
  receive(ctx: ServiceContext, input: { raw: Buffer; source: string; queueId?: number | null; trusted?: boolean }): Promise<{ rawMailId: number; duplicate: boolean }>;
  /** Turns a stored mail into a ticket or article; never throws for bad mail. */
  process(ctx: ServiceContext, rawMailId: number): Promise<unknown>;
}

/** How a protocol family fetches and how its errors read. */
export interface MailboxProtocol {
  fetch: MailboxFetcher;
  classify(error: unknown): MailAccountError;
}

/** What polling needs; everything but ctx and logger has a default. */
export interface MailAccountPollerOptions {
  ctx: ServiceContext;
  logger: Logger;
  /** Default: receiveRawMail and processRawMail. */
  intake?: MailIntake;
  /** Name of this process in account leases; default host, pid and a random suffix. */
  owner?: string;
  /** Messages per poll and account; default 200. */
  limit?: number;
  /** Connect and answer time-out in milliseconds; default 30 s. */
  timeoutMs?: number;
  /** How often the timer looks for due accounts, in seconds; default 30. 0 = no timer (tests call tick()). */
  tickSeconds?: number;
  /** Default: imapflow for IMAP, the built-in POP3 client for POP3. */
  protocols?: { imap: MailboxProtocol; pop3: MailboxProtocol };
}

/** A running poller. */
export interface MailAccountPoller {
  /** Polls every due account once, one after another; resolves with what each poll did. */
  tick(): Promise<PollReport[]>;
  /** Polls one account now, due or not (admins' "poll now"); CONFLICT while another process polls it. */
  pollNow(actor: Actor, accountId: number): Promise<PollReport>;
  /** Stops the timer and waits for a running tick to end. */
  stop(): Promise<void>;
}

const POLLER = systemActor('mail');
export const defaultIntake: MailIntake = { receive: receiveRawMail, process: processRawMail };
const defaultProtocols = { imap: { fetch: fetchImapAccount, classify: classifyImapError }, pop3: { fetch: fetchPop3Account, classify: classifyPop3Error } };

/**
 * Starts polling mail accounts: every tickSeconds the due ones (last poll + interval passed,
 * or made due by an admin) are polled, each under a lease so that several processes on one
 * PostgreSQL never poll an account twice at the same time.
 */
export function startMailAccountPoller(options: MailAccountPollerOptions): MailAccountPoller {
  const owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let running: Promise<PollReport[]> | null = null;
  let stopped = false;

  const tick = async (): Promise<PollReport[]> => {
    if (running) return running;
    running = (async () => {
      const reports: PollReport[] = [];
      for (const accountId of await listDueMailAccounts(options.ctx)) {
        if (stopped) break;
        const report = await pollMailAccount(options, owner, POLLER, accountId, true);
        if (report) reports.push(report);
      }
      return reports;
    })().finally(() => (running = null));
    return running;
  };

  const tickSeconds = options.tickSeconds ?? 30;
  const timer = tickSeconds > 0 ? setInterval(() => void tick().catch((err: unknown) => options.logger.error({ err }, 'mail account poll tick failed')), tickSeconds * 1000) : null;
  timer?.unref();
  return {
    tick,
    async pollNow(actor, accountId) {
      const report = await pollMailAccount(options, owner, actor, accountId, false);
      // Only a scheduled poll answers null (not due); poll now throws instead.
      if (!report) throw new Error(`Mail account ${accountId} was not polled`);
      return report;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (running) await running.catch(() => []);
    },
  };
}

/**
 * One poll of one account: take its lease, fetch, record the outcome, then process what was
 * stored. Null when a scheduled poll finds the account not due or taken by another process.
 */
export async function pollMailAccount(options: MailAccountPollerOptions, owner: string, actor: Actor, accountId: number, onlyIfDue: boolean): Promise<PollReport | null> {
  const { ctx, logger } = options;
  const account = await beginMailAccountPoll(ctx, actor, { accountId, owner, onlyIfDue });
  if (!account) return null;
  const startedAt = ctx.clock.now().toISOString();
  let report: PollReport;
  try {
    const tally = emptyTally();
    const error = await fetchInto(options, owner, account, tally);
    report = { accountId, startedAt, finishedAt: ctx.clock.now().toISOString(), stored: tally.stored, duplicates: tally.duplicates, failed: tally.failed, remaining: tally.remaining, rawMailIds: tally.rawMailIds, error };
    const { alert } = await finishMailAccountPoll(ctx, { owner, report });
    logPoll(logger, account, report, alert);
  } catch (error) {
    await abandonMailAccountPoll(ctx, accountId, owner);
    throw error;
  }
  await processStored(options, report.rawMailIds);
  return report;
}

/** Runs the protocol's fetcher; returns the classified error, or null when all went well. */
async function fetchInto(options: MailAccountPollerOptions, owner: string, account: MailAccountConnection, tally: MailboxFetchTally): Promise<MailAccountError | null> {
  const { ctx } = options;
  const protocol = (options.protocols ?? defaultProtocols)[account.protocol.startsWith('imap') ? 'imap' : 'pop3'];
  const intake = options.intake ?? defaultIntake;
  const source = `${account.protocol.replace(/s$/, '')}:${account.id}`;
  try {
    await protocol.fetch(account, {
      store: (raw) => intake.receive(ctx, { raw, source, queueId: account.queueId, trusted: account.trusted }),
      saveCursor: (cursor) => saveMailAccountCursor(ctx, account.id, owner, cursor),
      limit: options.limit ?? MESSAGES_PER_POLL,
      timeoutMs: options.timeoutMs ?? 30_000,
    }, tally);
  } catch (error) {
    return protocol.classify(error);
  }
  if (tally.failed > 0) {
    const reason = tally.storeError instanceof Error ? tally.storeError.message : String(tally.storeError);
    return { kind: 'intake', message: `${tally.failed} message(s) could not be stored and stay on the server for the next poll: ${reason}` };
  }
  return null;
}

async function processStored(options: MailAccountPollerOptions, rawMailIds: number[]): Promise<void> {
  const intake = options.intake ?? defaultIntake;
  for (const rawMailId of rawMailIds) {
    try {
      await intake.process(options.ctx, rawMailId);
    } catch (err) {
      // Stored is safe: the mail stays "received" and the intake's recovery retries it.
      options.logger.error({ rawMailId, err }, 'processing a fetched mail failed; it stays stored');
    }
  }
}

function logPoll(logger: Logger, account: MailAccountConnection, report: PollReport, alert: boolean): void {
  const facts = { mailAccountId: account.id, host: account.host, login: account.login, stored: report.stored, duplicates: report.duplicates, failed: report.failed, remaining: report.remaining };
  if (!report.error) logger.info(facts, 'mail account polled');
  else if (alert) logger.error({ ...facts, error: report.error }, 'mail account needs an admin: polling backs off until its settings change');
  else logger.warn({ ...facts, error: report.error }, 'mail account poll failed; retrying at the next interval');
}
