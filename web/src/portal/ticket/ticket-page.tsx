import { Alert, Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { portalApi, portalKeys, unwrap } from '../portal-api';
import { portalErrorText } from '../portal-errors';
import { PortalLoader } from '../portal-loader';
import { formatDateTime } from '../portal-format';
import { TicketStateBadge } from '../ticket-state';
import { CloseTicketButton } from './close-ticket-button';
import { PortalArticle } from './portal-article';
import { ReplyForm } from './reply-form';

/** One ticket: its messages oldest first, the reply box and "Close ticket". */
export function TicketPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().ticketId);
  const query = useQuery({
    queryKey: portalKeys.ticket(id),
    queryFn: () => unwrap(portalApi.GET('/api/v1/portal/tickets/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
    // The desk may answer while the customer reads: look again now and then.
    refetchInterval: 60_000,
  });
  const back = (
    <Anchor component={Link} to="/customer" size="sm">
      ← {t('Back to my tickets')}
    </Anchor>
  );
  if (query.isError || !(id > 0)) {
    return (
      <Stack>
        {back}
        <Title order={1} size="h2">
          {t('Ticket not found')}
        </Title>
        <Alert color="red" role="alert">
          {portalErrorText(query.error, t)}
        </Alert>
      </Stack>
    );
  }
  if (query.isPending) return <PortalLoader />;
  const ticket = query.data;
  const articles = [...ticket.articles].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);

  return (
    <Stack>
      {back}
      <Stack gap={4}>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {ticket.title || t('(no subject)')}
        </Title>
        <Group gap="sm" wrap="wrap">
          <TicketStateBadge type={ticket.state.type} />
          <Text size="sm" c="gray.7">
            {t('Ticket number')} {ticket.tn} · {t('Opened')} <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt, i18n.resolvedLanguage)}</time>
            {ticket.customer ? ` · ${ticket.customer.name}` : ''}
          </Text>
        </Group>
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="messages-heading">
        <Title order={2} size="h4" id="messages-heading">
          {t('Messages')}
        </Title>
        {articles.map((article) => (
          <PortalArticle key={article.id} ticketId={ticket.id} article={article} />
        ))}
      </Stack>
      {ticket.canReply ? (
        <ReplyForm key={ticket.id} ticket={ticket} />
      ) : (
        <Paper withBorder p="sm">
          <Text>
            {t('This ticket can no longer be answered.')}{' '}
            <Anchor component={Link} to="/customer/tickets/new">
              {t('Open a new ticket')}
            </Anchor>
          </Text>
        </Paper>
      )}
      {ticket.canClose && (
        <Group>
          <CloseTicketButton ticket={ticket} />
        </Group>
      )}
    </Stack>
  );
}
