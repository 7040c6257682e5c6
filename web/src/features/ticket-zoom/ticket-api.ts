import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../lib/api-client';
import type { Ticket } from '../../lib/api-types';

export function escalateTicket(ticketId: number, body: { version: number; queueId?: number; note: string }): Promise<Ticket> {
  return unwrap(api.POST('/api/v1/tickets/{id}/escalate', { params: { path: { id: ticketId } }, body }));
}

export function splitArticle(ticketId: number, articleId: number): Promise<Ticket> {
  return unwrap(api.POST('/api/v1/tickets/{id}/articles/{articleId}/split', { params: { path: { id: ticketId, articleId } }, body: {} }));
}

export type ArticleOrder = 'oldest' | 'newest';

/** The agent's preferred article order (GET /api/v1/me); undefined until known. */
export function useArticleOrderPreference(): ArticleOrder | undefined {
  const { data } = useQuery({ queryKey: ['me'], queryFn: () => unwrap(api.GET('/api/v1/me')), staleTime: 60_000 });
  if (!data) return undefined;
  return data.preferences.articleOrder === 'newest-first' ? 'newest' : 'oldest';
}

export function useTicket(ticketId: number) {
  return useQuery({
    queryKey: ['ticket', ticketId],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}', { params: { path: { id: ticketId } } })),
  });
}

export function useArticles(ticketId: number) {
  return useQuery({
    queryKey: ['ticket', ticketId, 'articles'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/articles', { params: { path: { id: ticketId } } })),
  });
}

/** Looks a ticket up by its number ("#" and spaces allowed); throws the server's 404 message. */
export function ticketByNumber(number: string): Promise<Ticket> {
  return unwrap(api.GET('/api/v1/tickets/by-number/{number}', { params: { path: { number: number.trim().replace(/^#/, '') } } }));
}

export type WriteOutcome<T> = { ok: true; value: T } | { ok: false };

export interface ConflictNotice {
  code: string;
  message: string;
}

/**
 * Runs the ticket's writes: remembers the versions this agent produced (so the live event of its
 * own change is not announced as someone else's), puts the answer into the cache, and turns a
 * 409 (stale version, locked by someone else) into a visible notice plus a reload.
 */
export function useTicketWrites(ticketId: number) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ownVersions = useRef(new Set<number>());
  const lastOwnWriteAt = useRef(0);
  const [conflict, setConflict] = useState<ConflictNotice | null>(null);

  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] }), [queryClient, ticketId]);

  const run = useCallback(
    async <T>(write: () => Promise<T>, success?: string): Promise<WriteOutcome<T>> => {
      lastOwnWriteAt.current = Date.now();
      try {
        const result = await write();
        lastOwnWriteAt.current = Date.now();
        const ticket = result as Partial<Ticket> | undefined;
        if (ticket && typeof ticket === 'object' && ticket.id === ticketId && typeof ticket.version === 'number') {
          ownVersions.current.add(ticket.version);
          queryClient.setQueryData(['ticket', ticketId], ticket);
        }
        setConflict(null);
        void refresh();
        void queryClient.invalidateQueries({ queryKey: ['tickets'] });
        void queryClient.invalidateQueries({ queryKey: ['overview'] });
        if (success) notifications.show({ color: 'teal', message: success });
        return { ok: true, value: result };
      } catch (error) {
        const apiError = error instanceof ApiError ? error : null;
        if (apiError?.status === 409) {
          const message =
            apiError.code === 'STALE_VERSION'
              ? t('This ticket was changed by someone else meanwhile. It has been reloaded; please check and try again.')
              : apiError.message;
          setConflict({ code: apiError.code, message });
          void refresh();
        } else {
          notifications.show({ color: 'red', title: t('Not saved'), message: apiError?.message ?? t('The server could not be reached. Please try again.') });
        }
        return { ok: false };
      }
    },
    [queryClient, refresh, t, ticketId],
  );

  /** True when a change with this version (or one just now) was this agent's own. */
  const isOwnChange = useCallback((version: number | undefined) => (version !== undefined && ownVersions.current.has(version)) || Date.now() - lastOwnWriteAt.current < 8000, []);
  const markOwnWrite = useCallback(() => {
    lastOwnWriteAt.current = Date.now();
  }, []);

  return { run, conflict, clearConflict: () => setConflict(null), isOwnChange, markOwnWrite, refresh };
}

export type TicketWrites = ReturnType<typeof useTicketWrites>;
