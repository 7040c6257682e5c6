import type { Language } from '../../../shared/domain.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { parseCustomerCsv, type CustomerCsvColumn, type CustomerCsvRow } from './customer-csv.ts';
import { checkUser, createCustomerCompany, createCustomerUser, updateCustomerUser, type CustomerUserInput } from './customer.service.ts';

/** A row that was not imported: its line, the column at fault (null for the row as a whole), why. */
export interface ImportFailure {
  line: number;
  field: CustomerCsvColumn | null;
  message: string;
}

/** What an import did (or, in a dry run, would do). */
export interface ImportResult {
  created: number;
  updated: number;
  /** Companies created because a row named one that did not exist. */
  companiesCreated: number;
  failed: ImportFailure[];
  dryRun: boolean;
}

/** Options of an import. */
export interface ImportInput {
  /** The file's text (header row, then one customer user per row). */
  csv: string;
  /** Check and count everything, then roll back: nothing is written. */
  dryRun?: boolean;
}

/** Core names fields in camelCase; the file's columns are snake_case. */
const COLUMN_OF_FIELD: Record<string, CustomerCsvColumn> = {
  login: 'login', email: 'email', firstName: 'first_name', lastName: 'last_name', customerCompanyId: 'company', phone: 'phone', language: 'language', password: 'password',
};

/** Thrown to roll back a dry run; carries the result out of the transaction. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Imports customer users from CSV (admins): creates new logins, updates existing ones (the
 * login decides, case-insensitively), creates companies a row names by key or name when
 * missing. Empty cells leave a value as it is. A row is checked completely before anything
 * of it is written, so a bad row is reported with line and column and skipped whole while
 * the good rows import.
 */
export async function importCustomerUsers(ctx: ServiceContext, actor: Actor, input: ImportInput): Promise<ImportResult> {
  requireAdmin(actor);
  const rows = parseCustomerCsv(input.csv);
  const dryRun = input.dryRun === true;
  try {
    return await inTransaction(ctx, async (tx) => {
      const result: ImportResult = { created: 0, updated: 0, companiesCreated: 0, failed: [], dryRun };
      for (const row of rows) await importRow(tx, actor, row, result);
      if (dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}

async function importRow(ctx: ServiceContext, actor: Actor, row: CustomerCsvRow, result: ImportResult): Promise<void> {
  if (row.problem) {
    result.failed.push({ line: row.line, field: null, message: `line ${row.line} ${row.problem}` });
    return;
  }
  const cell = (column: CustomerCsvColumn) => (row.cells[column] ? row.cells[column] : undefined);
  const language = cell('language')?.toLowerCase();
  const input: CustomerUserInput = {
    login: cell('login') ?? '', email: cell('email') ?? '', firstName: cell('first_name') ?? '', lastName: cell('last_name') ?? '',
    phone: cell('phone'), password: cell('password'), language: language as Language | undefined,
  };
  try {
    checkUser(input);
    const existing = await ctx.db.selectFrom('customer_user').select('id').where((eb) => eb(eb.fn('lower', ['login']), '=', input.login.trim().toLowerCase())).executeTakeFirst();
    const companyName = cell('company');
    const customerCompanyId = companyName === undefined ? undefined : await findOrCreateCompany(ctx, actor, companyName, result);
    if (existing) {
      const { login: _login, ...change } = input;
      await updateCustomerUser(ctx, actor, existing.id, withoutUndefined({ ...change, customerCompanyId }));
      result.updated++;
    } else {
      await createCustomerUser(ctx, actor, { ...input, customerCompanyId });
      result.created++;
    }
  } catch (error) {
    // Anything but a problem of this row's data (no database, a bug) stops the whole import.
    if (!(error instanceof DomainError) || !error.details.field) throw error;
    const field = error.details.field ? (COLUMN_OF_FIELD[error.details.field] ?? null) : null;
    // Core's message starts with its camelCase field name; the file's column is reported instead.
    const reason = error.message.replace(/^[A-Za-z]+: /, '');
    result.failed.push({ line: row.line, field, message: `line ${row.line}${field ? `, ${field}` : ''}: ${reason}` });
  }
}

/** The company a row names by key (OTRS CustomerID) or by name; created (key = name) when none matches. */
async function findOrCreateCompany(ctx: ServiceContext, actor: Actor, text: string, result: ImportResult): Promise<number> {
  const wanted = text.trim().toLowerCase();
  const found = await ctx.db
    .selectFrom('customer_company')
    .select('id')
    .where((eb) => eb.or([eb(eb.fn('lower', ['customer_id']), '=', wanted), eb(eb.fn('lower', ['name']), '=', wanted)]))
    .orderBy('id')
    .executeTakeFirst();
  if (found) return found.id;
  if (text.trim().length > 150) throw new DomainError('VALIDATION_FAILED', 'customerCompanyId: a new company key can have at most 150 characters', { field: 'customerCompanyId' });
  const company = await createCustomerCompany(ctx, actor, { customerId: text.trim(), name: text.trim() });
  result.companiesCreated++;
  return company.id;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
