import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config.ts';
import { DomainError } from '../core/errors.ts';
import { agentCreateCommand, agentPasswordCommand } from './agent.commands.ts';
import { CliError, type CliCommand, type CliEnv } from './cli-support.ts';
import { customerImportCommand } from './customer-import.command.ts';
import { mailImportCommand } from './mail-import.command.ts';
import { configShowCommand, escalationRebuildCommand, migrateCommand } from './system.commands.ts';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './token.commands.ts';

/** Every command, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  migrateCommand,
  agentCreateCommand,
  agentPasswordCommand,
  tokenCreateCommand,
  tokenListCommand,
  tokenRevokeCommand,
  mailImportCommand,
  customerImportCommand,
  escalationRebuildCommand,
  configShowCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: ticketwerk <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "ticketwerk <command> --help" for the options of a command.',
    'Configuration comes from the environment (DATA_DIR, DATABASE_URL, …), as for "npm start".',
  ].join('\n');
}

/** Runs one command line; returns the exit code (0 ok, 1 error). */
export async function runCli(argv: string[], env: CliEnv, printError: (line: string) => void): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    env.print(overview());
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    printError(`Unknown command "${name}".\n\n${overview()}`);
    return 1;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: !!command.positionals });
    if (values.help) {
      env.print(command.usage);
      return 0;
    }
    if (command.positionals?.required && positionals.length === 0) throw new CliError(`Missing ${command.positionals.name}.`);
    await command.run(values, env, positionals);
    return 0;
  } catch (error) {
    printError(describeError(error, command));
    // A command may ask for a special exit status (75: temporary failure, the mail server retries).
    return error instanceof CliError && typeof (error as CliError & { exitCode?: number }).exitCode === 'number' ? (error as CliError & { exitCode: number }).exitCode : 1;
  }
}

function describeError(error: unknown, command: CliCommand): string {
  if (error instanceof CliError) return `${error.message}\nRun "ticketwerk ${command.name} --help" for usage.`;
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DomainError) return error.details.field ? `${error.message} (option --${toOptionName(error.details.field)})` : error.message;
  // parseArgs names the offending option in its message (unknown option, missing value).
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return `${error.message}\nRun "ticketwerk ${command.name} --help" for usage.`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Core names fields in camelCase (firstName); the command line calls them --first-name. */
function toOptionName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
