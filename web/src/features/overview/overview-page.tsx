import { Alert, Anchor, Badge, Box, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueueCountsTable } from '../../components/queue-tree';
import { queueViewHref } from '../../components/queue-tree-model';
import { EscalationBadge, TicketAge, useNow } from '../../components/ticket-badges';
import { api, unwrap } from '../../lib/api-client';
import type { Overview, Ticket } from '../../lib/api-types';
import { useSession } from '../../app/session';

type ListName = keyof Overview['lists'];

/** Minutes ahead that count as "escalating soon" (the server's default, sent so links agree). */
const SOON_MINUTES = 120;

function customerOf(ticket: Ticket): string {
  return ticket.customerUser?.name ?? ticket.customerCompany?.name ?? '–';
}

/** Compact rows that fit a narrow card and a phone: the link carries number and title, the line below customer and age or escalation. */
function TicketRows({ tickets, showEscalation, now }: { tickets: Ticket[]; showEscalation: boolean; now: Date }) {
  return (
    <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
      {tickets.map((ticket) => (
        <Box component="li" key={ticket.id} py={5} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Anchor c="indigo.8" component={Link} to={`/tickets/${ticket.id}`} size="sm" display="block" underline="hover">
            <Text span size="xs" c="gray.7" ff="monospace" mr={8}>
              {ticket.number}
            </Text>
            <Text span size="sm" fw={500} inherit>
              {ticket.title}
            </Text>
          </Anchor>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Text size="xs" c="gray.7" truncate>
              {customerOf(ticket)} · {ticket.queue.name}
            </Text>
            {showEscalation ? <EscalationBadge escalation={ticket.escalation} now={now} /> : <TicketAge createdAt={ticket.createdAt} now={now} />}
          </Group>
        </Box>
      ))}
    </Stack>
  );
}

function TicketListCard({ title, list, showEscalation, moreHref, now }: { title: string; list: Overview['lists'][ListName]; showEscalation: boolean; moreHref: string | null; now: Date }) {
  const { t } = useTranslation();
  const more = list.total > list.items.length;
  return (
    <Card withBorder padding="sm" component="section" aria-label={title}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Title order={2} size="h5">
            {title}
          </Title>
          <Badge variant="light" color={list.total > 0 && showEscalation ? 'red' : 'gray'} c="dark.7" size="sm" title={t('Total: {{number}}', { number: list.total })}>
            {list.total}
          </Badge>
        </Group>
        {moreHref && list.total > 0 && (
          <Anchor c="indigo.8" component={Link} to={moreHref} size="xs">
            {more ? t('Show all {{number}}', { number: list.total }) : t('Open in queue view')}
          </Anchor>
        )}
      </Group>
      {list.items.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('No tickets.')}
        </Text>
      ) : (
        <TicketRows tickets={list.items} showEscalation={showEscalation} now={now} />
      )}
    </Card>
  );
}

/** The agent's start page ("Gesamtüberblick"): open work per queue and the lists that need attention. Live via the event stream. */
export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const now = useNow();
  const query = useQuery({
    queryKey: ['overview', { soonMinutes: SOON_MINUTES }],
    queryFn: () => unwrap(api.GET('/api/v1/overview', { params: { query: { soonMinutes: SOON_MINUTES } } })),
    // The live stream refreshes on changes; this catches escalations that happen by time alone.
    refetchInterval: 60_000,
  });
  const lists: { name: ListName; title: string; showEscalation: boolean; moreHref: string | null }[] = [
    { name: 'myLocked', title: t('My locked tickets'), showEscalation: false, moreHref: queueViewHref(null, { stateType: 'open-work', lock: 'locked', owner: 'me' }) },
    { name: 'myOwnedOrResponsible', title: t('My tickets'), showEscalation: false, moreHref: queueViewHref(null, { stateType: 'open-work', owner: 'me' }) },
    { name: 'pendingReminderReached', title: t('Pending reminder reached'), showEscalation: false, moreHref: queueViewHref(null, { stateType: 'pending', reminderReached: 'true' }) },
    { name: 'escalated', title: t('Escalated'), showEscalation: true, moreHref: queueViewHref(null, { stateType: 'open-work', escalated: 'true', sort: 'escalationAt', order: 'asc' }) },
    { name: 'escalatingSoon', title: t('Escalating soon'), showEscalation: true, moreHref: queueViewHref(null, { stateType: 'open-work', escalatesWithin: String(SOON_MINUTES), sort: 'escalationAt', order: 'asc' }) },
  ];
  const updatedAt = query.dataUpdatedAt ? new Date(query.dataUpdatedAt).toLocaleTimeString(i18n.resolvedLanguage, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          {t('Overview')}
        </Title>
        <Text size="xs" c="gray.7">
          {t('Hello {{name}}', { name: session.agent.firstName })}
          {updatedAt && ` · ${t('Updated {{time}}', { time: updatedAt })}`}
          {query.isFetching && ` · ${t('refreshing…')}`}
        </Text>
      </Group>
      {query.isError && (
        <Alert color="red" role="alert">
          {query.error.message}
        </Alert>
      )}
      {query.isPending ? (
        <Stack>
          <Skeleton h={180} />
          <Skeleton h={180} />
        </Stack>
      ) : query.data ? (
        <Grid gutter="md" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 6, xl: 5 }}>
            <Card withBorder padding="sm" component="section" aria-labelledby="overview-queues">
              <Title order={2} size="h5" mb={4} id="overview-queues">
                {t('Queues')}
              </Title>
              {query.data.queues.length === 0 ? (
                <Text size="sm" c="gray.7">
                  {t('You may not see any queue yet. An administrator can give you access.')}
                </Text>
              ) : (
                <QueueCountsTable queues={query.data.queues} />
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6, xl: 7 }}>
            <Stack gap="md">
              {lists.map((list) => (
                <TicketListCard key={list.name} title={list.title} list={query.data.lists[list.name]} showEscalation={list.showEscalation} moreHref={list.moreHref} now={now} />
              ))}
            </Stack>
          </Grid.Col>
        </Grid>
      ) : null}
    </Stack>
  );
}
