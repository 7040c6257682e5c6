import { ActionIcon, Anchor, Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StateBadge } from '../../components/ticket-badges';
import { api, unwrap } from '../../lib/api-client';
import type { Ticket, TicketLink } from '../../lib/api-types';
import type { TicketWrites } from './ticket-api';

/** Customer user with contact data and their other tickets. */
export function CustomerPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const customer = ticket.customerUser;
  const details = useQuery({
    queryKey: ['ticket', ticket.id, 'customer-user', customer?.id],
    queryFn: () => unwrap(api.GET('/api/v1/customer-users/{id}', { params: { path: { id: customer!.id } } })),
    enabled: !!customer,
    staleTime: 300_000,
  });
  const others = useQuery({
    queryKey: ['tickets', { customerUserId: customer?.id, limit: 10 }],
    queryFn: () => unwrap(api.GET('/api/v1/tickets', { params: { query: { customerUserId: String(customer!.id), sort: 'changedAt', order: 'desc', limit: 11 } } })),
    enabled: !!customer,
  });
  const otherTickets = (others.data?.items ?? []).filter((other) => other.id !== ticket.id).slice(0, 10);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="customer-heading">
      <Title order={2} size="h5" id="customer-heading" mb="xs">
        {t('Customer')}
      </Title>
      {!customer ? (
        <Text size="sm" c="gray.7">
          {t('No customer user')}
        </Text>
      ) : (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {customer.name}
          </Text>
          <Anchor size="sm" href={`mailto:${customer.email}`} style={{ overflowWrap: 'anywhere' }}>
            {customer.email}
          </Anchor>
          {details.data?.phone && (
            <Anchor size="sm" href={`tel:${details.data.phone}`}>
              {details.data.phone}
            </Anchor>
          )}
          {ticket.customerCompany && (
            <Text size="sm">
              {ticket.customerCompany.name} <Text span c="gray.7" size="xs">({ticket.customerCompany.customerId})</Text>
            </Text>
          )}
        </Stack>
      )}
      {customer && (
        <>
          <Title order={3} size="h6" mt="md" mb={4}>
            {t('Other tickets of this customer')}
          </Title>
          {others.isPending ? (
            <Loader role="status" size="xs" aria-label={t('Loading')} />
          ) : otherTickets.length === 0 ? (
            <Text size="sm" c="gray.7">
              {t('None')}
            </Text>
          ) : (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {otherTickets.map((other) => (
                <li key={other.id}>
                  <Group gap={6} wrap="nowrap">
                    <StateBadge state={other.state} />
                    <Anchor component={Link} to={`/tickets/${other.id}`} size="sm" lineClamp={1}>
                      {other.number} {other.title}
                    </Anchor>
                  </Group>
                </li>
              ))}
            </Stack>
          )}
        </>
      )}
    </Paper>
  );
}

function roleLabel(link: TicketLink, t: (key: string) => string): string {
  if (link.role === 'parent') return t('Parent');
  if (link.role === 'child') return t('Child');
  return t('Normal');
}

/** Linked tickets with their relation; a link can be removed here. */
export function LinksPanel({ ticket, writes }: { ticket: Ticket; writes: TicketWrites }) {
  const { t } = useTranslation();
  const links = useQuery({
    queryKey: ['ticket', ticket.id, 'links'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/links', { params: { path: { id: ticket.id } } })),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="links-heading">
      <Title order={2} size="h5" id="links-heading" mb="xs">
        {t('Linked tickets')}
      </Title>
      {links.isPending ? (
        <Loader role="status" size="xs" aria-label={t('Loading')} />
      ) : (links.data ?? []).length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('None')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {(links.data ?? []).map((link) => (
            <li key={link.id}>
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Badge size="xs" variant="outline" color="gray" tt="none">
                    {roleLabel(link, t)}
                  </Badge>
                  <Anchor component={Link} to={`/tickets/${link.ticket.id}`} size="sm" lineClamp={1}>
                    {link.ticket.number} {link.ticket.title}
                  </Anchor>
                </Group>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  disabled={!ticket.abilities.update}
                  aria-label={t('Remove link to ticket {{number}}', { number: link.ticket.number })}
                  onClick={() => void writes.run(() => unwrap(api.DELETE('/api/v1/tickets/{id}/links/{otherId}', { params: { path: { id: ticket.id, otherId: link.ticket.id } } })), t('Link removed'))}
                >
                  ×
                </ActionIcon>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
