import type { StateType } from '../../../shared/domain.ts';

/** Escalation targets in minutes; 0 means the clock does not run. */
export interface EscalationTargets {
  firstResponseMinutes: number;
  updateMinutes: number;
  solutionMinutes: number;
}

/** The target columns of a queue or an SLA (OTRS first_response_time, update_time, solution_time). */
export interface TargetColumns {
  first_response_time: number;
  update_time: number;
  solution_time: number;
}

/** An article as far as escalation cares about it. */
export interface EscalationArticle {
  senderType: string;
  channel: string;
  isVisibleForCustomer: boolean;
  createdAt: string;
}

/** What the escalation of one ticket depends on. */
export interface EscalationInput {
  createdAt: string;
  stateType: StateType;
  targets: EscalationTargets;
  /** The ticket's articles, oldest first (ties broken by id). */
  articles: EscalationArticle[];
}

/** The ticket columns escalation maintains; every value an ISO timestamp or null. */
export interface EscalationTimes {
  firstResponseAt: string | null;
  lastCustomerContactAt: string | null;
  responseAt: string | null;
  updateAt: string | null;
  solutionAt: string | null;
  /** The earliest of response, update and solution; null when no clock runs. */
  at: string | null;
}

/** States in which no clock runs: the ticket waits for a date, or the work is over. */
const STOPPED_STATE_TYPES: readonly StateType[] = ['pending reminder', 'pending auto', 'closed', 'merged', 'removed'];

/** Channels through which an agent's customer-visible article counts as an answer. */
const ANSWER_CHANNELS = ['email', 'phone', 'web'];

/**
 * Per kind, the SLA's target when the ticket has an SLA with a non-zero value there, else the
 * queue's: an SLA that leaves one kind at 0 does not switch off the queue's target for it.
 */
export function resolveTargets(queue: TargetColumns, sla: TargetColumns | null): EscalationTargets {
  const pick = (kind: keyof TargetColumns) => (sla && sla[kind] > 0 ? sla[kind] : queue[kind]);
  return { firstResponseMinutes: pick('first_response_time'), updateMinutes: pick('update_time'), solutionMinutes: pick('solution_time') };
}

/**
 * The escalation times of a ticket, as OTRS's TicketEscalationIndexBuild computes them, with
 * two choices of this desk: pending states stop every clock (not only the update clock), and an
 * agent's answer stops the update clock until the customer writes again.
 *
 * Time runs 24x7: the queue's or SLA's calendar_name (working hours, holidays) is ignored for
 * now, so a target of 480 minutes means eight hours of wall-clock time.
 */
export function computeEscalationTimes(input: EscalationInput): EscalationTimes {
  const contact = followContacts(input.createdAt, input.articles);
  const { firstResponseAt, lastCustomerContactAt } = contact;
  if (STOPPED_STATE_TYPES.includes(input.stateType)) {
    return { firstResponseAt, lastCustomerContactAt, responseAt: null, updateAt: null, solutionAt: null, at: null };
  }
  const { targets } = input;
  const responseAt = firstResponseAt === null ? addMinutes(input.createdAt, targets.firstResponseMinutes) : null;
  const updateAt = contact.waitingSince !== null ? addMinutes(contact.waitingSince, targets.updateMinutes) : null;
  const solutionAt = addMinutes(input.createdAt, targets.solutionMinutes);
  const running = [responseAt, updateAt, solutionAt].filter((t): t is string => t !== null).sort();
  return { firstResponseAt, lastCustomerContactAt, responseAt, updateAt, solutionAt, at: running[0] ?? null };
}

/** True for an agent's article the customer sees, sent by mail, phone or web: an answer. */
export function isAgentAnswer(article: EscalationArticle): boolean {
  return article.senderType === 'agent' && article.isVisibleForCustomer && ANSWER_CHANNELS.includes(article.channel);
}

/**
 * Walks the articles in order. The creation counts as the customer's first contact.
 * `waitingSince` is the oldest customer contact no agent has answered yet: as in OTRS, a
 * customer writing again before an answer does not restart (postpone) the update clock.
 */
function followContacts(createdAt: string, articles: EscalationArticle[]) {
  let firstResponseAt: string | null = null;
  let lastCustomerContactAt = createdAt;
  let waitingSince: string | null = createdAt;
  for (const article of articles) {
    if (isAgentAnswer(article)) {
      firstResponseAt ??= article.createdAt;
      waitingSince = null;
    } else if (article.senderType === 'customer' && article.isVisibleForCustomer) {
      lastCustomerContactAt = article.createdAt;
      waitingSince ??= article.createdAt;
    }
  }
  return { firstResponseAt, lastCustomerContactAt, waitingSince };
}

function addMinutes(iso: string, minutes: number): string | null {
  if (!(minutes > 0)) return null;
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}
