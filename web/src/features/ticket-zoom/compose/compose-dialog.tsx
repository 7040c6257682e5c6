import { Alert, Button, Group, LoadingOverlay, Modal, Radio, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAddressList } from '../../../components/address-list';
import { AttachmentDrop } from '../../../components/attachment-drop';
import { AddressListInput } from '../../../components/customer-picker';
import type { PendingFile } from '../../../components/file-base64';
import { htmlFromText } from '../../../components/html-text';
import { RichTextEditor } from '../../../components/rich-text-editor';
import { api, ApiError, fetchBlob, unwrap } from '../../../lib/api-client';
import type { Article, ComposeDraft, Ticket } from '../../../lib/api-types';
import { ArticleDeliveryState } from './article-delivery-state';
import { isDraftChanged, isMailKind, TEMPLATE_TYPE, type ComposeFields, type ComposeKind } from './compose-article';
import { AfterSendFields, defaultPendingUntil, useTemplates } from './compose-options';
import { errorField, useSendArticle, type SendResult } from './use-send-article';

interface ComposeDialogProps {
  ticket: Ticket;
  kind: ComposeKind;
  /** The article answered or forwarded; default: the server picks the last customer article. */
  article?: Article;
  onClose: () => void;
}

// Yellow and orange titles are too pale on their light background for WCAG AA.
const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };

const EMPTY: ComposeFields = { from: '', to: [], cc: [], bcc: [], subject: '', bodyHtml: '', bodyText: '', inReplyTo: null, references: null, timeUnits: 0, visibleForCustomer: false, direction: 'inbound' };

function fieldsFromDraft(draft: ComposeDraft, kind: ComposeKind): ComposeFields {
  return {
    ...EMPTY,
    from: draft.from,
    to: parseAddressList(draft.to),
    cc: parseAddressList(draft.cc),
    bcc: parseAddressList(draft.bcc),
    subject: draft.subject,
    bodyHtml: draft.bodyHtml ?? htmlFromText(draft.bodyText),
    bodyText: draft.bodyText.trim(),
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    direction: kind === 'phone' ? 'inbound' : 'outbound',
  };
}

