import { Anchor, Badge, Box, Group, NavLink, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { countFilterParams, flattenQueueTree, queueViewHref, sumCounts, type CountFilter, type TreeQueue } from './queue-tree-model';

const COUNT_COLUMNS: CountFilter[] = ['new', 'open', 'pending', 'escalated', 'locked'];

function CountLink({ queue, filter, value }: { queue: TreeQueue | null; filter: CountFilter; value: number }) {
  const { t } = useTranslation();
  if (value === 0) {
    return (
      <Text span size="sm" c="gray.7">
        0
      </Text>
    );
  }
  const name = queue?.fullName ?? t('All my queues');
  const labels: Record<CountFilter, string> = {
    new: t('{{number}} new tickets in {{queue}}', { number: value, queue: name }),
    open: t('{{number}} open tickets in {{queue}}', { number: value, queue: name }),
    pending: t('{{number}} pending tickets in {{queue}}', { number: value, queue: name }),
    escalated: t('{{number}} escalated tickets in {{queue}}', { number: value, queue: name }),
    locked: t('{{number}} locked tickets in {{queue}}', { number: value, queue: name }),
    total: t('{{number}} tickets in {{queue}}', { number: value, queue: name }),
  };
  return (
    <Anchor
      component={Link}
      to={queueViewHref(queue?.id ?? null, countFilterParams(filter))}
      aria-label={labels[filter]}
      size="sm"
      fw={filter === 'escalated' ? 700 : 500}
      c={filter === 'escalated' ? 'red.9' : 'indigo.8'}
    >
      {value}
    </Anchor>
  );
}

/**
 * The queue tree with open work per queue as a table (overview): every count links to the queue
 * view filtered to exactly those tickets.
 */
export function QueueCountsTable({ queues }: { queues: readonly TreeQueue[] }) {
  const { t } = useTranslation();
  const rows = flattenQueueTree(queues);
  const headers: Record<CountFilter, string> = { new: t('New'), open: t('Open'), pending: t('Pending'), escalated: t('Escalated'), locked: t('Locked'), total: t('Total') };
  const all = sumCounts(queues);
  return (
    <Table.ScrollContainer minWidth={460}>
      <Table striped highlightOnHover verticalSpacing={4} horizontalSpacing={8} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('Queue')}</Table.Th>
            {COUNT_COLUMNS.map((column) => (
              <Table.Th key={column} scope="col" ta="right">
                {headers[column]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ queue, depth }) => (
            <Table.Tr key={queue.id}>
              <Table.Th scope="row" fw={depth === 0 ? 600 : 400} miw={120} style={{ paddingLeft: `calc(var(--table-horizontal-spacing, 10px) + ${depth * 1.1}rem)` }}>
                <Anchor component={Link} to={queueViewHref(queue.id, countFilterParams('total'))} size="sm" c="inherit">
                  {queue.name}
                </Anchor>
              </Table.Th>
              {COUNT_COLUMNS.map((column) => (
                <Table.Td key={column} ta="right">
                  <CountLink queue={queue} filter={column} value={queue.counts[column]} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">
              <Anchor component={Link} to={queueViewHref(null, countFilterParams('total'))} size="sm" c="inherit" fw={700}>
                {t('All my queues')}
              </Anchor>
            </Table.Th>
            {COUNT_COLUMNS.map((column) => (
              <Table.Td key={column} ta="right" fw={700}>
                <CountLink queue={null} filter={column} value={all[column]} />
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function NavRow({ to, active, depth, label, total, escalated }: { to: string; active: boolean; depth: number; label: string; total: number; escalated: number }) {
  const { t } = useTranslation();
  return (
    <NavLink
      component={Link}
      to={to}
      active={active}
      color="indigo.9"
      aria-current={active ? 'page' : undefined}
      py={4}
      style={{ paddingLeft: `calc(0.5rem + ${depth}rem)`, borderRadius: 'var(--mantine-radius-sm)' }}
      label={
        <Text span size="sm" fw={active || depth === 0 ? 600 : 400} c={active ? 'indigo.9' : undefined}>
          {label}
        </Text>
      }
      rightSection={
        <Group gap={4} wrap="nowrap">
          {escalated > 0 && (
            <Badge size="xs" color="red.9" variant="filled">
              {escalated}
              <VisuallyHidden> {t('escalated')}</VisuallyHidden>
            </Badge>
          )}
          <Text span size="xs" c="gray.7">
            {total}
          </Text>
        </Group>
      }
    />
  );
}

/**
 * The queue tree as navigation (queue view): "all my queues" first, then every queue with its open
 * work and escalated tickets. hrefFor builds each queue's address so the current filters carry over.
 */
export function QueueTreeNav({ queues, selectedQueueId, hrefFor }: { queues: readonly TreeQueue[]; selectedQueueId: number | null; hrefFor: (queueId: number | null) => string }) {
  const { t } = useTranslation();
  const all = sumCounts(queues);
  return (
    <Box component="nav" aria-label={t('Queues')}>
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        <li>
          <NavRow to={hrefFor(null)} active={selectedQueueId === null} depth={0} label={t('All my queues')} total={all.total} escalated={all.escalated} />
        </li>
        {flattenQueueTree(queues).map(({ queue, depth }) => (
          <li key={queue.id}>
            <NavRow to={hrefFor(queue.id)} active={selectedQueueId === queue.id} depth={depth} label={queue.name} total={queue.counts.total} escalated={queue.counts.escalated} />
          </li>
        ))}
      </Box>
    </Box>
  );
}
