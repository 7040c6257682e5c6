import { Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../lib/api-types';
import { useAgents } from './actions/action-dialog';
import { historyLine, type Translate } from './history-lines';

/** The ticket's history as readable lines, newest first. */
export function HistoryPanel({ history }: { history: UseQueryResult<HistoryEntry[]> }) {
  const { t, i18n } = useTranslation();
  const agents = useAgents();
  if (history.isPending) return <Loader role="status" size="sm" aria-label={t('Loading')} />;
  if (history.isError) return <Text c="red">{history.error.message}</Text>;
  const language = i18n.resolvedLanguage;
  const time = (iso: string) => new Date(iso).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' });
  // Lock and escalation record owners by id; show the login as the other rows do.
  const login = new Map((agents.data ?? []).map((agent) => [String(agent.id), agent.login]));
  const named = (value: string | null) => (value !== null && login.has(value) ? (login.get(value) ?? value) : value);
  const entries = [...history.data]
    .sort((a, b) => b.id - a.id)
    .map((entry) => (entry.field === 'owner' || entry.field === 'responsible' ? { ...entry, oldValue: named(entry.oldValue), newValue: named(entry.newValue) } : entry));
  return (
    <Stack gap={2} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {entries.map((entry) => (
        <Text key={entry.id} component="li" size="sm" py={3} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          {historyLine(entry, t as unknown as Translate, time)}
        </Text>
      ))}
    </Stack>
  );
}
