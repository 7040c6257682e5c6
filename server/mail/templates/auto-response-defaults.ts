import type { Language } from '../../../shared/domain.ts';
import { createAutoResponse, listAutoResponses } from '../../core/auto-responses/auto-response-admin.service.ts';
import type { AutoResponseEvent } from '../../core/auto-responses/auto-response.service.ts';
import type { ServiceContext } from '../../core/context.ts';
import type { Actor } from '../../core/permissions/actor.ts';

/** One default text: subject and body with placeholders. */
export interface AutoResponseText {
  subject: string;
  body: string;
}

/**
 * The texts a new desk starts from, in German and English, one per event (OTRS's
 * "auto reply", "auto follow up", "auto reject", "auto reply/new ticket"). Admins change them
 * per queue; a queue's solution steps go into its own text.
 */
export const DEFAULT_AUTO_RESPONSES: Record<AutoResponseEvent, Record<Language, AutoResponseText>> = {
  new_ticket: {
    de: {
      subject: 'Ihre Anfrage ist eingegangen: <TICKET_TITLE>',
      body: 'Guten Tag <CUSTOMER_REALNAME>,\n\nvielen Dank für Ihre Nachricht. Wir haben sie unter der Ticketnummer <TICKET_NUMBER> in der Queue <QUEUE> aufgenommen und melden uns so bald wie möglich.\n\nBitte behalten Sie die Ticketnummer im Betreff, wenn Sie antworten.\n\nIhre Nachricht:\n<CUSTOMER_EMAIL[6]>\n\nMit freundlichen Grüßen\nIhr Support-Team\n',
    },
    en: {
      subject: 'We received your request: <TICKET_TITLE>',
      body: 'Dear <CUSTOMER_REALNAME>,\n\nthank you for your message. We have recorded it as ticket <TICKET_NUMBER> in the queue <QUEUE> and will get back to you as soon as possible.\n\nPlease keep the ticket number in the subject when you reply.\n\nYour message:\n<CUSTOMER_EMAIL[6]>\n\nKind regards\nYour support team\n',
    },
  },
  follow_up: {
    de: {
      subject: 'Ihre Nachricht zu Ticket <TICKET_NUMBER> ist eingegangen',
      body: 'Guten Tag <CUSTOMER_REALNAME>,\n\nIhre Nachricht wurde dem Ticket <TICKET_NUMBER> hinzugefügt. Wir melden uns so bald wie möglich.\n\nMit freundlichen Grüßen\nIhr Support-Team\n',
    },
    en: {
      subject: 'Your message about ticket <TICKET_NUMBER> was received',
      body: 'Dear <CUSTOMER_REALNAME>,\n\nyour message was added to ticket <TICKET_NUMBER>. We will get back to you as soon as possible.\n\nKind regards\nYour support team\n',
    },
  },
  reject: {
    de: {
      subject: 'Ticket <TICKET_NUMBER> ist abgeschlossen',
      body: 'Guten Tag <CUSTOMER_REALNAME>,\n\ndas Ticket <TICKET_NUMBER> ist bereits abgeschlossen und nimmt keine Nachrichten mehr an. Bitte schreiben Sie uns eine neue Nachricht ohne Ticketnummer im Betreff.\n\nMit freundlichen Grüßen\nIhr Support-Team\n',
    },
    en: {
      subject: 'Ticket <TICKET_NUMBER> is closed',
      body: 'Dear <CUSTOMER_REALNAME>,\n\nticket <TICKET_NUMBER> is already closed and accepts no further messages. Please send us a new message without the ticket number in the subject.\n\nKind regards\nYour support team\n',
    },
  },
  new_ticket_after_close: {
    de: {
      subject: 'Neue Anfrage <TICKET_NUMBER>: <TICKET_TITLE>',
      body: 'Guten Tag <CUSTOMER_REALNAME>,\n\nIhr früheres Ticket war bereits abgeschlossen. Wir haben Ihre Nachricht deshalb als neues Ticket <TICKET_NUMBER> aufgenommen und melden uns so bald wie möglich.\n\nMit freundlichen Grüßen\nIhr Support-Team\n',
    },
    en: {
      subject: 'New request <TICKET_NUMBER>: <TICKET_TITLE>',
      body: 'Dear <CUSTOMER_REALNAME>,\n\nyour earlier ticket was already closed, so we have recorded your message as the new ticket <TICKET_NUMBER> and will get back to you as soon as possible.\n\nKind regards\nYour support team\n',
    },
  },
};

/**
 * Gives a queue the default texts for every event and language it has none for yet
 * (e.g. from the demo loader or a set-up command). Returns how many were added.
 */
export async function installDefaultAutoResponses(ctx: ServiceContext, actor: Actor, queueId: number): Promise<number> {
  const existing = await listAutoResponses(ctx, actor, { queueId });
  let added = 0;
  for (const [event, texts] of Object.entries(DEFAULT_AUTO_RESPONSES) as [AutoResponseEvent, Record<Language, AutoResponseText>][]) {
    for (const [language, text] of Object.entries(texts) as [Language, AutoResponseText][]) {
      if (existing.some((r) => r.event === event && r.language === language)) continue;
      await createAutoResponse(ctx, actor, { queueId, event, language, ...text });
      added++;
    }
  }
  return added;
}
