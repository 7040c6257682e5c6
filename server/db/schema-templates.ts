import type { Generated } from 'kysely';

/** Standard templates (OTRS `standard_template`) and which queues offer them. */
export interface TemplateTables {
  standard_template: StandardTemplateTable;
  queue_standard_template: { queue_id: number; standard_template_id: number };
}

/** A text agents start an answer, forward, note, call or new ticket from. */
export interface StandardTemplateTable {
  id: Generated<number>;
  name: string;
  /** answer | forward | note | phone_call | email_new | create */
  template_type: string;
  /** May hold OTRS tags such as <OTRS_CUSTOMER_REALNAME>, filled when composing. */
  text: string;
  /** text/plain | text/html */
  content_type: Generated<string>;
  comment: string | null;
  is_valid: Generated<boolean>;
  created_at: string;
  changed_at: string;
}
