import { Anchor, Badge, Box, Button, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MailHtmlFrame } from '../../components/mail-html-frame';
import { api, unwrap } from '../../lib/api-client';
import type { Article, Ticket } from '../../lib/api-types';
import { ArticleComposeActions, ArticleDeliveryState } from './compose/compose-buttons';
import { splitArticle, type TicketWrites } from './ticket-api';

/** 1.2 MB, 340 KB, 12 B. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

function useLabels() {
  const { t } = useTranslation();
  const channel: Record<string, string> = {
    email: t('Email'),
    phone: t('Phone'),
    web: t('Web'),
    note: t('Note'),
    chat: t('Chat'),
    api: t('API'),
    fax: t('Fax'),
    portal: t('Customer portal'),
  };
  const sender: Record<string, string> = { customer: t('Customer'), agent: t('Agent'), system: t('System') };
  return { channel: (c: string) => channel[c] ?? c, sender: (s: string) => sender[s] ?? s };
}

function AddressLine({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
      <Text span c="gray.7" size="xs">
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
}

/** One article: header, body (text or sandboxed HTML), attachments and its own actions. */
export function ArticleCard({ ticket, article, index, writes }: { ticket: Ticket; article: Article; index: number; writes: TicketWrites }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const internal = !article.isVisibleForCustomer;
  const headingId = `article-${article.id}-subject`;
  const files = article.attachments.filter((a) => !(a.isInline && article.bodyHtml && a.contentId));

  async function split() {
    writes.markOwnWrite();
    const outcome = await writes.run(() => splitArticle(ticket.id, article.id), t('New ticket created from the article'));
    if (outcome.ok) navigate(`/tickets/${outcome.value.id}`);
  }
  async function acceptSender() {
    await writes.run(() => unwrap(api.POST('/api/v1/tickets/{id}/articles/{articleId}/accept-sender', { params: { path: { id: ticket.id, articleId: article.id } } })), t('Sender accepted'));
  }

  return (
    <Paper
      component="article"
      aria-labelledby={headingId}
      withBorder
      p="sm"
      bg={internal ? 'yellow.0' : undefined}
      style={internal ? { borderLeft: '4px solid var(--mantine-color-yellow-6)' } : article.senderType === 'customer' ? { borderLeft: '4px solid var(--mantine-color-blue-4)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Box style={{ minWidth: 0, flex: 1 }}>
            <Group gap={6} mb={2}>
              <Text size="xs" c="gray.7">
                #{index}
              </Text>
              <Badge size="xs" variant="light" color="gray" c="dark.7" tt="none">
                {labels.channel(article.channel)}
              </Badge>
              <Badge size="xs" variant="light" color={article.senderType === 'customer' ? 'blue' : article.senderType === 'agent' ? 'teal' : 'gray'} c="dark.7" tt="none">
                {labels.sender(article.senderType)}
              </Badge>
              {internal && (
                <Badge size="xs" color="yellow.5" variant="filled" autoContrast tt="none">
                  {t('Internal')}
                </Badge>
              )}
              {article.isSenderUnverified && (
                <Badge size="xs" color="red" variant="filled" tt="none">
                  {t('Unverified sender')}
                </Badge>
              )}
              <Text size="xs" c="gray.7" component="time" dateTime={article.createdAt}>
                {new Date(article.createdAt).toLocaleString(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' })}
              </Text>
            </Group>
            <Title order={3} size="h6" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {article.subject || t('(no subject)')}
            </Title>
            <AddressLine label={t('From')} value={article.from} />
            <AddressLine label={t('To')} value={article.to} />
            <AddressLine label={t('Cc')} value={article.cc} />
            <AddressLine label={t('Bcc')} value={article.bcc} />
            {article.timeUnits > 0 && (
              <Text size="xs" c="gray.7">
                {t('Time units')}: {article.timeUnits}
              </Text>
            )}
          </Box>
          <Group gap={4}>
            <ArticleComposeActions ticket={ticket} article={article} />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="compact-xs" variant="subtle" color="gray" aria-label={t('More actions for article {{subject}}', { subject: article.subject })}>
                  {t('More')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => void split()} disabled={!ticket.abilities.update}>
                  {t('Split into new ticket')}
                </Menu.Item>
                {article.isSenderUnverified && (
                  <Menu.Item onClick={() => void acceptSender()} disabled={!ticket.abilities.update}>
                    {t('Accept sender')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        {article.isSenderUnverified && (
          <Text size="xs" c="red.8">
            {t('This follow-up came from an address outside the thread. The customer does not see it until the sender is accepted.')}
          </Text>
        )}
        {article.senderType === 'agent' && article.channel === 'email' && <ArticleDeliveryState ticketId={ticket.id} articleId={article.id} />}
        {article.bodyHtml ? (
          <MailHtmlFrame html={article.bodyHtml} attachments={article.attachments} attachmentUrl={(id) => `/api/v1/tickets/${ticket.id}/articles/${article.id}/attachments/${id}`} title={t('Message: {{subject}}', { subject: article.subject })} />
        ) : (
          <Box component="pre" m={0} p="xs" fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', background: 'var(--mantine-color-body)', borderRadius: 4 }}>
            {article.bodyText}
          </Box>
        )}
        {files.length > 0 && (
          <Box component="ul" aria-label={t('Attachments')} m={0} p={0} style={{ listStyle: 'none' }}>
            {files.map((file) => (
              <li key={file.id}>
                <Anchor size="sm" href={`/api/v1/tickets/${ticket.id}/articles/${article.id}/attachments/${file.id}`} download={file.filename}>
                  {file.filename}
                </Anchor>{' '}
                <Text span size="xs" c="gray.7">
                  ({formatSize(file.size)})
                </Text>
              </li>
            ))}
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
