import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutoResponse } from '../../server/core/auto-responses/auto-response-admin.service.ts';
import { createService } from '../../server/core/catalog/service-tree.service.ts';
import { createSla } from '../../server/core/catalog/sla-and-texts.service.ts';
import { ConfigCache } from '../../server/core/config-cache.ts';
import type { ServiceContext } from '../../server/core/context.ts';
import { prepareRawMail, processPreparedMails, type PreparedMail } from '../../server/core/mail-intake/intake-batch.ts';
import { receiveRawMail } from '../../server/core/mail-intake/raw-mail.service.ts';
import { CONFIGURATION_TABLES } from '../../server/db/migrations/202612080101_configuration_generation.ts';
import { system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('configuration kept across intake batches (%s)', (dialect) => {
  let t: TestDatabase;
  const generation = async () => String((await t.ctx.db.selectFrom('config_generation').select('value').executeTakeFirstOrThrow()).value);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.destroy());

  it('every change to every configuration table moves the generation, whoever writes it', async () => {
    // The tables a fresh desk leaves empty get a row the way an admin would add one.
    await createService(t.ctx, system, { name: 'Drucken' });
    await createSla(t.ctx, system, { name: 'Standard', solutionTime: 480 });
    const answer = await createAutoResponse(t.ctx, system, { queueId: 4, event: 'new_ticket', language: 'de', subject: 'Eingang', body: 'Danke.' });

    for (const table of CONFIGURATION_TABLES) {
      const before = await generation();
      await sql`UPDATE ${sql.table(table)} SET id = id WHERE id = (SELECT min(id) FROM ${sql.table(table)})`.execute(t.ctx.db);
      expect({ table, moved: (await generation()) !== before }).toEqual({ table, moved: true });
    }
    const before = await generation();
    await t.ctx.db.deleteFrom('auto_response').where('id', '=', answer.id).execute();
    expect(await generation()).not.toBe(before);
  });

  it('a batch reads the configuration only when it changed since the last batch', async () => {
    const seen: string[] = [];
    const counter: KyselyPlugin = {
      transformQuery(args) {
        seen.push(t.ctx.db.getExecutor().compileQuery(args.node, args.queryId).sql);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const ctx: ServiceContext = { ...t.ctx, db: t.ctx.db.withPlugin(counter) };
    const config = new ConfigCache();
    let n = 0;
    const filterReadsOfABatch = async () => {
      n += 1;
      const raw = Buffer.from(`From: student${n}@student.uni-spree.de\r\nTo: support@uni-spree.de\r\nSubject: Frage ${n}\r\nMessage-ID: <cache-${n}@student.uni-spree.de>\r\n\r\nHallo\r\n`);
      const { rawMailId } = await receiveRawMail(t.ctx, { raw, source: 'smtp 127.0.0.1' });
      const prepared = (await prepareRawMail(t.ctx, rawMailId)) as PreparedMail;
      seen.length = 0;
      const { results } = await processPreparedMails(ctx, [prepared], { config });
      expect(results[0]?.status).toBe('processed');
      return seen.filter((statement) => statement.includes('from "postmaster_filter"')).length;
    };

    expect(await filterReadsOfABatch()).toBe(1);
    expect(await filterReadsOfABatch()).toBe(0);
    await sql`UPDATE signature SET text = text || ${'\n-- '}`.execute(t.ctx.db);
    expect(await filterReadsOfABatch()).toBe(1);
    expect(await filterReadsOfABatch()).toBe(0);
  });
});
