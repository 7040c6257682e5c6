import { Alert, Anchor, Button, Group, Paper, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { invalidAddresses, joinAddressList } from '../../components/address-list';
import { AttachmentDrop } from '../../components/attachment-drop';
import { AddressListInput, CustomerPicker, customerAddress } from '../../components/customer-picker';
import { encodeFiles, type PendingFile } from '../../components/file-base64';
import { RichTextEditor } from '../../components/rich-text-editor';
import { api, ApiError, unwrap } from '../../lib/api-client';
import type { CustomerUser, NewArticle } from '../../lib/api-types';
import { CreateCustomerModal } from './create-customer-modal';

type Kind = 'phone' | 'email';

function useCatalog() {
  const queues = useQuery({ queryKey: ['queues'], queryFn: () => unwrap(api.GET('/api/v1/queues')), staleTime: 5 * 60_000 });
  const priorities = useQuery({ queryKey: ['priorities'], queryFn: () => unwrap(api.GET('/api/v1/priorities')), staleTime: 10 * 60_000 });
  const types = useQuery({ queryKey: ['ticket-types'], queryFn: () => unwrap(api.GET('/api/v1/types')), staleTime: 10 * 60_000 });
  return { queues: (queues.data ?? []).filter((q) => q.isValid), priorities: (priorities.data ?? []).filter((p) => p.isValid), types: (types.data ?? []).filter((x) => x.isValid) };
}

/** New phone ticket (/tickets/new/phone) or new email ticket (/tickets/new/email), with the first article. */
export function NewTicketPage() {
  const { kind: param } = useParams();
  const kind: Kind = param === 'email' ? 'email' : 'phone';
  return <NewTicketForm key={kind} kind={kind} />;
}

function NewTicketForm({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const catalog = useCatalog();
  const [customer, setCustomer] = useState<CustomerUser | null>(null);
  const [to, setTo] = useState<string[]>([]);
  const [queueId, setQueueId] = useState<string | null>(null);
  const [priorityId, setPriorityId] = useState<string | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState({ html: '', text: '' });
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [creatingCustomer, setCreatingCustomer] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    if (priorityId === null && catalog.priorities.length) setPriorityId(String((catalog.priorities.find((p) => /normal/i.test(p.name)) ?? catalog.priorities[0]!).id));
  }, [catalog.priorities, priorityId]);

  function pickCustomer(c: CustomerUser | null) {
    setCustomer(c);
    if (kind === 'email') setTo(c ? [customerAddress(c)] : []);
  }

  const mutation = useMutation({
    mutationFn: async () => {
      const attachments = await encodeFiles(files);
      const common = { subject: subject.trim(), bodyText: body.text, bodyHtml: body.html || null, attachments: attachments.length ? attachments : undefined };
      const article: NewArticle =
        kind === 'email'
          ? { ...common, channel: 'email', senderType: 'agent', isVisibleForCustomer: true, to: joinAddressList(to) }
          : { ...common, channel: 'phone', senderType: direction === 'inbound' ? 'customer' : 'agent', isVisibleForCustomer: true, from: direction === 'inbound' && customer ? customerAddress(customer) : null };
      return unwrap(
        api.POST('/api/v1/tickets', {
          body: {
            title: subject.trim(),
            queueId: Number(queueId),
            channel: kind,
            priorityId: priorityId ? Number(priorityId) : undefined,
            typeId: typeId ? Number(typeId) : null,
            customerUserId: customer?.id ?? null,
            customerCompanyId: customer?.customerCompanyId ?? null,
            article,
          },
        }),
      );
    },
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      void queryClient.invalidateQueries({ queryKey: ['overview'] });
      notifications.show({ color: 'green', message: t('Ticket {{number}} created.', { number: ticket.number }) });
      navigate(`/tickets/${ticket.id}`);
    },
  });

  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const field = error?.field?.replace(/^article\./, '') ?? null;
  const at = (name: string) => (field === name && error ? error.message : undefined);
  const missing = {
    customer: tried && kind === 'phone' && !customer ? t('Choose the customer') : undefined,
    queue: tried && !queueId ? t('Choose a queue') : undefined,
    subject: tried && !subject.trim() ? t('Enter a subject') : undefined,
    body: tried && !body.text.trim() ? t('Write the text') : undefined,
    to: tried && kind === 'email' && to.length === 0 ? t('Enter at least one address') : undefined,
  };
  const valid = (kind === 'email' || !!customer) && !!queueId && !!subject.trim() && !!body.text.trim() && (kind === 'phone' || (to.length > 0 && invalidAddresses(to).length === 0));

  function submit(event?: FormEvent) {
    event?.preventDefault();
    setTried(true);
    if (valid && !mutation.isPending) mutation.mutate();
  }
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <Stack maw={960} gap="md">
      <Title order={1} size="h2">
        {kind === 'phone' ? t('New phone ticket') : t('New email ticket')}
      </Title>
      <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
        <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
          <Stack gap="sm">
            {mutation.error && !['title', 'subject', 'queueId', 'to', 'customerUserId', 'bodyText'].includes(field ?? '') && (
              <Alert color="red" role="alert">
                {mutation.error.message}
              </Alert>
            )}
            <Group align="flex-end" gap="sm" wrap="wrap">
              <div style={{ flex: '1 1 320px' }}>
                <CustomerPicker label={t('Customer')} value={customer} onChange={pickCustomer} required={kind === 'phone'} autoFocus error={at('customerUserId') ?? missing.customer} />
              </div>
              {session.isAdmin ? (
                <Button variant="default" onClick={() => setCreatingCustomer(true)}>
                  {t('Create customer')}
                </Button>
              ) : null}
            </Group>
            {!session.isAdmin && (
              <Text size="xs" c="gray.7">
                {t('Customer not found? Only administrators can create customers; ask one, or write the address into To for an email ticket.')}
              </Text>
            )}
            {kind === 'email' && <AddressListInput label={t('To')} value={to} onChange={setTo} required error={at('to') ?? missing.to} />}
            {kind === 'phone' && (
              <Radio.Group label={t('Call direction')} value={direction} onChange={(v) => setDirection(v === 'outbound' ? 'outbound' : 'inbound')}>
                <Group gap="lg" mt={4}>
                  <Radio value="inbound" label={t('Customer called (inbound)')} />
                  <Radio value="outbound" label={t('Agent called (outbound)')} />
                </Group>
              </Radio.Group>
            )}
            <Group grow align="flex-start" gap="sm" wrap="wrap" preventGrowOverflow={false}>
              <Select label={t('Queue')} required searchable data={catalog.queues.map((q) => ({ value: String(q.id), label: q.fullName }))} value={queueId} onChange={setQueueId} error={at('queueId') ?? missing.queue} miw={220} />
              <Select label={t('Priority')} data={catalog.priorities.map((p) => ({ value: String(p.id), label: p.name }))} value={priorityId} onChange={setPriorityId} error={at('priorityId')} miw={160} />
              <Select label={t('Type')} clearable placeholder={t('No type')} data={catalog.types.map((x) => ({ value: String(x.id), label: x.name }))} value={typeId} onChange={setTypeId} error={at('typeId')} miw={160} />
            </Group>
            <TextInput label={t('Subject')} required value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={at('title') ?? at('subject') ?? missing.subject} />
            <RichTextEditor label={t('Message')} initialHtml="" onChange={setBody} onModEnter={() => submit()} error={at('bodyText') ?? missing.body} />
            <AttachmentDrop files={files} onChange={setFiles} disabled={mutation.isPending} />
            <Group justify="space-between" gap="sm">
              <Anchor component={Link} to="/" size="sm">
                {t('Cancel')}
              </Anchor>
              <Button type="submit" loading={mutation.isPending}>
                {kind === 'email' ? t('Create and send') : t('Create ticket')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {creatingCustomer && (
        <CreateCustomerModal
          initialSearch=""
          onClose={() => setCreatingCustomer(false)}
          onCreated={(c) => {
            setCreatingCustomer(false);
            pickCustomer(c);
            void queryClient.invalidateQueries({ queryKey: ['customer-users'] });
          }}
        />
      )}
    </Stack>
  );
}
