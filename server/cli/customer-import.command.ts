import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { importCustomerUsers } from '../core/customers/customer-import.service.ts';
import { systemActor } from '../core/permissions/actor.ts';
import { CliError, withSystem, type CliCommand } from './cli-support.ts';

/** `customer:import FILE.csv`: customer users from a spreadsheet or another help desk's export. */
export const customerImportCommand: CliCommand = {
  name: 'customer:import',
  summary: 'import customer users from a CSV file (new logins created, existing ones updated)',
  usage: [
    'ticketwerk customer:import FILE.csv [--dry-run]',
    '',
    '  FILE.csv     UTF-8 (with or without BOM), cells separated by ; or , and a header row:',
    '               login,email,first_name,last_name (required), company,phone,language,password',
    '  --dry-run    check every row and show what would happen; nothing is written',
    '',
    'The login decides whether a row creates or updates a customer user. company is a company',
    'key (CustomerID) or name; a company that does not exist yet is created. language is de or',
    'en (new users: de). Empty cells leave a value as it is. A bad row is reported with its line',
    'and column and skipped whole; the others are imported. Exit status 1 when a row failed.',
  ].join('\n'),
  options: { 'dry-run': { type: 'boolean' } },
  positionals: { name: 'FILE.csv', required: true },
  async run(values, env, positionals = []) {
    const file = positionals[0];
    if (!file) throw new CliError('Name the CSV file to import.');
    if (!existsSync(file)) throw new CliError(`${file} does not exist.`);
    const csv = await readFile(file, 'utf8');
    const dryRun = values['dry-run'] === true;
    const result = await withSystem(env, ({ ctx }) => importCustomerUsers(ctx, systemActor('cli'), { csv, dryRun }));
    for (const failure of result.failed) env.print(failure.message);
    const created = dryRun ? 'would be created' : 'created';
    const counts = [`${result.created} customer users ${created}`, `${result.updated} updated`, `${result.companiesCreated} companies ${created}`, `${result.failed.length} rows failed`];
    env.print(`${dryRun ? 'Dry run, nothing written: ' : ''}${counts.join(', ')}.`);
    if (result.failed.length > 0) throw new CliError(`${result.failed.length} row(s) of ${file} were not imported; fix them and run the command again.`);
  },
};
