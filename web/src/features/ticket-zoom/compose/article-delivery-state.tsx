import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../lib/api-client';
import type { ArticleDelivery } from '../../../lib/api-types';

const PENDING: readonly ArticleDelivery['state'][] = ['queued', 'sending'];

/** The reason the relay gave for the latest failed or bounced message. */
function failureReason(delivery: ArticleDelivery): string | null {
  const failed = [...delivery.messages].reverse().find((m) => m.status === 'failed' || m.status === 'bounced');
  return failed?.lastError ?? null;
}

/** "queued for delivery", "sent" or "failed: <reason>" for an agent's mail article; polls while it is on its way. */
export function ArticleDeliveryState({ ticketId, articleId }: { ticketId: number; articleId: number }) {
  const { t } = useTranslation();
  const { data, isError } = useQuery({
    queryKey: ['ticket', ticketId, 'articles', articleId, 'delivery'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/articles/{articleId}/delivery', { params: { path: { id: ticketId, articleId } } })),
    refetchInterval: (query) => (query.state.data && PENDING.includes(query.state.data.state) ? 3000 : false),
  });
  if (isError || !data || data.state === 'none') return null;
  const reason = failureReason(data);
  const next = data.messages.find((m) => m.status === 'queued')?.nextAttemptAt;
  const view = {
    queued: { color: 'gray', text: t('Queued for delivery') },
    sending: { color: 'blue', text: t('Sending') },
    sent: { color: 'green', text: t('Sent') },
    failed: { color: 'red', text: reason ? t('Failed: {{reason}}', { reason }) : t('Delivery failed') },
    bounced: { color: 'red', text: reason ? t('Bounced: {{reason}}', { reason }) : t('Bounced') },
  }[data.state];
  return (
    <Group gap={6} role="status" aria-live="polite" wrap="nowrap">
      <Text size="xs" c="gray.7">
        {t('Mail delivery')}:
      </Text>
      <Tooltip label={next ? t('Next attempt at {{time}}', { time: new Date(next).toLocaleString() }) : view.text} multiline maw={320}>
        <Badge color={view.color} c="dark.7" variant="light" size="sm" style={{ textTransform: 'none', maxWidth: 360 }}>
          {view.text}
        </Badge>
      </Tooltip>
    </Group>
  );
}
