import type { QueryClient } from '@tanstack/react-query';

/** One change pushed by GET /api/v1/events. */
export interface TicketEvent {
  id: number;
  name: string;
  ticketId: number;
  queueId: number;
}

type Listener = (event: TicketEvent) => void;
const listeners = new Set<Listener>();

/** Calls listener for every ticket change the agent may see; returns the unsubscribe function. */
export function subscribeTicketEvents(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Opens the server-sent event stream once per app and refreshes what a change touches:
 * the overview, ticket lists and the ticket itself. EventSource reconnects by itself and sends
 * Last-Event-ID, so nothing is missed after a network blip.
 */
export function connectLiveEvents(queryClient: QueryClient): () => void {
  const source = new EventSource('/api/v1/events', { withCredentials: true });
  let pending: number | undefined;
  const changedTickets = new Set<number>();
  source.addEventListener('ticket', (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as TicketEvent;
    for (const listener of listeners) listener(event);
    changedTickets.add(event.ticketId);
    // A bulk action changes many tickets at once: refresh once for the burst.
    window.clearTimeout(pending);
    pending = window.setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: ['overview'] });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      for (const id of changedTickets) void queryClient.invalidateQueries({ queryKey: ['ticket', id] });
      changedTickets.clear();
    }, 150);
  });
  return () => {
    window.clearTimeout(pending);
    source.close();
  };
}
