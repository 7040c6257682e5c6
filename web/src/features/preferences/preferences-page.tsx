import { Alert, Button, Card, Center, Checkbox, Group, Loader, Radio, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api-client';
import type { AgentProfile, Session } from '../../lib/api-types';
import { applyUserLanguage, i18next } from '../../lib/i18n';
import { PasswordForm } from './password-form';
import { SORT_FIELD_OPTIONS, STATE_TYPE_OPTIONS, PAGE_SIZES, type ProfileChanges } from './preferences-options';

function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => unwrap(api.PATCH('/api/v1/me', { body: changes })),
    onSuccess: (profile) => {
      queryClient.setQueryData(['me'], profile);
      queryClient.setQueryData<Session | null>(['session'], (session) => (session ? { ...session, agent: { ...session.agent, language: profile.language } } : session));
    },
  });
}

function LanguageSection({ profile }: { profile: AgentProfile }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pref-language">
      <Title order={2} size="h4" id="pref-language" mb="xs">
        {t('Language')}
      </Title>
      <Radio.Group
        label={t('Language of the agent interface')}
        value={save.variables?.language ?? profile.language}
        onChange={(language) => {
          const chosen = language === 'de' ? 'de' : 'en';
          // Switch at once; the server keeps it for the next login and for notifications.
          applyUserLanguage(chosen);
          save.mutate(
            { language: chosen },
            {
              onSuccess: () => notifications.show({ color: 'green', message: i18next.t('Language saved.', { lng: chosen }) }),
              onError: (error) => {
                applyUserLanguage(profile.language);
                notifications.show({ color: 'red', message: error.message });
              },
            },
          );
        }}
      >
        <Group mt={6}>
          <Radio value="de" label="Deutsch" />
          <Radio value="en" label="English" />
        </Group>
      </Radio.Group>
    </Card>
  );
}

