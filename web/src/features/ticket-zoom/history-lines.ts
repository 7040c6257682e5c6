import type { HistoryEntry } from '../../lib/api-types';

/**
 * One history row as a sentence an agent reads ("State changed from new to open by alice").
 * Pure: the caller passes the translate function and a time formatter, so it is unit-tested.
 */
export type Translate = (key: string, values?: Record<string, string>) => string;

/** The translate calls are literal so the locale check sees every English text. */
export function translatedTemplates(t: Translate): Record<string, (values: Record<string, string>) => string> {
  return {
    StateUpdate: (v) => t('State changed from {{old}} to {{new}}', v),
    PriorityUpdate: (v) => t('Priority changed from {{old}} to {{new}}', v),
    Move: (v) => t('Moved from {{old}} to {{new}}', v),
    OwnerUpdate: (v) => t('Owner changed from {{old}} to {{new}}', v),
    ResponsibleUpdate: (v) => t('Responsible changed from {{old}} to {{new}}', v),
    TypeUpdate: (v) => t('Type changed from {{old}} to {{new}}', v),
    ServiceUpdate: (v) => t('Service changed from {{old}} to {{new}}', v),
    SLAUpdate: (v) => t('SLA changed from {{old}} to {{new}}', v),
    TitleUpdate: (v) => t('Title changed from {{old}} to {{new}}', v),
    CustomerUpdate: (v) => t('Customer changed from {{old}} to {{new}}', v),
    SetPendingTime: (v) => t('Pending time set to {{new}}', v),
    CustomFieldUpdate: (v) => t('Field {{field}} changed from {{old}} to {{new}}', v),
    TicketLinkAdd: (v) => t('Linked with ticket {{new}}', v),
    TicketLinkDelete: (v) => t('Link to ticket {{old}} removed', v),
    Merged: (v) => t('Merged: {{old}} → {{new}}', v),
    TimeAccounting: (v) => t('Time units added: {{new}}', v),
    NewTicket: () => t('Ticket created'),
    AddNote: () => t('Note added'),
    EmailAgent: () => t('Email sent to the customer'),
    EmailCustomer: () => t('Email received from the customer'),
    PhoneCallAgent: () => t('Phone call by an agent recorded'),
    PhoneCallCustomer: () => t('Phone call of the customer recorded'),
    WebRequestCustomer: () => t('Web request of the customer'),
    ArticleCreate: () => t('Article added'),
    Lock: () => t('Locked'),
    Unlock: () => t('Unlocked'),
    LockTakeover: () => t('Lock taken over'),
    FollowUp: () => t('Follow-up received'),
    Bounce: () => t('Email bounced'),
    SenderAccepted: () => t('Unverified sender accepted'),
    EmailResend: () => t('Email sent again'),
    LoopProtection: () => t('Loop protection: no automatic answer sent'),
    Misc: () => t('Changed'),
  };
}

/** "State changed from new to open by alice, 10:32"; unknown types fall back to "<type>: old → new". */
export function historyLine(entry: HistoryEntry, t: Translate, formatTime: (iso: string) => string, pendingTime: (iso: string) => string = formatTime): string {
  const none = t('(none)');
  const values = {
    old: entry.oldValue ?? none,
    new: entry.type === 'SetPendingTime' && entry.newValue ? pendingTime(entry.newValue) : (entry.newValue ?? none),
    field: entry.field ?? '',
  };
  const template = translatedTemplates(t)[entry.type];
  const what = template
    ? template(values)
    : [entry.type, entry.oldValue !== null || entry.newValue !== null ? `${values.old} → ${values.new}` : ''].filter(Boolean).join(': ');
  const when = formatTime(entry.createdAt);
  return entry.agent ? t('{{what}} by {{who}}, {{when}}', { what, who: entry.agent.login, when }) : t('{{what}}, {{when}}', { what, when });
}
