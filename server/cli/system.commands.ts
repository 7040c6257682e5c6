import path from 'node:path';
import { describeConfig, loadConfig } from '../config/config.ts';
import { rebuildEscalationIndex } from '../core/escalation/escalation.service.ts';
import { systemActor } from '../core/permissions/actor.ts';
import { withSystem, type CliCommand } from './cli-support.ts';

/** `migrate`: brings the database to the latest schema. */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'migrate the database to the latest schema',
  usage: 'ticketwerk migrate\n\nUses DATABASE_URL, or the SQLite database in DATA_DIR.',
  options: {},
  async run(_values, env) {
    await withSystem(env, async ({ handle, appliedMigrations }) => {
      env.print(`Database: ${handle.dialect} at ${handle.location}`);
      if (appliedMigrations.length === 0) env.print('The database is up to date; no migration was applied.');
      else env.print(`Applied ${appliedMigrations.length} migration(s):\n${appliedMigrations.map((m) => `  ${m}`).join('\n')}`);
    });
  },
};

/** `config:show`: the effective configuration with secrets masked; does not open the database. */
export const configShowCommand: CliCommand = {
  name: 'config:show',
  summary: 'show the effective configuration (secrets masked)',
  usage: 'ticketwerk config:show\n\nPrints the configuration read from the environment as JSON, with passwords masked.',
  options: {},
  async run(_values, env) {
    const config = loadConfig(env.env);
    const masked = describeConfig(config);
    const database = config.DATABASE_URL
      ? { dialect: 'postgres', location: masked.DATABASE_URL }
      : { dialect: 'sqlite', location: path.resolve(config.DATA_DIR, 'ticketwerk.sqlite') };
    env.print(JSON.stringify({ ...masked, database }, null, 2));
  },
};

/** `escalation:rebuild`: recomputes the escalation times of all open tickets. */
export const escalationRebuildCommand: CliCommand = {
  name: 'escalation:rebuild',
  summary: 'recompute escalation times of all open tickets',
  usage:
    'ticketwerk escalation:rebuild\n\nRecomputes first response, update and solution escalation of every ticket that is not closed,\n' +
    'from its queue or SLA and its articles. Run it after upgrading from a version without escalation\n' +
    'times, or after changing the escalation targets of a queue or SLA.',
  options: {},
  async run(_values, env) {
    await withSystem(env, async ({ ctx }) => {
      const count = await rebuildEscalationIndex(ctx, systemActor('cli'));
      env.print(`Escalation times recomputed for ${count} open ticket(s).`);
    });
  },
};
