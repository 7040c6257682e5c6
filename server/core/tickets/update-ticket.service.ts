import { PENDING_STATE_TYPES, type PermissionKind } from '../../../shared/domain.ts';
import * as catalog from '../catalog/catalog.lookup.ts';
import type { ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { writeCustomValues } from '../custom-fields/custom-field-values.service.ts';
import type { HistoryEntry, HistoryType } from '../history/history.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { requirePermission } from '../permissions/permission.service.ts';
import { mutateTicket, type TicketChanges, type TicketRow } from './ticket-mutation.ts';
import { requireOwnerCandidate } from './ticket-owner.ts';
import { findTicketView } from './ticket.repository.ts';
import type { TicketView } from './ticket.types.ts';

/** Changes to a ticket's attributes; absent fields stay, null clears a nullable one. */
export interface UpdateTicketInput {
  ticketId: number;
  expectedVersion?: number;
  title?: string;
  queueId?: number;
  stateId?: number;
  pendingUntil?: string | null;
  priorityId?: number;
  typeId?: number | null;
  serviceId?: number | null;
  slaId?: number | null;
  ownerId?: number;
  responsibleId?: number | null;
  customerUserId?: number | null;
  customerCompanyId?: number | null;
  customFields?: Record<string, unknown>;
}

/** The permission each attribute needs, as OTRS's frontend modules require them. */
const FIELD_PERMISSIONS: Record<string, PermissionKind> = {
  title: 'rw',
  queueId: 'move_into',
  stateId: 'rw',
  pendingUntil: 'rw',
  priorityId: 'priority',
  typeId: 'rw',
  serviceId: 'rw',
  slaId: 'rw',
  ownerId: 'owner',
  responsibleId: 'rw',
  customerUserId: 'rw',
  customerCompanyId: 'rw',
  customFields: 'rw',
};

/** Changes ticket attributes in one step, each checked against the permission it needs. */
export async function updateTicket(ctx: ServiceContext, actor: Actor, input: UpdateTicketInput): Promise<TicketView> {
  const fields = Object.keys(FIELD_PERMISSIONS).filter((f) => input[f as keyof UpdateTicketInput] !== undefined);
  if (fields.length === 0) throw invalid('body', 'names no attribute to change');
  const permissions = [...new Set(fields.map((f) => FIELD_PERMISSIONS[f] as PermissionKind))];
  return mutateTicket(ctx, actor, { ticketId: input.ticketId, expectedVersion: input.expectedVersion, permissions }, async (tx, ticket) => {
    const changes: TicketChanges = {};
    const history: HistoryEntry[] = [];
    // History shows names on both sides (old and new), as agents read it.
    const before = await findTicketView(tx, ticket.id);
    const record = (type: HistoryType, field: string, oldValue: unknown, newValue: unknown) =>
      history.push({ type, field, oldValue: oldValue == null ? null : String(oldValue), newValue: newValue == null ? null : String(newValue) });

    if (input.title !== undefined) {
      const title = input.title.trim();
      if (!title) throw invalid('title', 'must not be empty');
      if (title.length > 255) throw invalid('title', 'must be at most 255 characters');
      if (title !== ticket.title) { changes.title = title; record('TitleUpdate', 'title', ticket.title, title); }
    }
    const queue = await applyQueue(tx, actor, ticket, input, changes, record);
    await applyState(tx, ticket, input, changes, record, before?.state.name);
    if (input.priorityId !== undefined && input.priorityId !== ticket.priority_id) {
      const priority = await catalog.requirePriority(tx, input.priorityId);
      { changes.priority_id = priority.id; record('PriorityUpdate', 'priority', before?.priority.name, priority.name); }
    }
    await applyOptionalRef(input.typeId, ticket.type_id, before?.type?.name, (id) => catalog.requireType(tx, id), 'type_id', 'TypeUpdate', changes, record);
    await applyOptionalRef(input.serviceId, ticket.service_id, before?.service?.name, (id) => catalog.requireService(tx, id), 'service_id', 'ServiceUpdate', changes, record);
    await applyOptionalRef(input.slaId, ticket.sla_id, before?.sla?.name, (id) => catalog.requireSla(tx, id), 'sla_id', 'SLAUpdate', changes, record);
    if (input.ownerId !== undefined && input.ownerId !== ticket.owner_id) {
      await requireOwnerCandidate(tx, input.ownerId, queue, 'ownerId');
      const owner = await catalog.requireAgent(tx, input.ownerId, 'ownerId');
      { changes.owner_id = input.ownerId; record('OwnerUpdate', 'owner', before?.owner.login, owner.login); }
    }
    await applyOptionalRef(input.responsibleId, ticket.responsible_id, before?.responsible?.login, async (id) => {
      const agent = await catalog.requireAgent(tx, id, 'responsibleId');
      return { id: agent.id, name: agent.login };
    }, 'responsible_id', 'ResponsibleUpdate', changes, record);
    await applyCustomer(tx, ticket, input, changes, record);
    if (input.customFields) history.push(...(await writeCustomValues(tx, ticket.id, input.customFields)));
    return { changes, history };
  });
}

type Record_ = (type: HistoryType, field: string, oldValue: unknown, newValue: unknown) => void;

async function applyQueue(tx: ServiceContext, actor: Actor, ticket: TicketRow, input: UpdateTicketInput, changes: TicketChanges, record: Record_) {
  const current = await tx.db.selectFrom('queue').select(['id', 'full_name', 'group_id', 'is_valid']).where('id', '=', ticket.queue_id).executeTakeFirstOrThrow();
  if (input.queueId === undefined || input.queueId === ticket.queue_id) return current;
  const target = await catalog.requireQueue(tx, input.queueId);
  requirePermission(actor, target, 'move_into');
  changes.queue_id = target.id;
  record('Move', 'queue', current.full_name, target.full_name);
  return target;
}

async function applyState(tx: ServiceContext, ticket: TicketRow, input: UpdateTicketInput, changes: TicketChanges, record: Record_, oldName?: string) {
  const state = await catalog.requireState(tx, input.stateId ?? ticket.state_id);
  if (input.stateId !== undefined && input.stateId !== ticket.state_id) {
    if (state.type === 'merged') throw invalid('stateId', 'tickets become "merged" only by merging them');
    changes.state_id = state.id;
    record('StateUpdate', 'state', oldName ?? ticket.state_id, state.name);
    // Closing hands the ticket back (OTRS unlocks on close).
    if (state.type === 'closed' && ticket.lock !== 'unlock') { changes.lock = 'unlock'; record('Unlock', 'lock', ticket.lock, 'unlock'); }
  }
  const isPending = PENDING_STATE_TYPES.includes(state.type);
  if (isPending) {
    const pending = input.pendingUntil !== undefined ? input.pendingUntil : ticket.pending_until;
    if (!pending) throw invalid('pendingUntil', `is required for the state "${state.name}"`);
    const iso = new Date(pending).toISOString();
    if (iso !== ticket.pending_until) { changes.pending_until = iso; record('SetPendingTime', 'pendingUntil', ticket.pending_until, iso); }
  } else if (input.pendingUntil) {
    throw invalid('pendingUntil', `can only be set with a pending state, not "${state.name}"`);
  } else if (ticket.pending_until !== null) {
    changes.pending_until = null;
  }
}

async function applyCustomer(tx: ServiceContext, ticket: TicketRow, input: UpdateTicketInput, changes: TicketChanges, record: Record_) {
  if (input.customerUserId !== undefined && input.customerUserId !== ticket.customer_user_id) {
    const customer = input.customerUserId === null ? null : await catalog.requireCustomerUser(tx, input.customerUserId);
    changes.customer_user_id = customer?.id ?? null;
    if (input.customerCompanyId === undefined) changes.customer_company_id = customer?.customer_company_id ?? null;
    record('CustomerUpdate', 'customerUser', ticket.customer_user_id, customer?.login ?? null);
  }
  if (input.customerCompanyId !== undefined && input.customerCompanyId !== ticket.customer_company_id) {
    const company = input.customerCompanyId === null ? null : await catalog.requireCustomerCompany(tx, input.customerCompanyId);
    changes.customer_company_id = company?.id ?? null;
    record('CustomerUpdate', 'customerCompany', ticket.customer_company_id, company?.customer_id ?? null);
  }
}

async function applyOptionalRef(
  next: number | null | undefined,
  current: number | null,
  currentName: string | undefined,
  lookup: (id: number) => Promise<{ id: number; name: string }>,
  column: 'type_id' | 'service_id' | 'sla_id' | 'responsible_id',
  type: HistoryType,
  changes: TicketChanges,
  record: Record_,
) {
  if (next === undefined || next === current) return;
  const target = next === null ? null : await lookup(next);
  changes[column] = next;
  record(type, column.replace(/_id$/, ''), currentName ?? current, target?.name ?? null);
}
