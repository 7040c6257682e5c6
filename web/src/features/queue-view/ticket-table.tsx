import { Anchor, Checkbox, Table, Text, UnstyledButton } from '@mantine/core';
import type { KeyboardEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EscalationBadge, LockBadge, PriorityBadge, StateBadge, TicketAge, useNow } from '../../components/ticket-badges';
import type { Ticket, TicketSortField } from '../../lib/api-types';
import type { QueueViewFilters } from './queue-view-params';

interface Column {
  key: string;
  label: string;
  sort?: TicketSortField;
}

function SortHeader({ column, filters, onSort }: { column: Column; filters: QueueViewFilters; onSort: (field: TicketSortField) => void }) {
  const { t } = useTranslation();
  if (!column.sort) {
    return (
      <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
        {column.label}
      </Table.Th>
    );
  }
  const active = filters.sort === column.sort;
  const field = column.sort;
  return (
    <Table.Th scope="col" aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'} style={{ whiteSpace: 'nowrap' }}>
      <UnstyledButton onClick={() => onSort(field)} fz="sm" fw={700} title={t('Sort by {{column}}', { column: column.label })}>
        {column.label}
        <Text span c={active ? undefined : 'gray.7'} aria-hidden ml={4} fz="xs">
          {active ? (filters.order === 'asc' ? '▲' : '▼') : '↕'}
        </Text>
      </UnstyledButton>
    </Table.Th>
  );
}

/** Arrow up/down moves between the rows' ticket links; Enter on a link opens the ticket (the browser does that). */
function moveFocus(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-row-link]')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (index === -1) return;
  event.preventDefault();
  links[Math.min(links.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

/** One page of tickets: sortable headers (server-side), a checkbox per row for bulk actions, rows open the ticket. */
export function TicketTable({
  tickets,
  filters,
  onSort,
  selected,
  onSelectedChange,
}: {
  tickets: Ticket[];
  filters: QueueViewFilters;
  onSort: (field: TicketSortField) => void;
  selected: ReadonlySet<number>;
  onSelectedChange: (selected: Set<number>) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const now = useNow();
  const columns: Column[] = [
    { key: 'number', label: t('Number'), sort: 'number' },
    { key: 'age', label: t('Age'), sort: 'createdAt' },
    { key: 'title', label: t('Title'), sort: 'title' },
    { key: 'customer', label: t('Customer') },
    { key: 'state', label: t('State'), sort: 'state' },
    { key: 'priority', label: t('Priority'), sort: 'priority' },
    { key: 'queue', label: t('Queue'), sort: 'queue' },
    { key: 'owner', label: t('Owner') },
    { key: 'lock', label: t('Lock state') },
    { key: 'escalation', label: t('Time to escalation'), sort: 'escalationAt' },
  ];
  const allSelected = tickets.length > 0 && tickets.every((ticket) => selected.has(ticket.id));
  const someSelected = tickets.some((ticket) => selected.has(ticket.id));
  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelectedChange(next);
  };
  // A click anywhere on a row opens the ticket, except on its checkbox and links (they do their own thing).
  const openRow = (event: MouseEvent, id: number) => {
    const target = event.target as HTMLElement;
    if (target.closest('a, button, input, label')) return;
    if (window.getSelection()?.toString()) return;
    navigate(`/tickets/${id}`);
  };

  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover verticalSpacing={5} horizontalSpacing="xs" fz="sm" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox
                size="xs"
                aria-label={t('Select all tickets on this page')}
                checked={allSelected}
                indeterminate={someSelected && !allSelected}
                onChange={(e) => onSelectedChange(e.currentTarget.checked ? new Set(tickets.map((ticket) => ticket.id)) : new Set())}
              />
            </Table.Th>
            {columns.map((column) => (
              <SortHeader key={column.key} column={column} filters={filters} onSort={onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody onKeyDown={moveFocus}>
          {tickets.map((ticket) => (
            <Table.Tr key={ticket.id} onClick={(e) => openRow(e, ticket.id)} style={{ cursor: 'pointer' }} bg={selected.has(ticket.id) ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <Checkbox size="xs" aria-label={t('Select ticket {{number}}', { number: ticket.number })} checked={selected.has(ticket.id)} onChange={(e) => toggle(ticket.id, e.currentTarget.checked)} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor c="indigo.8" component={Link} to={`/tickets/${ticket.id}`} size="sm" tabIndex={-1}>
                  {ticket.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <TicketAge createdAt={ticket.createdAt} now={now} />
              </Table.Td>
              <Table.Td maw={360}>
                <Anchor c="indigo.8" component={Link} to={`/tickets/${ticket.id}`} size="sm" fw={ticket.state.type === 'new' ? 700 : 500} truncate="end" display="block" maw={360} title={ticket.title} data-row-link>
                  {ticket.title}
                </Anchor>
              </Table.Td>
              <Table.Td maw={200}>
                <Text size="sm" truncate="end" maw={200}>
                  {ticket.customerUser?.name ?? ticket.customerCompany?.name ?? '–'}
                </Text>
              </Table.Td>
              <Table.Td>
                <StateBadge state={ticket.state} />
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={ticket.priority} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{ticket.queue.name}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{ticket.owner.name}</Table.Td>
              <Table.Td>
                <LockBadge lock={ticket.lock} />
              </Table.Td>
              <Table.Td>
                <EscalationBadge escalation={ticket.escalation} now={now} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
