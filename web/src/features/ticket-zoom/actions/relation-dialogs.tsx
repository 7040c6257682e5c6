import { Alert, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../../../lib/api-client';
import type { Ticket } from '../../../lib/api-types';
import { ticketByNumber } from '../ticket-api';
import { ActionDialog, type ActionDialogProps } from './action-dialog';

/** Finds the other ticket by number; a miss is shown in the field, not as a write failure. */
function useTicketNumberField() {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function lookup(self: Ticket): Promise<Ticket | null> {
    setError(null);
    try {
      const other = await ticketByNumber(number);
      if (other.id === self.id) {
        setError(t('That is this ticket itself.'));
        return null;
      }
      return other;
    } catch (error) {
      setError(error instanceof ApiError && error.status !== 404 ? error.message : t('No ticket with the number {{number}} that you may see.', { number: number.trim() }));
      return null;
    }
  }
  const field = (
    <TextInput
      label={t('Ticket number')}
      value={number}
      onChange={(e) => {
        setNumber(e.currentTarget.value);
        setError(null);
      }}
      error={error}
      required
      data-autofocus
      inputMode="numeric"
      autoComplete="off"
    />
  );
  return { field, lookup, filled: number.trim().length > 0 };
}

/** Merges this ticket into another one (OTRS "Zusammenfügen") and opens the target afterwards. */
export function MergeDialog({ ticket, writes, onClose }: ActionDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { field, lookup, filled } = useTicketNumberField();
  return (
    <ActionDialog
      title={t('Merge ticket')}
      submitLabel={t('Merge')}
      onClose={onClose}
      canSubmit={filled}
      onSubmit={async () => {
        const target = await lookup(ticket);
        if (!target) return false;
        const outcome = await writes.run(
          () => unwrap(api.POST('/api/v1/tickets/{id}/merge', { params: { path: { id: ticket.id } }, body: { targetTicketId: target.id, version: ticket.version } })),
          t('Merged into ticket {{number}}', { number: target.number }),
        );
        if (outcome.ok) navigate(`/tickets/${target.id}`);
        return outcome.ok;
      }}
    >
      <Alert color="yellow" variant="light">
        {t('All articles move to the other ticket; this ticket is closed as merged. This cannot be undone.')}
      </Alert>
      {field}
    </ActionDialog>
  );
}

/** Links another ticket: normal, or with this ticket as the parent. */
export function LinkDialog({ ticket, writes, onClose }: ActionDialogProps) {
  const { t } = useTranslation();
  const { field, lookup, filled } = useTicketNumberField();
  const [linkType, setLinkType] = useState<'normal' | 'parent_child'>('normal');
  return (
    <ActionDialog
      title={t('Link ticket')}
      submitLabel={t('Link')}
      onClose={onClose}
      canSubmit={filled}
      onSubmit={async () => {
        const target = await lookup(ticket);
        if (!target) return false;
        const outcome = await writes.run(
          () => unwrap(api.POST('/api/v1/tickets/{id}/links', { params: { path: { id: ticket.id } }, body: { targetTicketId: target.id, linkType } })),
          t('Linked with ticket {{number}}', { number: target.number }),
        );
        return outcome.ok;
      }}
    >
      {field}
      <Stack gap={4}>
        <Text size="sm" fw={500} id="link-type-label">
          {t('Link type')}
        </Text>
        <SegmentedControl
          aria-labelledby="link-type-label"
          value={linkType}
          onChange={(value) => setLinkType(value as 'normal' | 'parent_child')}
          data={[
            { value: 'normal', label: t('Normal') },
            { value: 'parent_child', label: t('This ticket is the parent') },
          ]}
        />
      </Stack>
    </ActionDialog>
  );
}
