import { PENDING_STATE_TYPES, type TicketChannel } from '../../../shared/domain.ts';
import { writeArticle, type ArticleInput } from '../articles/article-writer.ts';
import * as catalog from '../catalog/catalog.lookup.ts';
import { inTransaction, memoized, memoizedInTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, isUniqueViolation, notFound } from '../errors.ts';
import { writeCustomValues } from '../custom-fields/custom-field-values.service.ts';
import { escalationColumns, initialEscalation } from '../escalation/escalation.service.ts';
import type { EscalationArticle } from '../escalation/escalation-times.ts';
import { enqueueTicketEvent } from '../events/ticket-event.repository.ts';
import { writeHistory, type HistoryEntry } from '../history/history.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { requirePermission } from '../permissions/permission.service.ts';
import { counterScope, formatTicketNumber, localDate } from './ticket-number.ts';
import { findTicketView, nextCounterValue } from './ticket.repository.ts';
import type { TicketRow } from './ticket-mutation.ts';
import type { TicketView } from './ticket.types.ts';
import { requireOwnerCandidate } from './ticket-owner.ts';

/** Agent 1 owns what no agent has taken yet, as root@localhost does in OTRS. */
export const SYSTEM_OWNER_ID = 1;
const DEFAULT_STATE_ID = 1; // new
const DEFAULT_PRIORITY_ID = 3; // 3 normal

/** A new ticket. Everything but title, queue and channel has an OTRS default. */
export interface CreateTicketInput {
  title: string;
  queueId: number;
  channel: TicketChannel;
  stateId?: number;
  priorityId?: number;
  typeId?: number | null;
  serviceId?: number | null;
  slaId?: number | null;
  /** Defaults to the creating agent, or the system owner for tickets the system creates. */
  ownerId?: number;
  responsibleId?: number | null;
  customerUserId?: number | null;
  /** Defaults to the customer user's company. */
  customerCompanyId?: number | null;
  pendingUntil?: string | null;
  /** Lock the ticket for its owner at once (an agent taking a phone call). */
  lock?: boolean;
  customFields?: Record<string, unknown>;
  /** The first article (the customer's mail, the phone call's notes …). */
  article?: ArticleInput;
}

/** Creates a ticket with a fresh number, its first article and history, in one transaction. */
export async function createTicket(ctx: ServiceContext, actor: Actor, input: CreateTicketInput): Promise<TicketView> {
  return inTransaction(ctx, async (tx) => {
    const { id } = await insertTicket(tx, actor, input);
    const view = await findTicketView(tx, id);
    if (!view) throw notFound('Ticket');
    return view;
  });
}

/** A new ticket as `createTicketRecord` wrote it, for callers that go on with it in the same transaction. */
export interface CreatedTicket {
  id: number;
  tn: string;
  /** The first article's id, when the input had one. */
  articleId: number | null;
  row: TicketRow;
  queue: catalog.QueueRow;
  customer: catalog.CustomerUserRow | null;
  /** The first article's text as stored (derived from its HTML when it had no text). */
  articleText: string | null;
}

/** Creates a ticket exactly as `createTicket` does, for callers that need no view of it (mail intake). */
export async function createTicketRecord(ctx: ServiceContext, actor: Actor, input: CreateTicketInput): Promise<CreatedTicket> {
  return inTransaction(ctx, (tx) => insertTicket(tx, actor, input));
}

async function insertTicket(txCtx: ServiceContext, actor: Actor, input: CreateTicketInput): Promise<CreatedTicket> {
  const { title, queue, state, ownerId, companyId, pendingUntil, customer } = await checkInput(txCtx, actor, input);
  // One instant for the ticket, its article and history: the escalation times below depend on both.
  const instant = txCtx.clock.now();
  const tx: ServiceContext = { ...txCtx, clock: { now: () => new Date(instant) } };
  const now = instant.toISOString();
  const tn = await nextTicketNumber(tx);
  const escalation = await initialEscalation(tx, {
    queueId: queue.id,
    slaId: input.slaId ?? null,
    createdAt: now,
    stateType: state.type,
    firstArticle: input.article ? escalationArticle(actor, input.article, now) : null,
  });
  const ticket = await tx.db
    .insertInto('ticket')
    .values({
      tn,
      title,
      queue_id: queue.id,
      state_id: state.id,
      priority_id: input.priorityId ?? DEFAULT_PRIORITY_ID,
      type_id: input.typeId ?? null,
      service_id: input.serviceId ?? null,
      sla_id: input.slaId ?? null,
      owner_id: ownerId,
      responsible_id: input.responsibleId ?? null,
      lock: input.lock ? 'lock' : 'unlock',
      customer_user_id: input.customerUserId ?? null,
      customer_company_id: companyId,
      channel: input.channel,
      pending_until: pendingUntil ? new Date(pendingUntil).toISOString() : null,
      merged_into_id: null,
      created_at: now,
      changed_at: now,
      ...escalationColumns(escalation),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      // tn is the ticket's only unique column. A number is taken only after the generator or
      // SYSTEM_ID was switched back; numbers are never reused, so refuse loudly.
      if (isUniqueViolation(error)) throw new DomainError('CONFLICT', `Ticket number ${tn} is already taken; check TICKET_NUMBER_GENERATOR and SYSTEM_ID.`);
      throw error;
    });

  const history: HistoryEntry[] = [{ type: 'NewTicket', newValue: `${tn} (${queue.full_name}, ${state.name})` }];
  if (input.customFields) history.push(...(await writeCustomValues(tx, ticket.id, input.customFields)));
  if (input.lock) history.push({ type: 'Lock', field: 'lock', oldValue: 'unlock', newValue: 'lock' });
  let articleId: number | null = null;
  let articleText: string | null = null;
  if (input.article) {
    const written = await writeArticle(tx, actor, ticket.id, input.article, title);
    articleId = written.articleId;
    articleText = written.bodyText;
    history.push(...written.history);
  }
  await writeHistory(tx, actor, ticket.id, history);
  await enqueueTicketEvent(tx, 'ticket.created', ticket.id, { queueId: queue.id });
  return { id: ticket.id, tn, articleId, row: ticket, queue, customer, articleText };
}

