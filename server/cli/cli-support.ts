import type { ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config/config.ts';
import type { OpenedSystem } from '../bootstrap.ts';

/** Option values as node:util parseArgs returns them. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One command of `ticketwerk`. */
export interface CliCommand {
  /** What the admin types, e.g. `agent:create`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage and option lines printed by `--help`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Arguments without an option name (e.g. the file of mail:import); absent = none allowed. */
  positionals?: { name: string; required: boolean };
  run(values: OptionValues, env: CliEnv, positionals?: string[]): Promise<void>;
}

/** What commands get from the outside: the environment and an output sink. */
export interface CliEnv {
  env: Record<string, string | undefined>;
  print(line: string): void;
}

/** A mistake in how the command was called; printed without a stack trace, exit code 1. */
export class CliError extends Error {}

/** A required string option, or a CliError naming it. */
export function requireString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`Missing required option --${name}.`);
  return value;
}

/** An optional string option (undefined when absent). */
export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`Option --${name} needs a value.`);
  return value;
}

/** A repeatable string option as a list. */
export function stringList(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** A required positive integer option, or a CliError naming it. */
export function requirePositiveInt(values: OptionValues, name: string): number {
  const raw = requireString(values, name);
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new CliError(`Option --${name} must be a positive whole number, not "${raw}".`);
  return Number(raw);
}

/**
 * Runs `work` against the configured, migrated database and always closes it, so a failing
 * command does not leave the process hanging on an open pool.
 */
export async function withSystem<T>(env: CliEnv, work: (system: OpenedSystem, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(env.env);
  // Loaded on demand: the database drivers take a while to load, and --help or config:show need none.
  const { openSystem } = await import('../bootstrap.ts');
  const system = await openSystem(config);
  try {
    return await work(system, config);
  } finally {
    await system.handle.close();
  }
}

/** Prints rows as a left-aligned table with a header line. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}
