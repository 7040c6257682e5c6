import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { channelLabel } from '../../components/channel-label';
import { EscalationBadge, LockBadge, PriorityBadge, StateBadge, TicketAge } from '../../components/ticket-badges';
import type { Ticket } from '../../lib/api-types';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="gray.7" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** Number, title and the facts an agent checks first; a definition list so screen readers pair label and value. */
export function TicketHeader({ ticket, timeUnits }: { ticket: Ticket; timeUnits: number }) {
  const { t, i18n } = useTranslation();
  const dash = '–';
  const formatTime = (iso: string) => new Date(iso).toLocaleString(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <div>
          <Text size="sm" c="gray.7" ff="monospace">
            {t('Ticket#')}
            {ticket.number}
          </Text>
          <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
            {ticket.title}
          </Title>
          <Group gap={6} mt={6}>
            <StateBadge state={ticket.state} />
            <PriorityBadge priority={ticket.priority} />
            <LockBadge lock={ticket.lock} owner={ticket.owner} />
          </Group>
        </div>
        <SimpleGrid component="dl" cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" verticalSpacing={6} m={0}>
          <Fact label={t('Queue')}>{ticket.queue.name}</Fact>
          <Fact label={t('Channel')}>{channelLabel(ticket.channel, t)}</Fact>
          <Fact label={t('Owner')}>{ticket.owner.name}</Fact>
          <Fact label={t('Responsible')}>{ticket.responsible?.name ?? dash}</Fact>
          <Fact label={t('Lock')}>{ticket.lock === 'unlock' ? t('unlocked') : t('locked by {{name}}', { name: ticket.owner.name })}</Fact>
          <Fact label={t('Type')}>{ticket.type?.name ?? dash}</Fact>
          <Fact label={t('Service')}>{ticket.service?.name ?? dash}</Fact>
          <Fact label={t('SLA')}>{ticket.sla?.name ?? dash}</Fact>
          <Fact label={t('Created')}>
            {formatTime(ticket.createdAt)} (<TicketAge createdAt={ticket.createdAt} />)
          </Fact>
          <Fact label={t('Time to escalation')}>
            <EscalationBadge escalation={ticket.escalation} />
          </Fact>
          {ticket.pendingUntil && <Fact label={t('Pending until')}>{formatTime(ticket.pendingUntil)}</Fact>}
          <Fact label={t('Time units')}>{timeUnits}</Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
