import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/support/test-db.ts';
import { migrateToLatest } from './migrate.ts';

describe.each(dialects)('migrations on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.destroy());

  it('an empty database gets the OTRS default configuration', async () => {
    const queues = await t.ctx.db.selectFrom('queue').select('full_name').orderBy('id').execute();
    expect(queues.map((q) => q.full_name)).toEqual(['Postmaster', 'Raw', 'Junk', 'Misc']);
    const priorities = await t.ctx.db.selectFrom('ticket_priority').select('name').orderBy('id').execute();
    expect(priorities.map((p) => p.name)).toEqual(['1 very low', '2 low', '3 normal', '4 high', '5 very high']);
    const states = await t.ctx.db
      .selectFrom('ticket_state as s')
      .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
      .select(['s.name', 'st.name as type'])
      .orderBy('s.id')
      .execute();
    expect(states).toContainEqual({ name: 'pending auto close+', type: 'pending auto' });
    expect(states).toContainEqual({ name: 'merged', type: 'merged' });
    expect(states).toHaveLength(9);
    const admin = await t.ctx.db.selectFrom('agent').select(['login', 'is_valid']).where('id', '=', 1).executeTakeFirstOrThrow();
    expect(admin).toEqual({ login: 'admin', is_valid: true });
  });

  it('running migrations again changes nothing', async () => {
    expect(await migrateToLatest(t.handle.db)).toEqual([]);
  });

  it('new rows get ids after the seeded ones (identity sequences moved past the seed)', async () => {
    const row = await t.ctx.db.insertInto('ticket_type').values({ name: 'Change' }).returning('id').executeTakeFirstOrThrow();
    expect(row.id).toBe(5);
  });
});
