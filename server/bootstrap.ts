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
  const handle = connectConfiguredDatabase(config);
  try {
    const appliedMigrations = await migrateToLatest(handle.db);
    handle.prepareStatements();
    return { handle, ctx: systemContext(config, handle, clock), appliedMigrations };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The configured database, not migrated (a second connection of a process that has done so). */
export function connectConfiguredDatabase(config: Config, options: { poolSize?: number } = {}): DatabaseHandle {
  return connectDatabase({
    databaseUrl: config.DATABASE_URL,
    sqliteFile: path.join(config.DATA_DIR, 'ticketwerk.sqlite'),
    poolSize: options.poolSize,
    onConnectionLost: (error) => console.warn(`PostgreSQL closed a pooled connection (${error.message}); reconnecting on next use`),
  });
}

/** The service context on an opened database: its blobs beside it, the configured settings. */
export function systemContext(config: Config, handle: DatabaseHandle, clock: Clock = systemClock): ServiceContext {
  return { db: handle.db, clock, blobs: createFileBlobStore(path.join(config.DATA_DIR, 'blobs')), settings: coreSettings(config) };
}
