import { Button, Checkbox, Group, MultiSelect, Pill, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelLabel, TICKET_CHANNELS } from '../../components/channel-label';
import { priorityLabel } from '../../components/ticket-badges';
import type { Priority } from '../../lib/api-types';
import type { QueueViewFilters } from './queue-view-params';

export type ParamChanges = Record<string, string | null>;

/** The filter bar above the ticket list; every change goes into the address (onChange). */
export function QueueFilters({ filters, priorities, onChange }: { filters: QueueViewFilters; priorities: Priority[]; onChange: (changes: ParamChanges, replace?: boolean) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.search);
  // Back/forward or a link changes the address: show its search text.
  useEffect(() => setSearch(filters.search), [filters.search]);
  const pushSearch = useDebouncedCallback((value: string) => onChange({ search: value.trim() || null }, true), 350);

  const stateOptions = [
    { value: 'open-work', label: t('Open work (new, open, pending)') },
    { value: 'new', label: t('New') },
    { value: 'open', label: t('Open') },
    { value: 'pending', label: t('Pending') },
    { value: 'closed', label: t('Closed') },
    { value: 'all', label: t('All') },
    ...(filters.statePreset === 'custom' ? [{ value: 'custom', label: t('Custom: {{types}}', { types: filters.stateTypes.join(', ') }) }] : []),
  ];

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label={t('Search')}
        placeholder={t('Title or number')}
        type="search"
        size="xs"
        w={{ base: '100%', xs: 200 }}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          pushSearch(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange({ search: search.trim() || null }, true);
        }}
      />
      <Select
        label={t('State')}
        size="xs"
        w={{ base: '47%', xs: 210 }}
        data={stateOptions}
        value={filters.statePreset}
        allowDeselect={false}
        onChange={(value) => value && value !== 'custom' && onChange({ stateType: value })}
      />
      <MultiSelect
        label={t('Priority')}
        placeholder={filters.priorityIds.length === 0 ? t('Any') : undefined}
        size="xs"
        w={{ base: '47%', xs: 200 }}
        data={priorities.map((p) => ({ value: String(p.id), label: priorityLabel(p.name, t) }))}
        value={filters.priorityIds.map(String)}
        onChange={(values) => onChange({ priority: values.join(',') || null })}
        clearable
      />
      <Select
        label={t('Lock state')}
        size="xs"
        w={{ base: '47%', xs: 130 }}
        data={[
          { value: 'any', label: t('Any') },
          { value: 'locked', label: t('Locked') },
          { value: 'unlocked', label: t('Unlocked') },
        ]}
        value={filters.lock ?? 'any'}
        allowDeselect={false}
        onChange={(value) => onChange({ lock: value === 'any' ? null : value })}
      />
      <Select
        label={t('Channel')}
        size="xs"
        w={{ base: '47%', xs: 140 }}
        data={[{ value: 'any', label: t('Any') }, ...TICKET_CHANNELS.map((c) => ({ value: c, label: channelLabel(c, t) }))]}
        value={filters.channel ?? 'any'}
        allowDeselect={false}
        onChange={(value) => onChange({ channel: value === 'any' ? null : value })}
      />
      <Group gap="md" pb={6}>
        <Checkbox size="xs" label={t('Owned by me')} checked={filters.ownerMe} onChange={(e) => onChange({ owner: e.currentTarget.checked ? 'me' : null })} />
        <Checkbox size="xs" label={t('Escalated only')} checked={filters.escalated} onChange={(e) => onChange({ escalated: e.currentTarget.checked ? 'true' : null })} />
      </Group>
      {filters.escalatesWithin !== null && (
        <Pill size="md" withRemoveButton removeButtonProps={{ 'aria-label': t('Remove filter: escalating soon') }} onRemove={() => onChange({ escalatesWithin: null })}>
          {t('Escalating within {{minutes}} min', { minutes: filters.escalatesWithin })}
        </Pill>
      )}
      {filters.reminderReached && (
        <Pill size="md" withRemoveButton removeButtonProps={{ 'aria-label': t('Remove filter: reminder reached') }} onRemove={() => onChange({ reminderReached: null })}>
          {t('Pending reminder reached')}
        </Pill>
      )}
      <Button
        size="xs"
        variant="subtle"
        color="indigo.9"
        c="indigo.9"
        onClick={() => onChange({ stateType: 'open-work', priority: null, lock: null, channel: null, owner: null, escalated: null, escalatesWithin: null, reminderReached: null, search: null })}
      >
        {t('Reset filters')}
      </Button>
    </Group>
  );
}
