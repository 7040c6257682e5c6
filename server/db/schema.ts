import type { ColumnType, Generated } from 'kysely';
import type { ContactFormTables } from './schema-contact-form.ts';
import type { MailAccountTables } from './schema-mail-accounts.ts';
import type { MailIntakeTables } from './schema-mail-intake.ts';
import type { OutboxTables } from './schema-outbox.ts';
import type { PortalTables } from './schema-portal.ts';
import type { PostmasterTables } from './schema-postmaster.ts';
import type { TemplateTables } from './schema-templates.ts';

/**
 * The database as Kysely sees it. Timestamps are ISO-8601 UTC strings on both dialects
 * (connect.ts normalises PostgreSQL's timestamptz); booleans are booleans on both
 * (connect.ts maps SQLite's 0/1 for every is_* column).
 */
export interface Database extends MailIntakeTables, PostmasterTables, OutboxTables, MailAccountTables, TemplateTables, PortalTables, ContactFormTables {
  ticket_state_type: TicketStateTypeTable;
  ticket_state: TicketStateTable;
  ticket_priority: NamedValidTable;
  ticket_type: NamedValidTable;
  permission_group: CommentedNamedTable;
  role: CommentedNamedTable;
  salutation: TextSnippetTable;
  signature: TextSnippetTable;
  system_address: SystemAddressTable;
  queue: QueueTable;
  service: ServiceTable;
  sla: SlaTable;
  service_sla: { service_id: number; sla_id: number };
  custom_field: CustomFieldTable;
  agent: AgentTable;
  agent_role: { agent_id: number; role_id: number };
  role_group_permission: { role_id: number; group_id: number; permission: string };
  agent_group_permission: { agent_id: number; group_id: number; permission: string };
  customer_company: CustomerCompanyTable;
  customer_user: CustomerUserTable;
  ticket_number_counter: { scope: string; value: number };
  ticket: TicketTable;
  ticket_custom_value: { ticket_id: number; field_id: number; value: string };
  raw_mail: RawMailTable;
  article: ArticleTable;
  attachment: AttachmentTable;
  ticket_history: TicketHistoryTable;
  ticket_link: TicketLinkTable;
  ticket_event: TicketEventTable;
  agent_session: AgentSessionTable;
  api_token: ApiTokenTable;
  config_generation: ConfigGenerationTable;
}

type Id = Generated<number>;

export interface TicketStateTypeTable {
  id: Id;
  name: string;
  comment: string | null;
}

export interface TicketStateTable {
  id: Id;
  name: string;
  type_id: number;
  comment: string | null;
  is_valid: Generated<boolean>;
}

export interface NamedValidTable {
  id: Id;
  name: string;
  is_valid: Generated<boolean>;
}

export interface CommentedNamedTable extends NamedValidTable {
  comment: string | null;
}

export interface TextSnippetTable extends NamedValidTable {
  text: string;
}

export interface SystemAddressTable {
  id: Id;
  email: string;
  display_name: string;
  /** Queue for new mail to this address (OTRS: the system address's queue); null = Raw. */
  queue_id: number | null;
  is_valid: Generated<boolean>;
}

/** Escalation targets in minutes (0 = none) and notify-before percentages, as OTRS. */
export interface EscalationColumns {
  first_response_time: Generated<number>;
  first_response_notify: Generated<number>;
  update_time: Generated<number>;
  update_notify: Generated<number>;
  solution_time: Generated<number>;
  solution_notify: Generated<number>;
  calendar_name: string | null;
}

export interface QueueTable extends EscalationColumns {
  id: Id;
  name: string;
  full_name: string;
  parent_id: number | null;
  group_id: number;
  system_address_id: number | null;
  salutation_id: number | null;
  signature_id: number | null;
  unlock_timeout: Generated<number>;
  follow_up_option: Generated<string>;
  is_follow_up_lock: Generated<boolean>;
  comment: string | null;
  is_valid: Generated<boolean>;
  /** Where a 1st-level agent's "escalate" sends the ticket. */
  escalation_queue_id: Generated<number | null>;
}

export interface ServiceTable {
  id: Id;
  name: string;
  full_name: string;
  parent_id: number | null;
  comment: string | null;
  is_valid: Generated<boolean>;
}

export interface SlaTable extends EscalationColumns {
  id: Id;
  name: string;
  comment: string | null;
  is_valid: Generated<boolean>;
}

export interface CustomFieldTable {
  id: Id;
  name: string;
  label: string;
  field_type: string;
  config: Generated<string>;
  is_valid: Generated<boolean>;
}

