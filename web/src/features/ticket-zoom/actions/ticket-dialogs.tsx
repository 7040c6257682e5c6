import { Alert, Select, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { priorityLabel, stateLabel } from '../../../components/ticket-badges';
import { api, unwrap } from '../../../lib/api-client';
import type { components } from '../../../lib/api-schema';
import { escalateTicket } from '../ticket-api';
import { ActionDialog, useAgents, usePriorities, useQueues, useStates, type ActionDialogProps } from './action-dialog';

function patchTicket(ticketId: number, body: components['schemas']['UpdateTicket']) {
  return unwrap(api.PATCH('/api/v1/tickets/{id}', { params: { path: { id: ticketId } }, body }));
}

/** After a move: does this agent still see the ticket? (Moving it to 2nd level usually takes it out of 1st level's sight.) */
async function stillVisible(ticketId: number): Promise<boolean> {
  const { response } = await api.GET('/api/v1/tickets/{id}', { params: { path: { id: ticketId } } });
  return response.ok;
}

/** Leaves the page for the overview when the moved ticket is out of sight now. */
function useHandOver() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return async <T extends { id: number; number: string; queue: { name: string } }>(write: () => Promise<T>) => {
    const result = await write();
    if (!(await stillVisible(result.id))) {
      notifications.show({ color: 'teal', message: t('Ticket {{number}} is now in {{queue}}, which you do not see.', { number: result.number, queue: result.queue.name }) });
      navigate('/');
    }
    return result;
  };
}

/** Move into another queue; the server refuses queues the agent may not move into and says why. */
export function MoveDialog({ ticket, writes, onClose }: ActionDialogProps) {
  const { t } = useTranslation();
  const queues = useQueues();
  const handOver = useHandOver();
  const [queueId, setQueueId] = useState<string | null>(null);
  const data = (queues.data ?? []).filter((q) => q.isValid && q.id !== ticket.queue.id).map((q) => ({ value: String(q.id), label: q.fullName }));
  return (
    <ActionDialog
      title={t('Move ticket')}
      submitLabel={t('Move')}
      onClose={onClose}
      canSubmit={!!queueId}
      onSubmit={async () => (await writes.run(() => handOver(() => patchTicket(ticket.id, { version: ticket.version, queueId: Number(queueId) })), t('Ticket moved'))).ok}
    >
      <Select label={t('New queue')} data={data} value={queueId} onChange={setQueueId} searchable required data-autofocus comboboxProps={{ withinPortal: true }} />
    </ActionDialog>
  );
}

