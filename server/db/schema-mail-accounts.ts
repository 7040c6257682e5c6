/** Mail accounts polled over IMAP or POP3. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the feature's tables are added
export interface MailAccountTables {}