export interface AgentTable {
  id: Id;
  login: string;
  email: string;
  first_name: string;
  last_name: string;
  password_hash: string | null;
  language: Generated<string>;
  is_valid: Generated<boolean>;
  created_at: string;
  changed_at: string;
  /** Personal signature appended under the agent's replies; null when none. */
  signature: Generated<string | null>;
  /** The agent's web app preferences as JSON; missing keys take their defaults. */
  preferences: Generated<string>;
}

export interface CustomerCompanyTable {
  id: Id;
  customer_id: string;
  name: string;
  street: string | null;
  zip: string | null;
  city: string | null;
  country: string | null;
  url: string | null;
  comment: string | null;
  is_valid: Generated<boolean>;
  /** Its customer users see each other's tickets in the portal. */
  is_portal_company_tickets: Generated<boolean>;
  created_at: string;
  changed_at: string;
}

export interface CustomerUserTable {
  id: Id;
  login: string;
  email: string;
  first_name: string;
  last_name: string;
  customer_company_id: number | null;
  phone: string | null;
  password_hash: string | null;
  language: Generated<string>;
  comment: string | null;
  is_valid: Generated<boolean>;
  /** When the customer confirmed the address after self-registration; null for admin-made users. */
  email_confirmed_at: string | null;
  created_at: string;
  changed_at: string;
}

export interface TicketTable {
  id: Id;
  tn: string;
  title: string;
  queue_id: number;
  state_id: number;
  priority_id: number;
  type_id: number | null;
  service_id: number | null;
  sla_id: number | null;
  owner_id: number;
  responsible_id: number | null;
  lock: Generated<string>;
  customer_user_id: number | null;
  customer_company_id: number | null;
  channel: string;
  pending_until: string | null;
  merged_into_id: number | null;
  version: Generated<number>;
  created_at: string;
  changed_at: string;
  /** First customer-visible agent answer; ends the response escalation. */
  first_response_at: string | null;
  /** Latest customer-visible customer article, or the creation. */
  last_customer_contact_at: string | null;
  escalation_response_at: string | null;
  escalation_update_at: string | null;
  escalation_solution_at: string | null;
  /** The earliest of the three escalation times; null when none runs. */
  escalation_at: string | null;
}

/** A mail as received, before and after processing; the bytes live in the blob store. */
export interface RawMailTable {
  id: Id;
  sha256: string;
  size: number;
  received_at: string;
  /** Where it came from: "smtp 127.0.0.1", "imap:3", "import". */
  source: string;
  /** received → processed | duplicate | ignored | failed */
  status: string;
  error: string | null;
  message_id: string | null;
  content_hash: string | null;
  queue_id: number | null;
  is_trusted: Generated<boolean>;
  ticket_id: number | null;
  article_id: number | null;
  attempts: Generated<number>;
  processed_at: string | null;
  /** The raw bytes when small enough to keep in the row; null: in the blob store under sha256. */
  content: Buffer | null;
}

export interface ArticleTable {
  id: Id;
  ticket_id: number;
  sender_type: string;
  channel: string;
  is_visible_for_customer: Generated<boolean>;
  from_address: string | null;
  to_address: string | null;
  cc_address: string | null;
  /** Blind copies of an agent's mail; shown to agents only. */
  bcc: Generated<string | null>;
  subject: string;
  message_id: string | null;
  in_reply_to: string | null;
  references: string | null;
  body_text: string;
  body_html: string | null;
  raw_mail_id: number | null;
  time_units: Generated<number>;
  created_by_agent_id: number | null;
  created_by_customer_user_id: number | null;
  created_at: string;
  /** A follow-up from someone outside the thread: kept, but hidden from the customer until accepted. */
  is_sender_unverified: Generated<boolean>;
}

export interface AttachmentTable {
  id: Id;
  article_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  is_inline: Generated<boolean>;
  content_id: string | null;
}

export interface TicketHistoryTable {
  id: Id;
  ticket_id: number;
  article_id: number | null;
  history_type: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  agent_id: number | null;
  customer_user_id: number | null;
  created_at: string;
}

export interface TicketLinkTable {
  id: Id;
  source_ticket_id: number;
  target_ticket_id: number;
  link_type: string;
  created_by_agent_id: number | null;
  created_at: string;
}

export interface TicketEventTable {
  id: Id;
  name: string;
  ticket_id: number;
  payload: string;
  created_at: string;
}

export interface AgentSessionTable {
  token_hash: string;
  agent_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

export interface ApiTokenTable {
  id: Id;
  agent_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

/** One row; triggers move `value` with every change to the configuration tables (see its migration). */
export interface ConfigGenerationTable {
  id: number;
  /** A bigint: PostgreSQL hands it over as a string, SQLite as a number. */
  value: ColumnType<number | string, number, never>;
}
