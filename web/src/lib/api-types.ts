import type { components } from './api-schema';

/** Named API shapes, taken from the generated OpenAPI types. */
export type Ticket = components['schemas']['Ticket'];
export type Article = components['schemas']['Article'];
export type HistoryEntry = components['schemas']['HistoryEntry'];
export type TicketLink = components['schemas']['TicketLink'];
export type Session = components['schemas']['Session'];
export type Attachment = components['schemas']['Attachment'];
export type Queue = components['schemas']['Queue'];
export type Agent = components['schemas']['Agent'];
export type TicketState = components['schemas']['State'];
export type Priority = components['schemas']['Priority'];
export type CustomerUser = components['schemas']['CustomerUser'];
export type Overview = components['schemas']['Overview'];
export type OverviewQueue = components['schemas']['Overview']['queues'][number];
export type TicketList = components['schemas']['TicketList'];
export type AgentProfile = components['schemas']['AgentProfile'];
export type AgentPreferences = components['schemas']['AgentPreferences'];
export type TicketSortField = components['schemas']['AgentPreferences']['defaultQueueView']['sort'];
export type StateTypeName = components['schemas']['StateType']['name'];
export type ComposeDraft = components['schemas']['ComposeDraft'];
export type StandardTemplate = components['schemas']['StandardTemplate'];
export type ArticleDelivery = components['schemas']['ArticleDelivery'];
export type TicketType = components['schemas']['TicketType'];
export type NewArticle = components['schemas']['NewArticle'];