/** Validates a new ticket's input against the catalog; configuration reads are kept per intake batch. */
async function checkInput(tx: ServiceContext, actor: Actor, input: CreateTicketInput) {
  const title = input.title.trim();
  if (title.length === 0) throw invalid('title', 'must not be empty');
  if (title.length > 255) throw invalid('title', 'must be at most 255 characters');
  const queue = await memoized(tx, `catalog:queue:${input.queueId}`, () => catalog.requireQueue(tx, input.queueId));
  requirePermission(actor, queue, 'create');
  const stateId = input.stateId ?? DEFAULT_STATE_ID;
  const state = await memoized(tx, `catalog:state:${stateId}`, () => catalog.requireState(tx, stateId));
  if (state.type === 'merged' || state.type === 'removed') throw invalid('stateId', `a new ticket cannot be "${state.name}"`);
  const pendingUntil = input.pendingUntil ?? null;
  if (PENDING_STATE_TYPES.includes(state.type) && !pendingUntil) throw invalid('pendingUntil', `is required for the state "${state.name}"`);
  const priorityId = input.priorityId ?? DEFAULT_PRIORITY_ID;
  await memoized(tx, `catalog:priority:${priorityId}`, () => catalog.requirePriority(tx, priorityId));
  const { typeId, serviceId, slaId } = input;
  if (typeId) await memoized(tx, `catalog:type:${typeId}`, () => catalog.requireType(tx, typeId));
  if (serviceId) await memoized(tx, `catalog:service:${serviceId}`, () => catalog.requireService(tx, serviceId));
  if (slaId) await memoized(tx, `catalog:sla:${slaId}`, () => catalog.requireSla(tx, slaId));
  const ownerId = input.ownerId ?? (actor.kind === 'agent' ? actor.agentId : SYSTEM_OWNER_ID);
  if (input.ownerId !== undefined) await requireOwnerCandidate(tx, ownerId, queue, 'ownerId');
  if (input.responsibleId) await catalog.requireAgent(tx, input.responsibleId, 'responsibleId');
  let companyId = input.customerCompanyId ?? null;
  let customer: catalog.CustomerUserRow | null = null;
  if (input.customerUserId) {
    const customerUserId = input.customerUserId;
    customer = await memoizedInTransaction(tx, catalog.customerUserMemoKey(customerUserId), () => catalog.requireCustomerUser(tx, customerUserId));
    companyId ??= customer.customer_company_id;
  }
  if (input.customerCompanyId) await catalog.requireCustomerCompany(tx, input.customerCompanyId);
  return { title, queue, state, ownerId, companyId, pendingUntil, customer };
}

/** The first article as escalation sees it, with `writeArticle`'s defaults for sender and visibility. */
function escalationArticle(actor: Actor, article: ArticleInput, createdAt: string): EscalationArticle | null {
  const senderType = article.senderType ?? (actor.kind === 'agent' ? 'agent' : undefined);
  // Without a sender type writeArticle refuses the article, and with it the ticket.
  if (!senderType) return null;
  return { senderType, channel: article.channel, isVisibleForCustomer: article.isVisibleForCustomer ?? article.channel !== 'note', createdAt };
}

/**
 * Draws the next number from the configured generator; the counter row lock makes it unique
 * among the numbers it gives out, and the ticket's INSERT refuses one taken before.
 */
async function nextTicketNumber(ctx: ServiceContext): Promise<string> {
  const { ticketNumberGenerator: generator, systemId, ticketCounterMinSize, timeZone } = ctx.settings;
  const date = localDate(ctx.clock.now(), timeZone);
  const counter = await nextCounterValue(ctx, counterScope(generator, date));
  return formatTicketNumber({ generator, systemId, counter, date, minCounterSize: ticketCounterMinSize });
}
