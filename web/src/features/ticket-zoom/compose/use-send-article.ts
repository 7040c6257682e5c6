import { useMutation, useQueryClient } from '@tanstack/react-query';
import { encodeFiles, type PendingFile } from '../../../components/file-base64';
import { api, ApiError, unwrap } from '../../../lib/api-client';
import type { Article, Ticket } from '../../../lib/api-types';
import { buildArticle, type ComposeFields, type ComposeKind } from './compose-article';

export interface SendInput {
  kind: ComposeKind;
  ticketId: number;
  version: number;
  fields: ComposeFields;
  files: PendingFile[];
  nextStateId: number | null;
  /** datetime-local value, for pending states. */
  pendingUntil: string | null;
}

export interface SendResult {
  article: Article;
  ticket: Ticket;
  /** Set when the article was saved but the state change was refused. */
  stateError: ApiError | null;
}

/** Field of the composer a server error names ("article.to" → "to"). */
export function errorField(error: unknown): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  return error.field.replace(/^article\./, '').replace(/\..*$/, '');
}

/** Creates the article, then sets the next state; refreshes everything shown about the ticket. */
export function useSendArticle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SendInput): Promise<SendResult> => {
      const attachments = await encodeFiles(input.files);
      const created = await unwrap(
        api.POST('/api/v1/tickets/{id}/articles', { params: { path: { id: input.ticketId } }, body: { version: input.version, article: buildArticle(input.kind, input.fields, attachments) } }),
      );
      if (input.nextStateId === null) return { ...created, stateError: null };
      try {
        const ticket = await unwrap(
          api.PATCH('/api/v1/tickets/{id}', {
            params: { path: { id: input.ticketId } },
            body: { version: created.ticket.version, stateId: input.nextStateId, ...(input.pendingUntil ? { pendingUntil: new Date(input.pendingUntil).toISOString() } : {}) },
          }),
        );
        return { article: created.article, ticket, stateError: null };
      } catch (error) {
        // The article is saved either way; the agent sets the state again from the ticket.
        if (error instanceof ApiError) return { ...created, stateError: error };
        throw error;
      }
    },
    onSettled: (_data, _error, input) => {
      void queryClient.invalidateQueries({ queryKey: ['ticket', input.ticketId] });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      void queryClient.invalidateQueries({ queryKey: ['overview'] });
    },
  });
}
