import { Alert, Button, Group, List, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { priorityLabel, stateLabel } from '../../components/ticket-badges';
import { api, unwrap } from '../../lib/api-client';
import type { Ticket } from '../../lib/api-types';
import { cleanTicketNumber, mergeSources, runBulk, type BulkResult } from './bulk-run';

type DialogAction = 'move' | 'state' | 'priority' | 'owner' | 'merge';
type Action = DialogAction | 'lock' | 'unlock';

const catalog = { staleTime: 5 * 60_000 };

function useCatalogs(enabled: boolean) {
  const queues = useQuery({ queryKey: ['catalog', 'queues'], queryFn: () => unwrap(api.GET('/api/v1/queues')), enabled, ...catalog });
  const states = useQuery({ queryKey: ['catalog', 'states'], queryFn: () => unwrap(api.GET('/api/v1/states')), enabled, ...catalog });
  const priorities = useQuery({ queryKey: ['catalog', 'priorities'], queryFn: () => unwrap(api.GET('/api/v1/priorities')), enabled, ...catalog });
  const agents = useQuery({ queryKey: ['catalog', 'agents'], queryFn: () => unwrap(api.GET('/api/v1/agents')), enabled, ...catalog });
  return { queues: queues.data ?? [], states: states.data ?? [], priorities: priorities.data ?? [], agents: agents.data ?? [] };
}

/** The one request an action makes for one ticket; the ticket's version guards against changes made meanwhile. */
function requestFor(action: Action, values: Record<string, string>, ticket: Ticket, mergeTargetId: number | null): Promise<unknown> {
  const path = { params: { path: { id: ticket.id } } };
  const patch = (body: Record<string, unknown>) => unwrap(api.PATCH('/api/v1/tickets/{id}', { ...path, body: { version: ticket.version, ...body } }));
  switch (action) {
    case 'move':
      return patch({ queueId: Number(values.queueId) });
    case 'state':
      return patch({ stateId: Number(values.stateId), ...(values.pendingUntil ? { pendingUntil: new Date(values.pendingUntil).toISOString() } : {}) });
    case 'priority':
      return patch({ priorityId: Number(values.priorityId) });
    case 'owner':
      return patch({ ownerId: Number(values.ownerId) });
    case 'lock':
      return unwrap(api.POST('/api/v1/tickets/{id}/lock', { ...path, body: { version: ticket.version } }));
    case 'unlock':
      return unwrap(api.DELETE('/api/v1/tickets/{id}/lock', path));
    case 'merge':
      return unwrap(api.POST('/api/v1/tickets/{id}/merge', { ...path, body: { targetTicketId: mergeTargetId!, version: ticket.version } }));
  }
}

/** What happened, for the summary above the list. */
export function BulkSummary({ result, onClose }: { result: BulkResult<Ticket>; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={result.refused.length > 0 ? 'orange' : 'green'}
      withCloseButton
      closeButtonLabel={t('Close summary')}
      onClose={onClose}
      role="status"
      title={t('{{changed}} changed, {{refused}} refused', { changed: result.changed.length, refused: result.refused.length })}
    >
      {result.refused.length > 0 && (
        <List size="sm" spacing={2}>
          {result.refused.map(({ ticket, message, code }) => (
            <List.Item key={ticket.id}>
              #{ticket.number}: {code === 'STALE_VERSION' ? t('changed by someone else meanwhile — reloaded') : message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Bulk actions on the selected tickets: one request per ticket, then a summary of what changed and what was refused. */
export function BulkActions({ tickets, onDone }: { tickets: Ticket[]; onDone: (result: BulkResult<Ticket>) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const { queues, states, priorities, agents } = useCatalogs(tickets.length > 0);
  const set = (key: string) => (value: string | null) => setValues((v) => ({ ...v, [key]: value ?? '' }));
  const selectedState = states.find((s) => String(s.id) === values.stateId);
  const needsPendingTime = selectedState?.type === 'pending reminder' || selectedState?.type === 'pending auto';

  async function run(action: Action, mergeTargetId: number | null = null) {
    const targets = action === 'merge' && mergeTargetId !== null ? mergeSources(tickets, mergeTargetId) : tickets;
    setProgress({ done: 0, total: targets.length });
    const result = await runBulk(targets, (ticket) => requestFor(action, values, ticket, mergeTargetId), { onProgress: (done, total) => setProgress({ done, total }) });
    setProgress(null);
    setDialog(null);
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['tickets'] }), queryClient.invalidateQueries({ queryKey: ['overview'] })]);
    for (const ticket of targets) void queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
    notifications.show({
      color: result.refused.length > 0 ? 'orange' : 'green',
      message: t('{{changed}} changed, {{refused}} refused', { changed: result.changed.length, refused: result.refused.length }),
    });
    onDone(result);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDialogError(null);
    if (dialog !== 'merge') return run(dialog!);
    let targetId = values.mergeTarget && values.mergeTarget !== 'number' ? Number(values.mergeTarget) : null;
    if (targetId === null) {
      const number = cleanTicketNumber(values.mergeNumber ?? '');
      try {
        targetId = (await unwrap(api.GET('/api/v1/tickets/by-number/{number}', { params: { path: { number } } }))).id;
      } catch {
        setDialogError(t('No ticket with the number {{number}} that you may see.', { number }));
        return;
      }
    }
    return run('merge', targetId);
  }

  function open(action: DialogAction) {
    setValues(action === 'merge' ? { mergeTarget: String(tickets[0]?.id ?? 'number') } : {});
    setDialogError(null);
    setDialog(action);
  }

  const titles: Record<DialogAction, string> = {
    move: t('Move {{number}} tickets', { number: tickets.length }),
    state: t('Set state of {{number}} tickets', { number: tickets.length }),
    priority: t('Set priority of {{number}} tickets', { number: tickets.length }),
    owner: t('Set owner of {{number}} tickets', { number: tickets.length }),
    merge: t('Merge {{number}} tickets', { number: tickets.length }),
  };
  const ready =
    dialog === 'move' ? !!values.queueId : dialog === 'state' ? !!values.stateId && (!needsPendingTime || !!values.pendingUntil) : dialog === 'priority' ? !!values.priorityId : dialog === 'owner' ? !!values.ownerId : dialog === 'merge' ? values.mergeTarget !== 'number' || !!cleanTicketNumber(values.mergeNumber ?? '') : false;
  const busy = progress !== null;

  return (
    <>
      <Group gap={6} wrap="wrap" role="toolbar" aria-label={t('Bulk actions')}>
        <Text size="sm" fw={600} mr={4}>
          {t('{{number}} selected', { number: tickets.length })}
        </Text>
        <Button size="compact-sm" variant="default" onClick={() => open('move')} disabled={busy}>
          {t('Move')}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => open('state')} disabled={busy}>
          {t('Set state')}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => open('priority')} disabled={busy}>
          {t('Set priority')}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => open('owner')} disabled={busy}>
          {t('Set owner')}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => void run('lock')} disabled={busy}>
          {t('Lock')}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => void run('unlock')} disabled={busy}>
          {t('Unlock')}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => open('merge')} disabled={busy || tickets.length < 1}>
          {t('Merge')}
        </Button>
        {busy && !dialog && (
          <Text size="sm" c="gray.7" role="status">
            {t('Working… {{done}} of {{total}}', progress)}
          </Text>
        )}
      </Group>
      {/* Composed without Modal.Header: its <header> would be a second banner landmark for axe. */}
      <Modal.Root opened={dialog !== null} onClose={() => !busy && setDialog(null)} size="md">
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Body pt="md">
            <form onSubmit={submit}>
              <Stack gap="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Modal.Title fw={700}>{dialog ? titles[dialog] : ''}</Modal.Title>
                  <Modal.CloseButton aria-label={t('Close')} />
                </Group>
                {dialog === 'move' && (
                  <Select label={t('New queue')} data={queues.filter((q) => q.isValid).map((q) => ({ value: String(q.id), label: q.fullName }))} value={values.queueId ?? null} onChange={set('queueId')} searchable />
                )}
                {dialog === 'state' && (
                  <>
                    <Select
                      label={t('New state')}
                      data={states.filter((s) => s.isValid && s.type !== 'merged' && s.type !== 'removed').map((s) => ({ value: String(s.id), label: stateLabel(s.name, t) }))}
                      value={values.stateId ?? null}
                      onChange={set('stateId')}
                      data-autofocus
               
                    />
                    {needsPendingTime && <TextInput type="datetime-local" label={t('Pending until')} value={values.pendingUntil ?? ''} onChange={(e) => set('pendingUntil')(e.currentTarget.value)} />}
                  </>
                )}
                {dialog === 'priority' && (
                  <Select label={t('New priority')} data={priorities.filter((p) => p.isValid).map((p) => ({ value: String(p.id), label: priorityLabel(p.name, t) }))} value={values.priorityId ?? null} onChange={set('priorityId')} data-autofocus />
                )}
                {dialog === 'owner' && (
                  <Select label={t('New owner')} data={agents.filter((a) => a.isValid).map((a) => ({ value: String(a.id), label: `${a.firstName} ${a.lastName} (${a.login})` }))} value={values.ownerId ?? null} onChange={set('ownerId')} searchable />
                )}
                {dialog === 'merge' && (
                  <>
                    <Text size="sm">{t('The other selected tickets are merged into the target ticket and closed as merged.')}</Text>
                    <Select
                      label={t('Merge into')}
                      data={[...tickets.map((ticket) => ({ value: String(ticket.id), label: `#${ticket.number} ${ticket.title}` })), { value: 'number', label: t('Another ticket (enter its number)') }]}
                      value={values.mergeTarget ?? null}
                      onChange={set('mergeTarget')}
                      allowDeselect={false}
                      data-autofocus
               
                    />
                    {values.mergeTarget === 'number' && <TextInput label={t('Target ticket number')} value={values.mergeNumber ?? ''} onChange={(e) => set('mergeNumber')(e.currentTarget.value)} />}
                  </>
                )}
                {dialogError && (
                  <Alert color="red" role="alert">
                    {dialogError}
                  </Alert>
                )}
                {busy && (
                  <Text size="sm" c="gray.7" role="status">
                    {t('Working… {{done}} of {{total}}', progress)}
                  </Text>
                )}
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setDialog(null)} disabled={busy}>
                    {t('Cancel')}
                  </Button>
                  <Button color="indigo.8" type="submit" loading={busy} disabled={!ready}>
                    {t('Apply')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}
