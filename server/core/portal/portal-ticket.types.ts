import type { StateType } from '../../../shared/domain.ts';

/** A ticket in the customer's list. */
export interface PortalTicketSummary {
  id: number;
  tn: string;
  title: string;
  state: { name: string; type: StateType };
  /** new, open or pending: the desk still works on it. */
  isOpen: boolean;
  createdAt: string;
  changedAt: string;
  /** The customer user the ticket is for (a colleague's name on company tickets). */
  customer: { id: number; name: string } | null;
}

/** A file attached to an article, without its content. */
export interface PortalAttachment {
  id: number;
  filename: string;
  contentType: string;
  size: number;
}

/** An article the customer may read. */
export interface PortalArticle {
  id: number;
  senderType: 'customer' | 'agent' | 'system';
  /** Who wrote it: the customer's or agent's name, or the desk's name for automatic answers. */
  fromName: string;
  channel: string;
  subject: string;
  bodyText: string;
  /** Sanitised when stored; inline images stay `cid:` references to `inlineImages`. */
  bodyHtml: string | null;
  createdAt: string;
  /** Files listed for download; inline images are not listed. */
  attachments: PortalAttachment[];
  /** The images the HTML body shows in place, by Content-ID, downloadable like attachments. */
  inlineImages: { id: number; contentId: string }[];
}

/** A ticket with what the customer may read and do. */
export interface PortalTicket extends PortalTicketSummary {
  articles: PortalArticle[];
  /** A reply is accepted (not merged; closed tickets only when the queue accepts follow-ups). */
  canReply: boolean;
  canClose: boolean;
}

/** Which tickets the list shows. */
export interface PortalTicketListQuery {
  /** mine: the customer's own; company: every ticket of the customer's company (needs seesCompanyTickets). */
  scope: 'mine' | 'company';
  status: 'open' | 'closed' | 'all';
  page: number;
  pageSize: number;
  /** Part of the title or the ticket number. */
  search?: string;
}