/** Reply, reply all, forward, note or phone call for a ticket, prefilled by the server. */
export function ComposeDialog({ ticket, kind, article, onClose }: ComposeDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const mail = isMailKind(kind);
  const [fields, setFields] = useState<ComposeFields>(EMPTY);
  const [prefilled, setPrefilled] = useState<ComposeFields | null>(null);
  const [revision, setRevision] = useState(0);
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [prefilledFiles, setPrefilledFiles] = useState(0);
  const [version, setVersion] = useState(ticket.version);
  const [lockedBy, setLockedBy] = useState<ComposeDraft['lockedBy']>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [askTemplate, setAskTemplate] = useState<string | null>(null);
  const [askDiscard, setAskDiscard] = useState(false);
  const [nextStateId, setNextStateId] = useState<string | null>(null);
  const [pendingUntil, setPendingUntil] = useState(defaultPendingUntil);
  const [sent, setSent] = useState<SendResult | null>(null);
  const send = useSendArticle();
  const { data: templates = [] } = useTemplates(ticket.queue.id, TEMPLATE_TYPE[kind]);
  const { data: articles = [] } = useQuery({
    queryKey: ['ticket', ticket.id, 'articles'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/articles', { params: { path: { id: ticket.id } } })),
    enabled: kind === 'forward',
  });
  const articlesRef = useRef(articles);
  // The editor's own rendering of a prefilled body is the baseline "unchanged" compares with.
  const syncPrefill = useRef(false);
  articlesRef.current = articles;

  const update = (patch: Partial<ComposeFields>) => setFields((f) => ({ ...f, ...patch }));
  const changed = isDraftChanged(fields, prefilled, files.length, prefilledFiles);

  /** Runs compose (locks the ticket for mails and calls); with a template only the body is replaced. */
  async function runCompose(withTemplate: number | undefined) {
    setLoading(true);
    setLoadError(null);
    try {
      const draft = await unwrap(api.POST('/api/v1/tickets/{id}/compose', { params: { path: { id: ticket.id } }, body: { kind, articleId: article?.id, templateId: withTemplate } }));
      const next = fieldsFromDraft(draft, kind);
      setLockedBy(draft.lockedBy);
      setVersion(draft.ticket.version);
      if (withTemplate === undefined) {
        setFields((f) => ({ ...next, visibleForCustomer: f.visibleForCustomer, timeUnits: f.timeUnits }));
        setPrefilled(next);
        const offered = draft.attachments.filter((a) => !a.isInline).map((a): PendingFile => ({
          key: `orig-${a.id}`,
          filename: a.filename,
          contentType: a.contentType,
          size: a.size,
          load: () => {
            const owner = article?.attachments.some((x) => x.id === a.id) ? article : articlesRef.current.find((x) => x.attachments.some((y) => y.id === a.id));
            return fetchBlob(`/api/v1/tickets/${ticket.id}/articles/${owner?.id ?? article?.id ?? 0}/attachments/${a.id}`);
          },
        }));
        setFiles(offered);
        setPrefilledFiles(offered.length);
      } else {
        setFields((f) => ({ ...f, bodyHtml: next.bodyHtml, bodyText: next.bodyText }));
        setPrefilled((p) => (p ? { ...p, bodyHtml: next.bodyHtml, bodyText: next.bodyText } : next));
      }
      syncPrefill.current = true;
      setRevision((r) => r + 1);
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : t('The server could not be reached. Please try again.'));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void runCompose(undefined);
    // Once per opening: compose locks the ticket.
  }, []);

  function chooseTemplate(id: string | null) {
    if (!id) return setTemplateId(null);
    if (prefilled && fields.bodyText.trim() !== prefilled.bodyText.trim()) return setAskTemplate(id);
    applyTemplate(id);
  }
  function applyTemplate(id: string) {
    setAskTemplate(null);
    setTemplateId(id);
    void runCompose(Number(id));
  }

  function requestClose() {
    if (send.isPending) return;
    if (changed && !sent) setAskDiscard(true);
    else onClose();
  }

  const sendError = send.error;
  const badField = errorField(sendError);
  const fieldError = (name: string) => (badField === name && sendError ? sendError.message : undefined);
  const generalError = sendError && !['to', 'cc', 'bcc', 'subject', 'timeUnits', 'stateId', 'pendingUntil'].includes(badField ?? '') ? sendError : null;
  const canSend = !loading && !lockedBy && !loadError && !send.isPending && fields.bodyText.trim() !== '' && (!mail || fields.to.length > 0);

  function submit() {
    if (!canSend) return;
    setAskDiscard(false);
    send.mutate(
      { kind, ticketId: ticket.id, version, fields, files, nextStateId: nextStateId ? Number(nextStateId) : null, pendingUntil: nextStateId ? pendingUntil : null },
      {
        onSuccess: (result) => {
          setSent(result);
          if (!mail && !result.stateError) onClose();
        },
        onError: async (error) => {
          // Someone changed the ticket: take the new version so sending again works; the draft stays.
          if (error instanceof ApiError && error.status === 409) {
            const fresh = await unwrap(api.GET('/api/v1/tickets/{id}', { params: { path: { id: ticket.id } } })).catch(() => null);
            if (fresh) setVersion(fresh.version);
          }
        },
      },
    );
  }
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      submit();
    }
  }

  const titles: Record<ComposeKind, string> = { reply: t('Reply'), reply_all: t('Reply all'), forward: t('Forward'), note: t('Note'), phone: t('Phone call') };
  const sendLabel = mail ? t('Send') : kind === 'note' ? t('Add note') : t('Save phone call');

  return (
    <Modal.Root opened onClose={requestClose} size="60rem" fullScreen={phone} closeOnClickOutside={false} padding="md">
      <Modal.Overlay />
      <Modal.Content>
        {/* A <div> head, not Modal.Header's <header>: one banner landmark per page (axe). */}
        <Group justify="space-between" wrap="nowrap" p="md" pb="xs" style={{ position: 'sticky', top: 0, zIndex: 3, background: 'var(--mantine-color-body)' }}>
          <Modal.Title fw={600}>{`${titles[kind]} · ${ticket.number}`}</Modal.Title>
          <Modal.CloseButton aria-label={t('Close')} />
        </Group>
        <Modal.Body>
      {sent ? (
        <Stack>
          <Alert color="green" role="status">
            {mail ? t('The mail was saved to the ticket.') : t('Saved.')}
          </Alert>
          {sent.stateError && (
            <Alert color="orange" role="alert">
              {t('The state was not changed: {{message}}', { message: sent.stateError.message })}
            </Alert>
          )}
          {mail && <ArticleDeliveryState ticketId={ticket.id} articleId={sent.article.id} />}
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('Close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onKeyDown={onKeyDown}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          noValidate
          style={{ position: 'relative' }}
        >
          <LoadingOverlay visible={loading} loaderProps={{ role: 'status', 'aria-label': t('Loading') } as object} />
          <Stack gap="sm">
            {loadError && (
              <Alert color="red" role="alert" title={t('Could not start composing')}>
                {loadError}
              </Alert>
            )}
            {lockedBy && (
              <Alert color="orange" role="alert" title={t('Locked by {{name}}', { name: lockedBy.name })} styles={READABLE_TITLE}>
                {t('{{name}} is working on this ticket. You can write, but not send, until the lock is released.', { name: lockedBy.name })}
              </Alert>
            )}
            {askDiscard && (
              <Alert color="yellow" role="alertdialog" title={t('Discard this draft?')} styles={READABLE_TITLE}>
                <Group gap="xs" mt="xs">
                  <Button size="xs" color="red" onClick={onClose}>
                    {t('Discard draft')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setAskDiscard(false)} autoFocus>
                    {t('Keep writing')}
                  </Button>
                </Group>
              </Alert>
            )}
            {generalError && (
              <Alert color="red" role="alert">
                {generalError instanceof ApiError && generalError.code === 'STALE_VERSION'
                  ? t('The ticket was changed by someone else meanwhile — reloaded. Your text is kept; please check and send again.')
                  : generalError.message}
              </Alert>
            )}
            {mail && (
              <>
                <Text size="sm">
                  <Text span c="gray.7">
                    {t('From')}:
                  </Text>{' '}
                  {fields.from}
                </Text>
                <AddressListInput label={t('To')} value={fields.to} onChange={(to) => update({ to })} error={fieldError('to')} required autoFocus={kind === 'forward'} />
                <Group grow align="flex-start" gap="sm" wrap="wrap" preventGrowOverflow={false}>
                  <AddressListInput label={t('Cc')} value={fields.cc} onChange={(cc) => update({ cc })} error={fieldError('cc')} />
                  <AddressListInput label={t('Bcc')} value={fields.bcc} onChange={(bcc) => update({ bcc })} error={fieldError('bcc')} />
                </Group>
              </>
            )}
            <Group grow align="flex-start" gap="sm" wrap="wrap" preventGrowOverflow={false}>
              <TextInput label={t('Subject')} value={fields.subject} onChange={(e) => update({ subject: e.currentTarget.value })} error={fieldError('subject')} miw={240} />
              {templates.length > 0 && (
                <Select label={t('Template')} placeholder={t('No template')} data={templates.map((tp) => ({ value: String(tp.id), label: tp.name }))} value={templateId} onChange={chooseTemplate} clearable miw={200} comboboxProps={{ withinPortal: true }} />
              )}
            </Group>
            {askTemplate && (
              <Alert color="yellow" role="alertdialog" title={t('Replace the text you wrote with the template?')} styles={READABLE_TITLE}>
                <Group gap="xs" mt="xs">
                  <Button size="xs" onClick={() => applyTemplate(askTemplate)} autoFocus>
                    {t('Replace text')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setAskTemplate(null)}>
                    {t('Keep my text')}
                  </Button>
                </Group>
              </Alert>
            )}
            {kind === 'note' && (
              <Switch label={t('Visible to the customer')} checked={fields.visibleForCustomer} onChange={(e) => update({ visibleForCustomer: e.currentTarget.checked })} />
            )}
            {kind === 'phone' && (
              <Radio.Group label={t('Call direction')} value={fields.direction} onChange={(v) => update({ direction: v === 'outbound' ? 'outbound' : 'inbound' })}>
                <Group gap="lg" mt={4}>
                  <Radio value="inbound" label={t('Customer called (inbound)')} />
                  <Radio value="outbound" label={t('Agent called (outbound)')} />
                </Group>
              </Radio.Group>
            )}
            <RichTextEditor
              label={t('Message')}
              initialHtml={fields.bodyHtml}
              revision={revision}
              onChange={({ html, text }) => {
                update({ bodyHtml: html, bodyText: text });
                if (!syncPrefill.current) return;
                syncPrefill.current = false;
                setPrefilled((p) => (p ? { ...p, bodyHtml: html, bodyText: text } : p));
              }}
              onModEnter={submit}
              error={fieldError('bodyText') ?? fieldError('bodyHtml')}
            />
            <AttachmentDrop files={files} onChange={setFiles} disabled={send.isPending} />
            <AfterSendFields
              timeUnits={fields.timeUnits}
              onTimeUnits={(timeUnits) => update({ timeUnits })}
              nextStateId={nextStateId}
              onNextState={setNextStateId}
              pendingUntil={pendingUntil}
              onPendingUntil={setPendingUntil}
              errors={{ timeUnits: fieldError('timeUnits'), stateId: fieldError('stateId'), pendingUntil: fieldError('pendingUntil') }}
            />
            <Group justify="space-between" gap="sm">
              <Text size="xs" c="gray.7">
                {t('Ctrl+Enter sends, Escape closes')}
              </Text>
              <Group gap="sm">
                <Button variant="default" onClick={requestClose} disabled={send.isPending}>
                  {t('Cancel')}
                </Button>
                <Button type="submit" loading={send.isPending} disabled={!canSend}>
                  {sendLabel}
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      )}
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
