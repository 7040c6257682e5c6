/**
 * Domain enumerations shared by server and web app. Values are stored in the database
 * and appear in the API, so they never change; labels are translated in the UI.
 */

/** Agent permission kinds on a group (OTRS System::Permission); rw implies all others. */
export const PERMISSION_KINDS = ['ro', 'move_into', 'create', 'note', 'owner', 'priority', 'rw'] as const;
export type PermissionKind = (typeof PERMISSION_KINDS)[number];

export const SENDER_TYPES = ['customer', 'agent', 'system'] as const;
export type SenderType = (typeof SENDER_TYPES)[number];

/** How an article reached the desk. `note` is an agent's note, internal or customer-visible. */
export const ARTICLE_CHANNELS = ['email', 'phone', 'web', 'note', 'chat', 'api', 'fax', 'portal'] as const;
export type ArticleChannel = (typeof ARTICLE_CHANNELS)[number];

/** How a ticket reached the desk (its first article's channel, kept for reporting). */
export const TICKET_CHANNELS = ['email', 'phone', 'web', 'chat', 'api', 'fax', 'portal'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const LOCK_STATES = ['unlock', 'lock', 'tmp_lock'] as const;
export type LockState = (typeof LOCK_STATES)[number];

export const STATE_TYPES = ['new', 'open', 'closed', 'pending reminder', 'pending auto', 'removed', 'merged'] as const;
export type StateType = (typeof STATE_TYPES)[number];

/** State types whose tickets count as open work (OTRS Ticket::ViewableStateType). */
export const VIEWABLE_STATE_TYPES: readonly StateType[] = ['new', 'open', 'pending reminder', 'pending auto'];
export const PENDING_STATE_TYPES: readonly StateType[] = ['pending reminder', 'pending auto'];

export const FOLLOW_UP_OPTIONS = ['possible', 'reject', 'new_ticket'] as const;
export type FollowUpOption = (typeof FOLLOW_UP_OPTIONS)[number];

export const LINK_TYPES = ['normal', 'parent_child'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const CUSTOM_FIELD_TYPES = ['text', 'textarea', 'dropdown', 'multiselect', 'date', 'datetime', 'checkbox'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Kinds of standard templates (OTRS StandardTemplate types): which screen offers them. */
export const TEMPLATE_TYPES = ['answer', 'forward', 'note', 'phone_call', 'email_new', 'create'] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

export const TEMPLATE_CONTENT_TYPES = ['text/plain', 'text/html'] as const;
export type TemplateContentType = (typeof TEMPLATE_CONTENT_TYPES)[number];
