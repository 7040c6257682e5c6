import { Badge, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../lib/api-types';
import { formatAge, formatEscalation, formatLanguage } from './escalation-format';

/**
 * Small badges for a ticket's state, priority, lock and escalation, fed straight from the
 * ticket JSON fields (ticket.state, ticket.priority, ticket.lock + ticket.owner, ticket.escalation).
 */

type StateType = Ticket['state']['type'];

/** Badges keep their full text in narrow table cells; the table scrolls instead. */
const NO_SHRINK = { root: { overflow: 'visible', maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } };

const STATE_COLORS: Record<StateType, string> = {
  new: 'blue',
  open: 'teal',
  'pending reminder': 'yellow',
  'pending auto': 'yellow',
  closed: 'gray',
  merged: 'gray',
  removed: 'gray',
};

/** The default OTRS state names in the agent's language; states an admin added show as named. */
export function stateLabel(name: string, t: TFunction): string {
  const known: Record<string, string> = {
    new: t('new'),
    open: t('open'),
    'closed successful': t('closed successful'),
    'closed unsuccessful': t('closed unsuccessful'),
    'pending reminder': t('pending reminder'),
    'pending auto close+': t('pending auto close+'),
    'pending auto close-': t('pending auto close-'),
    merged: t('merged'),
    removed: t('removed'),
  };
  return known[name] ?? name;
}

/** The default priority names (1 very low … 5 very high) in the agent's language. */
export function priorityLabel(name: string, t: TFunction): string {
  const known: Record<string, string> = {
    '1 very low': t('1 very low'),
    '2 low': t('2 low'),
    '3 normal': t('3 normal'),
    '4 high': t('4 high'),
    '5 very high': t('5 very high'),
  };
  return known[name] ?? name;
}

export function StateBadge({ state }: { state: Pick<Ticket['state'], 'name' | 'type'> }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state.type] ?? 'gray'} variant="light" c="dark.7" size="sm" radius="sm" tt="none" styles={NO_SHRINK}>
      {stateLabel(state.name, t)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Pick<Ticket['priority'], 'name'> }) {
  const { t } = useTranslation();
  const level = Number.parseInt(priority.name, 10);
  // Text colours chosen for WCAG AA contrast at badge size: dark text on tints, white only on red.9.
  const color = level >= 5 ? 'red.9' : level === 4 ? 'orange' : level <= 2 ? 'gray' : 'blue';
  return (
    <Badge color={color} variant={level >= 5 ? 'filled' : 'light'} c={level >= 5 ? 'white' : 'dark.7'} fw={level >= 4 ? 800 : 600} size="sm" radius="sm" tt="none" styles={NO_SHRINK}>
      {priorityLabel(priority.name, t)}
    </Badge>
  );
}

/** "locked" with the lock holder (the owner) or "unlocked"; tmp_lock counts as locked. */
export function LockBadge({ lock, owner }: { lock: Ticket['lock']; owner?: Pick<Ticket['owner'], 'name'> | null }) {
  const { t } = useTranslation();
  if (lock === 'unlock') {
    return (
      <Text span size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
        {t('unlocked')}
      </Text>
    );
  }
  return (
    <Badge color="grape" variant="light" c="dark.7" size="sm" radius="sm" tt="none" styles={NO_SHRINK}>
      {owner ? t('locked by {{name}}', { name: owner.name }) : t('locked')}
    </Badge>
  );
}

/** The current time, renewed every intervalMs so relative times stay true on a screen left open. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function absolute(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Time to escalation ("in 1 h 20 min", red "escalated 3 h ago"); a dash when no clock runs. */
export function EscalationBadge({ escalation, now }: { escalation: Pick<Ticket['escalation'], 'at'> | null | undefined; now?: Date }) {
  const { i18n } = useTranslation();
  const ownNow = useNow();
  const formatted = formatEscalation(escalation?.at, now ?? ownNow, formatLanguage(i18n.resolvedLanguage));
  if (!formatted || !escalation?.at) {
    return (
      <Text span size="sm" c="gray.7">
        –
      </Text>
    );
  }
  return (
    <Tooltip label={absolute(escalation.at, i18n.resolvedLanguage ?? 'en')} openDelay={400}>
      <Text span size="sm" c={formatted.escalated ? 'red.9' : undefined} fw={formatted.escalated ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
        {formatted.text}
      </Text>
    </Tooltip>
  );
}

/** A ticket's age since creation ("2 d 3 h"), with the exact time as tooltip. */
export function TicketAge({ createdAt, now }: { createdAt: string; now?: Date }) {
  const { i18n } = useTranslation();
  const ownNow = useNow(60_000);
  return (
    <Tooltip label={absolute(createdAt, i18n.resolvedLanguage ?? 'en')} openDelay={400}>
      <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
        {formatAge(createdAt, now ?? ownNow, formatLanguage(i18n.resolvedLanguage))}
      </Text>
    </Tooltip>
  );
}
