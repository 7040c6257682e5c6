/** Postmaster filters and trusted sources. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the feature's tables are added
export interface PostmasterTables {}
