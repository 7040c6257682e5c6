/** Raw mail processing state and follow-up lookups (mail intake). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the feature's tables are added
export interface MailIntakeTables {}
