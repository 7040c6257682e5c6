import { Alert, Anchor, Box, Button, Group, Pagination, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { portalApi, portalKeys, unwrap } from '../portal-api';
import { portalErrorText } from '../portal-errors';
import { PortalLoader } from '../portal-loader';
import { usePortalCustomer } from '../portal-session';
import type { PortalTicketSummary } from '../portal-types';
import { formatDateTime } from '../portal-format';
import { TicketStateBadge } from '../ticket-state';

const PAGE_SIZE = 25;
type Status = 'open' | 'closed' | 'all';
type Scope = 'mine' | 'company';

/** The list's filters, kept in the address so reloading and the back button keep them. */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const status: Status = params.get('status') === 'closed' ? 'closed' : params.get('status') === 'all' ? 'all' : 'open';
  const scope: Scope = params.get('scope') === 'company' ? 'company' : 'mine';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const search = params.get('search') ?? '';
  function update(changes: Partial<Record<'status' | 'scope' | 'page' | 'search', string>>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  }
  return { status, scope, page, search, update };
}

function TicketRow({ ticket, showCustomer }: { ticket: PortalTicketSummary; showCustomer: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper component="li" withBorder p="sm">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Box style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Anchor component={Link} to={`/customer/tickets/${ticket.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
            {ticket.title || t('(no subject)')}
          </Anchor>
          <Text size="sm" c="gray.7">
            {t('Ticket number')} {ticket.tn} · {t('Last change')}{' '}
            <time dateTime={ticket.changedAt}>{formatDateTime(ticket.changedAt, i18n.resolvedLanguage)}</time>
            {showCustomer && ticket.customer ? ` · ${ticket.customer.name}` : ''}
          </Text>
        </Box>
        <TicketStateBadge type={ticket.state.type} />
      </Group>
    </Paper>
  );
}

/** The customer's tickets (or their company's, when allowed): open, closed or all, searchable, 25 a page, newest change first. */
export function MyTicketsPage() {
  const { t } = useTranslation();
  const customer = usePortalCustomer();
  const { status, scope: wantedScope, page, search, update } = useListParams();
  const scope: Scope = customer.seesCompanyTickets ? wantedScope : 'mine';
  const [searchInput, setSearchInput] = useState(search);
  const [debounced] = useDebouncedValue(searchInput.trim(), 350);
  useEffect(() => {
    if (debounced !== search) update({ search: debounced });
    // Only a new typed value moves the address; update changes with every render.
  }, [debounced]);
  const query = useQuery({
    queryKey: [...portalKeys.tickets, { scope, status, page, search }],
    queryFn: () => unwrap(portalApi.GET('/api/v1/portal/tickets', { params: { query: { scope, status, page, pageSize: PAGE_SIZE, ...(search ? { search } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((query.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {scope === 'company' ? t("My company's tickets") : t('My tickets')}
        </Title>
        <Button component={Link} to="/customer/tickets/new">
          {t('New ticket')}
        </Button>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        {customer.seesCompanyTickets && (
          <SegmentedControl
            aria-label={t('Whose tickets')}
            value={scope}
            onChange={(value) => update({ scope: value === 'company' ? 'company' : '' })}
            data={[
              { value: 'mine', label: t('My tickets') },
              { value: 'company', label: t("My company's tickets") },
            ]}
          />
        )}
        <SegmentedControl
          aria-label={t('Which tickets')}
          value={status}
          onChange={(value) => update({ status: value === 'open' ? '' : value })}
          data={[
            { value: 'open', label: t('Open') },
            { value: 'closed', label: t('Closed') },
            { value: 'all', label: t('All') },
          ]}
        />
        <TextInput type="search" label={t('Search')} placeholder={t('Number or words')} value={searchInput} onChange={(e) => setSearchInput(e.currentTarget.value)} style={{ flex: '1 1 200px' }} />
      </Group>
      {query.isPending ? (
        <PortalLoader />
      ) : query.isError ? (
        <Alert color="red" role="alert">
          {portalErrorText(query.error, t)}
        </Alert>
      ) : query.data.items.length === 0 ? (
        <Paper withBorder p="lg">
          <Text>{search ? t('No tickets match your search.') : status === 'open' ? t('You have no open tickets.') : t('No tickets here yet.')}</Text>
          {status === 'open' && !search && (
            <Anchor component={Link} to="/customer?status=all" size="sm">
              {t('Show all tickets')}
            </Anchor>
          )}
        </Paper>
      ) : (
        <>
          <Text size="sm" c="gray.7" aria-live="polite">
            {t('Tickets found: {{count}}', { count: query.data.total })}
          </Text>
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('Tickets')}>
            {query.data.items.map((ticket) => (
              <TicketRow key={ticket.id} ticket={ticket} showCustomer={scope === 'company'} />
            ))}
          </Stack>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={(next) => update({ page: String(next) })}
              getItemProps={(item) => ({ 'aria-label': t('Page {{page}}', { page: item }) })}
              getControlProps={(control) => ({ 'aria-label': control === 'previous' ? t('Previous page') : control === 'next' ? t('Next page') : control === 'first' ? t('First page') : t('Last page') })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