/** "Escalate to 2nd level": move to the queue's escalation queue with an internal hand-over note. */
export function EscalateDialog({ ticket, writes, onClose }: ActionDialogProps) {
  const { t } = useTranslation();
  const queues = useQueues();
  const current = useQuery({
    queryKey: ['catalog', 'queues', ticket.queue.id],
    queryFn: () => unwrap(api.GET('/api/v1/queues/{id}', { params: { path: { id: ticket.queue.id } } })),
  });
  const [queueId, setQueueId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const handOver = useHandOver();
  const suggested = current.data?.escalationQueueId;
  useEffect(() => {
    if (suggested && queueId === null) setQueueId(String(suggested));
  }, [suggested, queueId]);
  const data = (queues.data ?? []).filter((q) => q.isValid && q.id !== ticket.queue.id).map((q) => ({ value: String(q.id), label: q.fullName }));
  // The escalation queue may lie outside the queues this agent sees (moving in is allowed, reading not).
  if (suggested && !data.some((option) => option.value === String(suggested))) {
    data.unshift({ value: String(suggested), label: t('Escalation queue of {{queue}}', { queue: ticket.queue.name }) });
  }
  return (
    <ActionDialog
      title={t('Escalate to 2nd level')}
      submitLabel={t('Escalate')}
      onClose={onClose}
      canSubmit={!!queueId && note.trim().length > 0}
      onSubmit={async () => {
        const outcome = await writes.run(() => handOver(() => escalateTicket(ticket.id, { version: ticket.version, queueId: queueId === String(suggested) ? undefined : Number(queueId), note: note.trim() })), t('Ticket escalated'));
        return outcome.ok;
      }}
    >
      {current.isSuccess && !suggested && (
        <Alert color="yellow" variant="light">
          {t('This queue has no escalation queue configured. Choose the target queue.')}
        </Alert>
      )}
      <Select label={t('Target queue')} data={data} value={queueId} onChange={setQueueId} searchable required />
      <Textarea
        label={t('Hand-over note')}
        description={t('Internal: what was done, what is still open. The customer does not see it.')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        required
        autosize
        minRows={4}
        data-autofocus
      />
    </ActionDialog>
  );
}

const PENDING = ['pending reminder', 'pending auto'];

/** Next state; pending states need the time until which the ticket waits. */
export function StateDialog({ ticket, writes, onClose }: ActionDialogProps) {
  const { t, i18n } = useTranslation();
  const states = useStates();
  const [stateId, setStateId] = useState<string | null>(String(ticket.state.id));
  const [pendingUntil, setPendingUntil] = useState<string | null>(ticket.pendingUntil);
  const choices = (states.data ?? []).filter((s) => s.isValid && s.type !== 'merged' && s.type !== 'removed');
  const chosen = choices.find((s) => String(s.id) === stateId);
  const isPending = !!chosen && PENDING.includes(chosen.type);
  return (
    <ActionDialog
      title={t('Change state')}
      submitLabel={t('Save')}
      onClose={onClose}
      canSubmit={!!chosen && (!isPending || !!pendingUntil)}
      onSubmit={async () => {
        const body = { version: ticket.version, stateId: Number(stateId), pendingUntil: isPending && pendingUntil ? new Date(pendingUntil).toISOString() : null };
        return (await writes.run(() => patchTicket(ticket.id, body), t('State changed'))).ok;
      }}
    >
      <Select label={t('Next state')} data={choices.map((s) => ({ value: String(s.id), label: stateLabel(s.name, t) }))} value={stateId} onChange={setStateId} required data-autofocus />
      {isPending && (
        <DateTimePicker
          label={t('Pending until')}
          value={pendingUntil}
          onChange={(value) => setPendingUntil(value)}
          minDate={new Date()}
          required
          locale={i18n.resolvedLanguage}
          valueFormat="DD.MM.YYYY HH:mm"
          clearable={false}
        />
      )}
    </ActionDialog>
  );
}

export function PriorityDialog({ ticket, writes, onClose }: ActionDialogProps) {
  const { t } = useTranslation();
  const priorities = usePriorities();
  const [priorityId, setPriorityId] = useState<string | null>(String(ticket.priority.id));
  return (
    <ActionDialog
      title={t('Change priority')}
      submitLabel={t('Save')}
      onClose={onClose}
      canSubmit={!!priorityId}
      onSubmit={async () => (await writes.run(() => patchTicket(ticket.id, { version: ticket.version, priorityId: Number(priorityId) }), t('Priority changed'))).ok}
    >
      <Select
        label={t('Priority')}
        data={(priorities.data ?? []).filter((p) => p.isValid).map((p) => ({ value: String(p.id), label: priorityLabel(p.name, t) }))}
        value={priorityId}
        onChange={setPriorityId}
        required
        data-autofocus
      />
    </ActionDialog>
  );
}

/** Owner or responsible agent; the responsible may also be removed. */
export function PersonDialog({ ticket, writes, onClose, role }: ActionDialogProps & { role: 'owner' | 'responsible' }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const currentId = role === 'owner' ? ticket.owner.id : ticket.responsible?.id;
  const [agentId, setAgentId] = useState<string | null>(currentId ? String(currentId) : null);
  const data = (agents.data ?? []).filter((a) => a.isValid).map((a) => ({ value: String(a.id), label: `${a.firstName} ${a.lastName} (${a.login})` }));
  const label = role === 'owner' ? t('Owner') : t('Responsible');
  return (
    <ActionDialog
      title={role === 'owner' ? t('Change owner') : t('Change responsible')}
      submitLabel={t('Save')}
      onClose={onClose}
      canSubmit={role === 'responsible' || !!agentId}
      onSubmit={async () => {
        const id = agentId ? Number(agentId) : null;
        const body = role === 'owner' ? { version: ticket.version, ownerId: Number(id) } : { version: ticket.version, responsibleId: id };
        return (await writes.run(() => patchTicket(ticket.id, body), role === 'owner' ? t('Owner changed') : t('Responsible changed'))).ok;
      }}
    >
      <Select label={label} data={data} value={agentId} onChange={setAgentId} searchable clearable={role === 'responsible'} required={role === 'owner'} data-autofocus />
    </ActionDialog>
  );
}
