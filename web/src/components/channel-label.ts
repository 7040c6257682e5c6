/** How a ticket reached the desk, as the API names it (shared/domain.ts TICKET_CHANNELS), in the order agents pick from. */
export const TICKET_CHANNELS = ['email', 'web', 'phone', 'fax', 'portal', 'api', 'chat'] as const;
export type TicketChannelName = (typeof TICKET_CHANNELS)[number];

/** A ticket's channel in the agent's language (E-Mail, Web-Formular, Telefon …); unknown values as they are. */
export function channelLabel(channel: string, t: (key: string) => string): string {
  const labels: Record<string, string> = {
    email: t('Email'),
    web: t('Web form'),
    phone: t('Phone'),
    fax: t('Fax'),
    portal: t('Portal'),
    api: t('API'),
    chat: t('Chat'),
  };
  return labels[channel] ?? channel;
}

/** True for a channel the ticket list can filter by. */
export function isTicketChannel(value: string | null): value is TicketChannelName {
  return value !== null && (TICKET_CHANNELS as readonly string[]).includes(value);
}
