import { Alert, Box, Button, Card, Center, Grid, Group, Loader, Pagination, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { QueueTreeNav } from '../../components/queue-tree';
import { flattenQueueTree, queueViewHref } from '../../components/queue-tree-model';
import { api, unwrap } from '../../lib/api-client';
import type { Ticket } from '../../lib/api-types';
import { BulkActions, BulkSummary } from './bulk-actions';
import type { BulkResult } from './bulk-run';
import { QueueFilters, type ParamChanges } from './queue-filters';
import { changeParams, FALLBACK_VIEW, pageCount, paramsForQueueSwitch, parseQueueViewFilters, sortChange, ticketListQuery } from './queue-view-params';
import { TicketTable } from './ticket-table';

/** Same key and request as the overview page, so both share one cached answer. */
const SOON_MINUTES = 120;

function useQueueViewData() {
  const me = useQuery({ queryKey: ['me'], queryFn: () => unwrap(api.GET('/api/v1/me')), staleTime: 5 * 60_000 });
  const overview = useQuery({
    queryKey: ['overview', { soonMinutes: SOON_MINUTES }],
    queryFn: () => unwrap(api.GET('/api/v1/overview', { params: { query: { soonMinutes: SOON_MINUTES } } })),
    refetchInterval: 60_000,
  });
  const priorities = useQuery({ queryKey: ['catalog', 'priorities'], queryFn: () => unwrap(api.GET('/api/v1/priorities')), staleTime: 5 * 60_000 });
  return { me, overview, priorities: priorities.data?.filter((p) => p.isValid) ?? [] };
}

/** The queue view: queue tree with counts, and one server-sorted, server-paged page of tickets with filters and bulk actions. */
export function QueueViewPage() {
  const { t } = useTranslation();
  const { me } = useQueueViewData();
  const { queueId } = useParams();
  const [searchParams] = useSearchParams();
  if (me.isPending) {
    return (
      <Center h="40vh">
        <Loader role="status" aria-label={t('Loading')} />
      </Center>
    );
  }
  const defaults = me.data?.preferences.defaultQueueView ?? FALLBACK_VIEW;
  // Nothing chosen: the agent's default queue view, including its queue.
  if (queueId === undefined && searchParams.size === 0 && defaults.queueId !== null) {
    return <Navigate to={queueViewHref(defaults.queueId)} replace />;
  }
  return <QueueView queueIdParam={queueId} defaults={defaults} />;
}

function QueueView({ queueIdParam, defaults }: { queueIdParam: string | undefined; defaults: typeof FALLBACK_VIEW }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const { overview, priorities } = useQueueViewData();
  const filters = useMemo(() => parseQueueViewFilters(queueIdParam, searchParams, defaults), [queueIdParam, searchParams, defaults]);
  const query = ticketListQuery(filters, session.agent.id);
  const queryKey = JSON.stringify(query);
  const tickets = useQuery({
    queryKey: ['tickets', query],
    queryFn: () => unwrap(api.GET('/api/v1/tickets', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [summary, setSummary] = useState<BulkResult<Ticket> | null>(null);
  // Another page or filter: the selection was made on tickets no longer shown.
  useEffect(() => setSelected(new Set()), [queryKey]);

  const queues = overview.data?.queues ?? [];
  const currentQueue = queues.find((q) => q.id === filters.queueId);
  const hrefFor = (id: number | null) => `${queueViewHref(id)}?${paramsForQueueSwitch(searchParams, filters)}`;
  const change = (changes: ParamChanges, replace = false) => setSearchParams(changeParams(searchParams, changes), { replace });
  const items = tickets.data?.items ?? [];
  const total = tickets.data?.total ?? 0;
  const pages = pageCount(total, filters.pageSize);
  const first = total === 0 ? 0 : (filters.page - 1) * filters.pageSize + 1;
  const last = Math.min(total, filters.page * filters.pageSize);
  const selectedTickets = items.filter((ticket) => selected.has(ticket.id));

  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        {t('Queue view')}
      </Title>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 3, xl: 2.5 }}>
          <Box hiddenFrom="md">
            <Select
              label={t('Queue')}
              size="sm"
              allowDeselect={false}
              value={filters.queueId === null ? 'all' : String(filters.queueId)}
              data={[
                { value: 'all', label: t('All my queues') },
                ...flattenQueueTree(queues).map(({ queue, depth }) => ({ value: String(queue.id), label: `${'\u00a0\u00a0'.repeat(depth)}${queue.name} (${queue.counts.total})` })),
              ]}
              onChange={(value) => value && navigate(hrefFor(value === 'all' ? null : Number(value)))}
            />
          </Box>
          <Card withBorder padding={4} visibleFrom="md">
            <QueueTreeNav queues={queues} selectedQueueId={filters.queueId} hrefFor={hrefFor} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9, xl: 9.5 }}>
          <Stack gap="sm">
            <Group justify="space-between" align="baseline">
              <Title order={2} size="h4">
                {filters.queueId === null ? t('All my queues') : (currentQueue?.fullName ?? t('Queue {{id}}', { id: filters.queueId }))}
              </Title>
              <Text size="sm" c="gray.7" role="status">
                {tickets.isPending ? t('Loading') : t('{{first}}–{{last}} of {{total}} tickets', { first, last, total: total.toLocaleString() })}
                {tickets.isFetching && !tickets.isPending ? ' …' : ''}
              </Text>
            </Group>
            <QueueFilters filters={filters} priorities={priorities} onChange={change} />
            {summary && <BulkSummary result={summary} onClose={() => setSummary(null)} />}
            {selectedTickets.length > 0 && <BulkActions tickets={selectedTickets} onDone={(result) => {
              setSummary(result);
              setSelected(new Set());
            }} />}
            {tickets.isError && (
              <Alert color="red" role="alert">
                {tickets.error.message}
              </Alert>
            )}
            {tickets.isPending ? (
              <Center h={200}>
                <Loader role="status" aria-label={t('Loading')} />
              </Center>
            ) : items.length === 0 ? (
              <Card withBorder padding="lg">
                <Stack align="center" gap="xs">
                  <Text c="gray.7">{filters.page > 1 && total > 0 ? t('This page is empty now.') : t('No tickets match these filters.')}</Text>
                  {filters.page > 1 && total > 0 && (
                    <Button variant="light" color="indigo.9" size="xs" onClick={() => change({ page: null })}>
                      {t('Go to the first page')}
                    </Button>
                  )}
                </Stack>
              </Card>
            ) : (
              <TicketTable tickets={items} filters={filters} onSort={(field) => change(sortChange(filters, field))} selected={selected} onSelectedChange={setSelected} />
            )}
            {pages > 1 && (
              <Group justify="center">
                <Pagination
                  color="indigo.8"
                  total={pages}
                  value={Math.min(filters.page, pages)}
                  onChange={(page) => change({ page: page === 1 ? null : String(page) })}
                  size="sm"
                  siblings={1}
                  boundaries={1}
                  getItemProps={(page) => ({ 'aria-label': t('Page {{page}}', { page }) })}
                  getControlProps={(control) => ({
                    'aria-label': { first: t('First page'), previous: t('Previous page'), next: t('Next page'), last: t('Last page') }[control],
                  })}
                />
              </Group>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
