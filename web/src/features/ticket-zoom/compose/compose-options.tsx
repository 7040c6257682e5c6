import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../lib/api-client';
import type { StandardTemplate, TicketState } from '../../../lib/api-types';

/** Valid templates of a queue for one composer type. */
export function useTemplates(queueId: number, type: StandardTemplate['type']) {
  return useQuery({
    queryKey: ['templates', queueId, type],
    queryFn: () => unwrap(api.GET('/api/v1/templates', { params: { query: { queueId, type } } })),
    staleTime: 5 * 60_000,
  });
}

/** States an agent may set with an article: not new, removed or merged. */
export function useNextStates() {
  return useQuery({
    queryKey: ['states'],
    queryFn: () => unwrap(api.GET('/api/v1/states')),
    staleTime: 10 * 60_000,
    select: (states: TicketState[]) => states.filter((s) => s.isValid && !['new', 'removed', 'merged'].includes(s.type)),
  });
}

export function isPendingState(state: TicketState | undefined): boolean {
  return !!state && state.type.startsWith('pending');
}

/** "2026-11-28T14:00" (datetime-local) in one day at 08:00, the usual pending reminder. */
export function defaultPendingUntil(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 8, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface AfterSendFieldsProps {
  timeUnits: number;
  onTimeUnits: (value: number) => void;
  nextStateId: string | null;
  onNextState: (id: string | null) => void;
  pendingUntil: string;
  onPendingUntil: (value: string) => void;
  errors: Record<string, string | undefined>;
  disabled?: boolean;
}

/** Time units, and an optional next state (with "pending until" for pending states) set after the article. */
export function AfterSendFields({ timeUnits, onTimeUnits, nextStateId, onNextState, pendingUntil, onPendingUntil, errors, disabled }: AfterSendFieldsProps) {
  const { t } = useTranslation();
  const { data: states = [] } = useNextStates();
  const chosen = states.find((s) => String(s.id) === nextStateId);
  return (
    <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
      <NumberInput label={t('Time units')} min={0} max={100000} step={1} decimalScale={2} value={timeUnits} onChange={(v) => onTimeUnits(typeof v === 'number' ? v : Number(v) || 0)} error={errors.timeUnits} disabled={disabled} miw={120} />
      <Select
        label={t('Next state')}
        placeholder={t('Keep the current state')}
        clearable
        data={states.map((s) => ({ value: String(s.id), label: s.name }))}
        value={nextStateId}
        onChange={onNextState}
        error={errors.stateId}
        disabled={disabled}
        miw={200}
        comboboxProps={{ withinPortal: true }}
      />
      {isPendingState(chosen) && (
        <TextInput type="datetime-local" label={t('Pending until')} required value={pendingUntil} onChange={(e) => onPendingUntil(e.currentTarget.value)} error={errors.pendingUntil} disabled={disabled} miw={200} />
      )}
    </Group>
  );
}
