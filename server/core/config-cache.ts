import type { ConfigMemo, ServiceContext } from './context.ts';

/**
 * Configuration kept in memory across mail intake's batches, as OTRS keeps it in its cache:
 * each batch reads one counter (`config_generation`, moved by triggers on every change to a
 * configuration table, from any process) instead of about ten configuration queries, and
 * starts afresh when it moved. A counter read before the configuration it guards means a
 * change committed meanwhile is seen by the next batch at the latest, as without the cache.
 */
export class ConfigCache {
  private generation: string | null = null;
  private memo: ConfigMemo = new Map();

  /** The memo for a batch's transaction `tx`: what earlier batches read, if nothing changed since. */
  async memoFor(tx: ServiceContext): Promise<ConfigMemo> {
    const row = await tx.db.selectFrom('config_generation').select('value').where('id', '=', 1).executeTakeFirst();
    // Without the row (a database restored without it) nothing is kept.
    if (!row) return new Map();
    const generation = String(row.value);
    if (generation !== this.generation) {
      this.memo = new Map();
      this.generation = generation;
    }
    return this.memo;
  }
}
