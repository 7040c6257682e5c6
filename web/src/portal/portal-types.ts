import type { components } from '../lib/api-schema';

type Schemas = components['schemas'];

/** Named portal API shapes, taken from the generated OpenAPI types. */
export type PortalSession = Schemas['PortalSession'];
export type PortalCustomer = Schemas['PortalCustomer'];
export type PortalSettings = Schemas['PortalSettings'];
export type PortalTopic = Schemas['PortalTopic'];
export type PortalTicketSummary = Schemas['PortalTicketSummary'];
export type PortalTicket = Schemas['PortalTicket'];
export type PortalArticle = Schemas['PortalArticle'];
export type PortalAttachment = Schemas['PortalAttachment'];
