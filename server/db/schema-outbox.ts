/** Outgoing mail (outbox), auto-response texts and loop-protection counters. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the feature's tables are added
export interface OutboxTables {}
