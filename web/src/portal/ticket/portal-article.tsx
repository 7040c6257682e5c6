import { Anchor, Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../components/file-base64';
import { MailHtmlFrame } from '../../components/mail-html-frame';
import { attachmentUrl } from '../portal-api';
import { DESK_NAME } from '../portal-layout';
import type { PortalArticle as Article } from '../portal-types';
import { formatDateTime } from '../portal-format';

/**
 * One message of the ticket. The customer's own messages sit on the right with a blue edge and
 * "You"; the desk's answers sit on the left on a tinted background with the agent's name.
 */
export function PortalArticle({ ticketId, article }: { ticketId: number; article: Article }) {
  const { t, i18n } = useTranslation();
  const own = article.senderType === 'customer';
  const headingId = `article-${article.id}`;
  const who = own ? t('You') : article.fromName || DESK_NAME;
  return (
    <Paper
      component="article"
      aria-labelledby={headingId}
      withBorder
      p="sm"
      ml={own ? { base: 0, sm: 'xl' } : 0}
      mr={own ? 0 : { base: 0, sm: 'xl' }}
      bg={own ? 'white' : 'teal.0'}
      style={{ borderLeft: `4px solid var(--mantine-color-${own ? 'blue-5' : 'teal-6'})` }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h6" id={headingId}>
            {who}{' '}
            <Badge size="sm" variant="light" color={own ? 'blue' : 'teal'} c="dark.7" tt="none" ml={4}>
              {own ? t('Your message') : t('Answer from the help desk')}
            </Badge>
          </Title>
          <Text size="xs" c="gray.7" component="time" dateTime={article.createdAt}>
            {formatDateTime(article.createdAt, i18n.resolvedLanguage)}
          </Text>
        </Group>
        {article.subject && (
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {article.subject}
          </Text>
        )}
        {article.bodyHtml ? (
          <MailHtmlFrame html={article.bodyHtml} attachments={article.inlineImages} attachmentUrl={(id) => `/api/v1/portal/tickets/${ticketId}/articles/${article.id}/attachments/${id}`} title={t('Message from {{name}}', { name: who })} />
        ) : (
          <Box component="pre" m={0} fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit' }}>
            {article.bodyText}
          </Box>
        )}
        {article.attachments.length > 0 && (
          <Box component="ul" aria-label={t('Attachments')} m={0} p={0} style={{ listStyle: 'none' }}>
            {article.attachments.map((file) => (
              <li key={file.id}>
                <Anchor size="sm" href={attachmentUrl(ticketId, article.id, file.id)} download={file.filename} style={{ overflowWrap: 'anywhere' }}>
                  {file.filename}
                </Anchor>{' '}
                <Text span size="xs" c="gray.7">
                  ({formatBytes(file.size)})
                </Text>
              </li>
            ))}
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
