import { Alert, Anchor, Button, Group, Paper, Stack, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AttachmentDrop } from '../../components/attachment-drop';
import { encodeFiles, type PendingFile } from '../../components/file-base64';
import { ApiError, portalApi, portalKeys, unwrap } from '../portal-api';
import { portalErrorText } from '../portal-errors';
import type { PortalTicket } from '../portal-types';

/** The reply box under the messages; on a closed ticket it says that a reply opens it again. */
export function ReplyForm({ ticket }: { ticket: PortalTicket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const reply = useMutation({
    mutationFn: async () => {
      const attachments = files.length ? await encodeFiles(files) : undefined;
      return unwrap(portalApi.POST('/api/v1/portal/tickets/{id}/articles', { params: { path: { id: ticket.id } }, body: { body: body.trim(), ...(attachments ? { attachments } : {}) } }));
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(portalKeys.ticket(ticket.id), updated);
      void queryClient.invalidateQueries({ queryKey: portalKeys.tickets });
      setBody('');
      setFiles([]);
      setSubmitted(false);
      notifications.show({ color: 'green', message: ticket.isOpen ? t('Your reply was sent.') : t('Your reply was sent and the ticket is open again.') });
    },
  });
  const refused = reply.error instanceof ApiError && reply.error.status === 409;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (body.trim()) reply.mutate();
  }

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="reply-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="reply-heading">
            {t('Reply')}
          </Title>
          {!ticket.isOpen && (
            <Alert color="blue" variant="light">
              {t('This ticket is closed. If you write a reply, it opens again and the help desk looks at it.')}
            </Alert>
          )}
          {reply.error && (
            <Alert color="red" role="alert">
              {portalErrorText(reply.error, t)}{' '}
              {refused && (
                <Anchor component={Link} to="/customer/tickets/new">
                  {t('Open a new ticket')}
                </Anchor>
              )}
            </Alert>
          )}
          <Textarea label={t('Your reply')} autosize minRows={4} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={submitted && !body.trim() ? t('Please write a few words.') : undefined} />
          <AttachmentDrop files={files} onChange={setFiles} disabled={reply.isPending} />
          <Group>
            <Button type="submit" loading={reply.isPending}>
              {t('Send reply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
