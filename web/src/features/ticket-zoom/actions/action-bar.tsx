import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../lib/api-client';
import type { Article, Ticket } from '../../../lib/api-types';
import { ComposeButtons } from '../compose/compose-buttons';
import type { TicketWrites } from '../ticket-api';
import { LinkDialog, MergeDialog } from './relation-dialogs';
import { EscalateDialog, MoveDialog, PersonDialog, PriorityDialog, StateDialog } from './ticket-dialogs';

type DialogName = 'move' | 'escalate' | 'state' | 'priority' | 'owner' | 'responsible' | 'merge' | 'link';

/**
 * The ticket's actions. Each is enabled by the ticket's `abilities` (a colleague's lock takes
 * them away); the server still decides and its refusal is shown. Buttons wrap on small screens.
 */
export function ActionBar({ ticket, articles, writes, onComposed }: { ticket: Ticket; articles: Article[]; writes: TicketWrites; onComposed: () => void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [lockBusy, setLockBusy] = useState(false);
  const can = ticket.abilities;
  const locked = ticket.lock !== 'unlock';
  const finished = ticket.state.type === 'merged' || ticket.state.type === 'removed';

  async function toggleLock() {
    setLockBusy(true);
    const path = { params: { path: { id: ticket.id } } };
    await writes.run(
      () => (locked ? unwrap(api.DELETE('/api/v1/tickets/{id}/lock', path)) : unwrap(api.POST('/api/v1/tickets/{id}/lock', { ...path, body: { version: ticket.version } }))),
      locked ? t('Ticket unlocked') : t('Ticket locked'),
    );
    setLockBusy(false);
  }

  const open = (name: DialogName) => () => setDialog(name);
  const close = () => setDialog(null);
  const props = { ticket, writes, onClose: close };
  const button = (name: DialogName, label: string, enabled: boolean) => (
    <Button key={name} size="xs" variant="default" onClick={open(name)} disabled={!enabled || finished}>
      {label}
    </Button>
  );

  return (
    <>
      <Group gap={6} wrap="wrap" role="toolbar" aria-label={t('Ticket actions')}>
        <ComposeButtons ticket={ticket} articles={articles} onDone={onComposed} />
        <Button size="xs" variant={locked ? 'light' : 'default'} onClick={toggleLock} loading={lockBusy} disabled={finished || (locked ? !can.unlock : !can.lock)}>
          {locked ? t('Unlock') : t('Lock')}
        </Button>
        {button('move', t('Move'), can.move)}
        {button('escalate', t('Escalate to 2nd level'), can.move && can.note)}
        {button('state', t('State'), can.update)}
        {button('priority', t('Priority'), can.changePriority)}
        {button('owner', t('Owner'), can.changeOwner)}
        {button('responsible', t('Responsible'), can.update)}
        {button('merge', t('Merge'), can.merge)}
        {button('link', t('Link'), can.update)}
      </Group>
      {dialog === 'move' && <MoveDialog {...props} />}
      {dialog === 'escalate' && <EscalateDialog {...props} />}
      {dialog === 'state' && <StateDialog {...props} />}
      {dialog === 'priority' && <PriorityDialog {...props} />}
      {dialog === 'owner' && <PersonDialog {...props} role="owner" />}
      {dialog === 'responsible' && <PersonDialog {...props} role="responsible" />}
      {dialog === 'merge' && <MergeDialog {...props} />}
      {dialog === 'link' && <LinkDialog {...props} />}
    </>
  );
}
