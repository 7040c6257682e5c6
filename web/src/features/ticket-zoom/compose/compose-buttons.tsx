import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article, Ticket } from '../../../lib/api-types';
import { ArticleDeliveryState } from './article-delivery-state';
import type { ComposeKind } from './compose-article';
import { ComposeDialog } from './compose-dialog';

export { ArticleDeliveryState };

/** Articles a reply or forward can answer: mail, phone and web articles, not internal notes. */
function answerable(article: Article): boolean {
  return article.channel !== 'note';
}

/**
 * Whether the agent may start a mail or call. A colleague's lock takes the "update" ability away;
 * the composer still opens then and says who holds the lock (sending stays refused).
 */
function mayCompose(ticket: Ticket): boolean {
  return ticket.abilities.update || ticket.lock !== 'unlock';
}

/** Reply, Reply all, Forward, Note and Phone call for the whole ticket (answers the last customer article). */
export function ComposeButtons({ ticket, articles, onDone }: { ticket: Ticket; articles: Article[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ComposeKind | null>(null);
  const canWrite = mayCompose(ticket);
  const hasMail = articles.some(answerable);
  const mergedOrLocked = ticket.mergedIntoId !== null;
  const buttons: { kind: ComposeKind; label: string; enabled: boolean }[] = [
    { kind: 'reply', label: t('Reply'), enabled: canWrite && hasMail },
    { kind: 'reply_all', label: t('Reply all'), enabled: canWrite && hasMail },
    { kind: 'forward', label: t('Forward'), enabled: canWrite && hasMail },
    { kind: 'note', label: t('Note'), enabled: ticket.abilities.note || ticket.lock !== 'unlock' },
    { kind: 'phone', label: t('Phone call'), enabled: canWrite },
  ];
  return (
    <>
      <Group gap="xs" role="group" aria-label={t('Write')}>
        {buttons.map((b) => (
          <Button key={b.kind} size="xs" variant={b.kind === 'reply' ? 'filled' : 'default'} disabled={!b.enabled || mergedOrLocked} onClick={() => setKind(b.kind)}>
            {b.label}
          </Button>
        ))}
      </Group>
      {kind && (
        <ComposeDialog
          ticket={ticket}
          kind={kind}
          onClose={() => {
            setKind(null);
            onDone();
          }}
        />
      )}
    </>
  );
}

/** Reply, Reply all and Forward for one article. */
export function ArticleComposeActions({ ticket, article }: { ticket: Ticket; article: Article }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ComposeKind | null>(null);
  if (!answerable(article) || !mayCompose(ticket) || ticket.mergedIntoId !== null) return null;
  const actions: { kind: ComposeKind; label: string; aria: string }[] = [
    { kind: 'reply', label: t('Reply'), aria: t('Reply to article {{subject}}', { subject: article.subject }) },
    { kind: 'reply_all', label: t('Reply all'), aria: t('Reply all to article {{subject}}', { subject: article.subject }) },
    { kind: 'forward', label: t('Forward'), aria: t('Forward article {{subject}}', { subject: article.subject }) },
  ];
  return (
    <>
      <Group gap={4}>
        {actions.map((a) => (
          <Button key={a.kind} size="compact-xs" variant="subtle" aria-label={a.aria} onClick={() => setKind(a.kind)}>
            {a.label}
          </Button>
        ))}
      </Group>
      {kind && <ComposeDialog ticket={ticket} kind={kind} article={article} onClose={() => setKind(null)} />}
    </>
  );
}
