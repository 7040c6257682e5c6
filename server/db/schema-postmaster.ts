import type { Generated } from 'kysely';

/** Postmaster filters and trusted sources. */
export interface PostmasterTables {
  postmaster_filter: PostmasterFilterTable;
  postmaster_trusted_client: PostmasterTrustedClientTable;
}

/**
 * One admin-defined filter (OTRS PostMaster::PreFilterModule 000-MatchDBSource). Its match
 * rules and set actions are JSON because they are always read and written together with the
 * filter; ids in them are checked when the filter is saved and again when it runs.
 */
export interface PostmasterFilterTable {
  id: Generated<number>;
  name: string;
  /** Evaluation order, lowest first; ties by name as OTRS orders filters. */
  position: Generated<number>;
  is_valid: Generated<boolean>;
  /** No later filter runs once this one matched (OTRS StopAfterMatch). */
  is_stop_after_match: Generated<boolean>;
  /** Store the mail but make no ticket or article (X-OTRS-Ignore). */
  is_ignore: Generated<boolean>;
  /** JSON array of {header, value, isRegex, negate}. */
  match_rules: string;
  /** JSON object of presets for new tickets (X-OTRS-*). */
  set_new_ticket: Generated<string>;
  /** JSON object of presets for follow-ups (X-OTRS-FollowUp-*). */
  set_follow_up: Generated<string>;
  comment: string | null;
  created_at: string;
  changed_at: string;
}

/** An SMTP client address (exact IP or CIDR) whose X-Ticketwerk-* headers are honoured. */
export interface PostmasterTrustedClientTable {
  id: Generated<number>;
  /** "192.0.2.10", "10.0.0.0/8", "2001:db8::/32". */
  address: string;
  comment: string | null;
  created_at: string;
}