function SettingsForm({ profile }: { profile: AgentProfile }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const queues = useQuery({ queryKey: ['catalog', 'queues'], queryFn: () => unwrap(api.GET('/api/v1/queues')), staleTime: 5 * 60_000 });
  const view = profile.preferences.defaultQueueView;
  const [signature, setSignature] = useState(profile.signature ?? '');
  const [queueId, setQueueId] = useState(view.queueId === null ? 'all' : String(view.queueId));
  const [stateTypes, setStateTypes] = useState<string[]>(view.stateTypes);
  const [sort, setSort] = useState<string>(view.sort);
  const [order, setOrder] = useState<string>(view.order);
  const [pageSize, setPageSize] = useState(String(view.pageSize));
  const [articleOrder, setArticleOrder] = useState<string>(profile.preferences.articleOrder);

  const stateTypeLabels: Record<(typeof STATE_TYPE_OPTIONS)[number], string> = {
    new: t('new'),
    open: t('open'),
    'pending reminder': t('pending reminder'),
    'pending auto': t('pending auto'),
    closed: t('closed'),
  };
  const sortLabels: Record<(typeof SORT_FIELD_OPTIONS)[number], string> = {
    createdAt: t('Age (created)'),
    changedAt: t('Last changed'),
    escalationAt: t('Time to escalation'),
    priority: t('Priority'),
    number: t('Number'),
    title: t('Title'),
    state: t('State'),
    queue: t('Queue'),
    pendingUntil: t('Pending until'),
  };
  // Saved page sizes outside the usual choices stay selectable.
  const pageSizes = [...new Set([...PAGE_SIZES, view.pageSize])].sort((a, b) => a - b).map(String);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      {
        signature: signature.trim() ? signature : null,
        preferences: {
          defaultQueueView: {
            queueId: queueId === 'all' ? null : Number(queueId),
            stateTypes: stateTypes as AgentProfile['preferences']['defaultQueueView']['stateTypes'],
            sort: sort as AgentProfile['preferences']['defaultQueueView']['sort'],
            order: order === 'asc' ? 'asc' : 'desc',
            pageSize: Number(pageSize),
          },
          articleOrder: articleOrder === 'oldest-first' ? 'oldest-first' : 'newest-first',
        },
      },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('Preferences saved.') }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );
  }

  const queueOptions = [{ value: 'all', label: t('All my queues') }, ...(queues.data ?? []).filter((q) => q.isValid).map((q) => ({ value: String(q.id), label: q.fullName }))];
  // A saved queue the agent no longer sees stays selectable, so saving does not silently change it.
  if (queueId !== 'all' && !queueOptions.some((o) => o.value === queueId)) queueOptions.push({ value: queueId, label: t('Queue {{id}}', { id: queueId }) });

  return (
    <form onSubmit={submit}>
      <Stack gap="md">
        <Card withBorder padding="md" component="section" aria-labelledby="pref-signature">
          <Title order={2} size="h4" id="pref-signature" mb="xs">
            {t('Personal signature')}
          </Title>
          <Textarea styles={{ description: { color: 'var(--mantine-color-gray-7)' } }} label={t('Signature')} description={t('Added under your replies, below the queue signature.')} autosize minRows={4} maxRows={12} value={signature} onChange={(e) => setSignature(e.currentTarget.value)} />
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="pref-queue-view">
          <Title order={2} size="h4" id="pref-queue-view" mb="xs">
            {t('Default queue view')}
          </Title>
          <Stack gap="sm">
            <Text size="sm" c="gray.7">
              {t('What the queue view shows when you open it without choosing anything.')}
            </Text>
            <Select label={t('Queue')} data={queueOptions} value={queueId} onChange={(v) => v && setQueueId(v)} allowDeselect={false} searchable maw={420} />
            <Checkbox.Group label={t('State types')} value={stateTypes} onChange={setStateTypes} error={stateTypes.length === 0 ? t('Choose at least one state type.') : undefined}>
              <Group mt={6} gap="md">
                {STATE_TYPE_OPTIONS.map((value) => (
                  <Checkbox key={value} value={value} label={stateTypeLabels[value]} />
                ))}
              </Group>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, xs: 3 }} maw={640}>
              <Select label={t('Sort by')} data={SORT_FIELD_OPTIONS.map((value) => ({ value, label: sortLabels[value] }))} value={sort} onChange={(v) => v && setSort(v)} allowDeselect={false} />
              <Select
                label={t('Order')}
                data={[
                  { value: 'desc', label: t('Descending') },
                  { value: 'asc', label: t('Ascending') },
                ]}
                value={order}
                onChange={(v) => v && setOrder(v)}
                allowDeselect={false}
              />
              <Select label={t('Tickets per page')} data={pageSizes} value={pageSize} onChange={(v) => v && setPageSize(v)} allowDeselect={false} />
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="pref-zoom">
          <Title order={2} size="h4" id="pref-zoom" mb="xs">
            {t('Ticket zoom')}
          </Title>
          <Radio.Group label={t('Article order')} value={articleOrder} onChange={setArticleOrder}>
            <Group mt={6}>
              <Radio value="newest-first" label={t('Newest first')} />
              <Radio value="oldest-first" label={t('Oldest first')} />
            </Group>
          </Radio.Group>
        </Card>
        {save.isError && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        <Group>
          <Button color="indigo.8" type="submit" loading={save.isPending} disabled={stateTypes.length === 0}>
            {t('Save preferences')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The agent's own settings: language (applies at once), signature, default queue view, article order, password. */
export function PreferencesPage() {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: ['me'], queryFn: () => unwrap(api.GET('/api/v1/me')), staleTime: 5 * 60_000 });
  return (
    <Stack gap="md" maw={860}>
      <Title order={1} size="h2">
        {t('Preferences')}
      </Title>
      {me.isPending ? (
        <Center h={200}>
          <Loader role="status" aria-label={t('Loading')} />
        </Center>
      ) : me.isError ? (
        <Alert color="red" role="alert">
          {me.error.message}
        </Alert>
      ) : (
        <>
          <Text size="sm" c="gray.7">
            {me.data.firstName} {me.data.lastName} · {me.data.login} · {me.data.email}
          </Text>
          <LanguageSection profile={me.data} />
          <SettingsForm key={me.data.id} profile={me.data} />
          <PasswordForm />
        </>
      )}
    </Stack>
  );
}
