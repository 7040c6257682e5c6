import { Alert, Button, Group, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AttachmentDrop } from '../../components/attachment-drop';
import { encodeFiles, type PendingFile } from '../../components/file-base64';
import { portalApi, portalKeys, unwrap } from '../portal-api';
import { fieldErrorText, portalErrorText } from '../portal-errors';
import { inLanguage } from '../portal-format';
import { PortalLoader } from '../portal-loader';
import { usePortalTopics } from '../portal-queries';
import type { PortalTopic } from '../portal-types';

function TopicChoice({ topics, value, onChange, error }: { topics: PortalTopic[]; value: string; onChange: (v: string) => void; error?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Radio.Group label={t('What is it about?')} description={t('Choose the topic that fits best. It decides who at the help desk answers you.')} value={value} onChange={onChange} required error={error} styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}>
      <Stack gap="sm" mt="xs">
        {topics.map((topic) => (
          <Radio
            key={topic.id}
            value={String(topic.id)}
            label={inLanguage(topic.name, i18n.resolvedLanguage)}
            description={topic.description ? inLanguage(topic.description, i18n.resolvedLanguage) : undefined}
            styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** Open a ticket: topic (in plain words), subject, message, attachments. */
export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const topics = usePortalTopics();
  const [topicId, setTopicId] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const create = useMutation({
    mutationFn: async () => {
      const attachments = files.length ? await encodeFiles(files) : undefined;
      return unwrap(portalApi.POST('/api/v1/portal/tickets', { body: { topicId: Number(topicId), title: title.trim(), body: body.trim(), ...(attachments ? { attachments } : {}) } }));
    },
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: portalKeys.tickets });
      queryClient.setQueryData(portalKeys.ticket(ticket.id), ticket);
      notifications.show({ color: 'green', message: t('Your ticket {{tn}} was sent to the help desk.', { tn: ticket.tn }) });
      navigate(`/customer/tickets/${ticket.id}`);
    },
  });
  const onlyTopic = topics.data?.length === 1 ? String(topics.data[0]!.id) : '';
  const chosenTopic = topicId || onlyTopic;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!topicId && onlyTopic) setTopicId(onlyTopic);
    if (chosenTopic && title.trim() && body.trim()) create.mutate();
  }

  if (topics.isPending) return <PortalLoader />;
  const missing = (value: string) => (submitted && !value.trim() ? t('Please fill in this field.') : undefined);
  const serverField = (create.error as { field?: string } | null)?.field;

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={720}>
        <Title order={1} size="h2">
          {t('New ticket')}
        </Title>
        {topics.isError && (
          <Alert color="red" role="alert">
            {portalErrorText(topics.error, t)}
          </Alert>
        )}
        {topics.data?.length === 0 && (
          <Alert color="yellow" role="alert">
            {t('The help desk has not set up any topics yet. Please write an e-mail instead.')}
          </Alert>
        )}
        {create.error && !serverField && (
          <Alert color="red" role="alert">
            {portalErrorText(create.error, t)}
          </Alert>
        )}
        {(topics.data?.length ?? 0) > 1 && (
          <TopicChoice topics={topics.data ?? []} value={topicId} onChange={setTopicId} error={(submitted && !topicId ? t('Please choose a topic.') : undefined) ?? fieldErrorText(create.error, 'topicId', t)} />
        )}
        <TextInput label={t('Subject')} description={t('A few words that sum up your request')} styles={{ description: { color: 'var(--mantine-color-gray-7)' } }} required maxLength={250} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={missing(title) ?? fieldErrorText(create.error, 'title', t)} />
        <Textarea label={t('Your message')} description={t('What happened, what did you expect, and since when?')} styles={{ description: { color: 'var(--mantine-color-gray-7)' } }} required autosize minRows={6} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={missing(body) ?? fieldErrorText(create.error, 'body', t)} />
        <Stack gap={4}>
          <Text size="sm" fw={500} component="span">
            {t('Attachments (optional)')}
          </Text>
          <AttachmentDrop files={files} onChange={setFiles} disabled={create.isPending} />
        </Stack>
        <Group>
          <Button type="submit" loading={create.isPending} disabled={topics.data?.length === 0}>
            {t('Send ticket')}
          </Button>
          <Button variant="default" component={Link} to="/customer">
            {t('Cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
