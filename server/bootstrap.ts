import path from 'node:path';
import type { Config } from './config/config.ts';
import type { CoreSettings, ServiceContext } from './core/context.ts';
import { systemClock, type Clock } from './core/ports.ts';
import { connectDatabase, type DatabaseHandle } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createFileBlobStore } from './storage/file-blob-store.ts';

/** An opened, migrated system: database plus the context core services run in. */
export interface OpenedSystem {
  handle: DatabaseHandle;
  ctx: ServiceContext;
  appliedMigrations: string[];
}

/** The core settings a configuration implies. */
export function coreSettings(config: Config): CoreSettings {
  return {
    ticketNumberGenerator: config.TICKET_NUMBER_GENERATOR,
    systemId: config.SYSTEM_ID,
    ticketCounterMinSize: config.TICKET_COUNTER_MIN_SIZE,
    ticketHook: config.TICKET_HOOK,
    timeZone: config.TIME_ZONE,
    autoResponseDailyLimit: config.AUTO_RESPONSE_DAILY_LIMIT,
    followUpSearchBody: config.FOLLOW_UP_SEARCH_BODY,
    maxMailBytes: Math.round(config.MAIL_MAX_SIZE_MB * 1024 * 1024),
  };
}

/** Opens the configured database, migrates it to the latest schema and builds the service context. */
export async function openSystem(config: Config, clock: Clock = systemClock): Promise<OpenedSystem> {
  const handle = connectDatabase({
    databaseUrl: config.DATABASE_URL,
    sqliteFile: path.join(config.DATA_DIR, 'ticketwerk.sqlite'),
    onConnectionLost: (error) => console.warn(`PostgreSQL closed a pooled connection (${error.message}); reconnecting on next use`),
  });
  try {
    const appliedMigrations = await migrateToLatest(handle.db);
    handle.prepareStatements();
    const ctx: ServiceContext = { db: handle.db, clock, blobs: createFileBlobStore(path.join(config.DATA_DIR, 'blobs')), settings: coreSettings(config) };
    return { handle, ctx, appliedMigrations };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
