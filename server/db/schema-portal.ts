import type { Generated } from 'kysely';

/** The customer side: portal sessions, one-time tokens, topics customers choose from. */
export interface PortalTables {
  customer_session: CustomerSessionTable;
  customer_token: CustomerTokenTable;
  portal_topic: PortalTopicTable;
}

export interface CustomerSessionTable {
  token_hash: string;
  customer_user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

/** A one-time link mailed to a customer (sha256 of the token stored). */
export interface CustomerTokenTable {
  token_hash: string;
  customer_user_id: number;
  /** confirm_email | reset_password */
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** What a customer picks when opening a ticket, in plain words; decides the queue. */
export interface PortalTopicTable {
  id: Generated<number>;
  name_en: string;
  name_de: string;
  description_en: string | null;
  description_de: string | null;
  queue_id: number;
  position: Generated<number>;
  is_on_portal: Generated<boolean>;
  is_on_contact_form: Generated<boolean>;
  is_valid: Generated<boolean>;
  created_at: string;
  changed_at: string;
}
