import { Alert, Anchor, Button, Grid, Group, Loader, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { api, unwrap } from '../../lib/api-client';
import type { HistoryEntry, Ticket } from '../../lib/api-types';
import { subscribeTicketEvents } from '../../lib/live-events';
import { ActionBar } from './actions/action-bar';
import { ArticleCard } from './article-card';
import { HistoryPanel } from './history-panel';
import { historyLine, type Translate } from './history-lines';
import { CustomerPanel, LinksPanel } from './side-panels';
import { useArticleOrderPreference, useArticles, useTicket, useTicketWrites, type ArticleOrder } from './ticket-api';
import { TicketHeader } from './ticket-header';

function historyQuery(ticketId: number) {
  return {
    queryKey: ['ticket', ticketId, 'history'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/history', { params: { path: { id: ticketId } } })),
  };
}

/**
 * Watches the live stream for this ticket: refetches, and announces changes whose history rows
 * were written by someone else (the agent's own writes, also through the composer, stay quiet).
 */
function useForeignChanges(ticketId: number, history: HistoryEntry[] | undefined, myId: number) {
  const queryClient = useQueryClient();
  const seen = useRef(0);
  const [changes, setChanges] = useState<HistoryEntry[]>([]);
  useEffect(() => {
    for (const entry of history ?? []) seen.current = Math.max(seen.current, entry.id);
  }, [history]);
  useEffect(() => {
    setChanges([]);
    seen.current = 0;
  }, [ticketId]);
  useEffect(
    () =>
      subscribeTicketEvents((event) => {
        if (event.ticketId !== ticketId) return;
        const before = seen.current;
        void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
        void queryClient.fetchQuery({ ...historyQuery(ticketId), staleTime: 0 }).then((entries) => {
          const foreign = entries.filter((entry) => entry.id > before && entry.agent?.id !== myId);
          if (before > 0 && foreign.length > 0) setChanges((old) => [...old, ...foreign]);
        });
      }),
    [queryClient, ticketId, myId],
  );
  return { changes, dismiss: () => setChanges([]) };
}

function LockAlert({ ticket, myId }: { ticket: Ticket; myId: number }) {
  const { t } = useTranslation();
  if (ticket.lock === 'unlock' || ticket.owner.id === myId) return null;
  return (
    <Alert color="orange" title={t('Locked by {{name}}', { name: ticket.owner.name })}>
      {t('A colleague is working on this ticket. Actions that would interfere are disabled.')}
    </Alert>
  );
}

/** The ticket zoom: header, actions, article thread, customer, links and history. */
export function TicketZoomPage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const ticketId = Number(params.ticketId);
  const session = useSession();
  const myId = session.agent.id;
  const ticketQuery = useTicket(ticketId);
  const articlesQuery = useArticles(ticketId);
  const history = useQuery(historyQuery(ticketId));
  const writes = useTicketWrites(ticketId);
  const foreign = useForeignChanges(ticketId, history.data, myId);
  const preferred = useArticleOrderPreference();
  const [chosenOrder, setChosenOrder] = useState<ArticleOrder | null>(null);
  const order = chosenOrder ?? preferred ?? 'oldest';

  useEffect(() => {
    if (ticketQuery.data) document.title = `${ticketQuery.data.number} ${ticketQuery.data.title} – Ticketwerk`;
  }, [ticketQuery.data]);

  if (!Number.isInteger(ticketId) || ticketQuery.isError) {
    return (
      <Stack>
        <Title order={1}>{t('Ticket not found')}</Title>
        <Text>{ticketQuery.error?.message ?? t('This ticket does not exist or you may not see it.')}</Text>
        <Anchor component={Link} to="/">
          {t('Back to the overview')}
        </Anchor>
      </Stack>
    );
  }
  if (ticketQuery.isPending) return <Loader role="status" aria-label={t('Loading')} m="xl" />;
  const ticket = ticketQuery.data;
  const articles = articlesQuery.data ?? [];
  const numbered = articles.map((article, index) => ({ article, index: index + 1 }));
  const shown = order === 'newest' ? [...numbered].reverse() : numbered;
  const timeUnits = articles.reduce((sum, a) => sum + (a.timeUnits ?? 0), 0);
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.resolvedLanguage, { timeStyle: 'short' });

  return (
    <Stack gap="md" maw={1400}>
      <LockAlert ticket={ticket} myId={myId} />
      {writes.conflict && (
        <Alert color="red" role="alert" title={t('Not saved')} withCloseButton closeButtonLabel={t('Dismiss')} onClose={writes.clearConflict}>
          {writes.conflict.message}
        </Alert>
      )}
      {foreign.changes.length > 0 && (
        <Alert color="blue" role="status" title={t('This ticket was changed by someone else')} withCloseButton closeButtonLabel={t('Dismiss')} onClose={foreign.dismiss}>
          <Stack gap={0}>
            {foreign.changes.slice(-4).map((entry) => (
              <Text key={entry.id} size="sm">
                {historyLine(entry, t as unknown as Translate, time)}
              </Text>
            ))}
            <Text size="xs" c="gray.7">
              {t('The page shows the current state.')}
            </Text>
          </Stack>
        </Alert>
      )}
      {ticket.mergedIntoId !== null && (
        <Alert color="gray">
          <Anchor component={Link} to={`/tickets/${ticket.mergedIntoId}`}>
            {t('This ticket was merged. Open the ticket it was merged into.')}
          </Anchor>
        </Alert>
      )}
      <TicketHeader ticket={ticket} timeUnits={timeUnits} />
      <ActionBar
        ticket={ticket}
        articles={articles}
        writes={writes}
        onComposed={() => {
          writes.markOwnWrite();
          void writes.refresh();
        }}
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Tabs defaultValue="articles" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="articles">{t('Articles ({{n}})', { n: String(articles.length) })}</Tabs.Tab>
              <Tabs.Tab value="history">{t('History')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="articles" pt="sm">
              <Stack gap="sm">
                <Group justify="space-between" gap="xs">
                  <Title order={2} size="h5">
                    {t('Article thread')}
                  </Title>
                  <SegmentedControl
                    size="xs"
                    aria-label={t('Article order')}
                    value={order}
                    onChange={(value) => setChosenOrder(value as ArticleOrder)}
                    data={[
                      { value: 'oldest', label: t('Oldest first') },
                      { value: 'newest', label: t('Newest first') },
                    ]}
                  />
                </Group>
                {articlesQuery.isPending && <Loader role="status" size="sm" aria-label={t('Loading')} />}
                {articlesQuery.isError && <Text c="red">{articlesQuery.error.message}</Text>}
                {shown.map(({ article, index }) => (
                  <ArticleCard key={article.id} ticket={ticket} article={article} index={index} writes={writes} />
                ))}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="sm">
              <Title order={2} size="h5" mb="xs">
                {t('History')}
              </Title>
              <HistoryPanel history={history} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <CustomerPanel ticket={ticket} />
            <LinksPanel ticket={ticket} writes={writes} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Group>
        <Button component={Link} to="/" variant="subtle" size="compact-sm">
          {t('Back to the overview')}
        </Button>
      </Group>
    </Stack>
  );
}
