import { Button, Group, Modal, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../lib/api-client';
import type { Ticket } from '../../../lib/api-types';
import type { TicketWrites } from '../ticket-api';

/** What every action dialog gets: the ticket as shown (its version goes with the write) and the write runner. */
export interface ActionDialogProps {
  ticket: Ticket;
  writes: TicketWrites;
  onClose: () => void;
}

/**
 * A modal form: Enter submits, Escape and "Cancel" close, the submit button shows progress.
 * onSubmit resolves true when the dialog may close (a refused write keeps it open).
 */
export function ActionDialog({ title, submitLabel, onSubmit, onClose, canSubmit = true, children }: {
  title: string;
  submitLabel: string;
  onSubmit: () => Promise<boolean>;
  onClose: () => void;
  canSubmit?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit || busy) return;
    setBusy(true);
    try {
      if (await onSubmit()) onClose();
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered closeButtonProps={{ 'aria-label': t('Close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {children}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('Cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!canSubmit}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Catalog lists the dialogs choose from; cached a while, they change rarely. */
export function useQueues() {
  return useQuery({ queryKey: ['catalog', 'queues'], queryFn: () => unwrap(api.GET('/api/v1/queues')), staleTime: 300_000 });
}

export function useStates() {
  return useQuery({ queryKey: ['catalog', 'states'], queryFn: () => unwrap(api.GET('/api/v1/states')), staleTime: 300_000 });
}

export function usePriorities() {
  return useQuery({ queryKey: ['catalog', 'priorities'], queryFn: () => unwrap(api.GET('/api/v1/priorities')), staleTime: 300_000 });
}

export function useAgents() {
  return useQuery({ queryKey: ['catalog', 'agents'], queryFn: () => unwrap(api.GET('/api/v1/agents')), staleTime: 300_000 });
}
