import { parse } from 'csv-parse/sync';
import { invalid } from '../errors.ts';

/** The columns an import file may have; the first four are required. */
export const CUSTOMER_CSV_COLUMNS = ['login', 'email', 'first_name', 'last_name', 'company', 'phone', 'language', 'password'] as const;
export type CustomerCsvColumn = (typeof CUSTOMER_CSV_COLUMNS)[number];
const REQUIRED: CustomerCsvColumn[] = ['login', 'email', 'first_name', 'last_name'];

/** One data row: its line in the file (where it starts) and its cells by column, trimmed. */
export interface CustomerCsvRow {
  line: number;
  cells: Partial<Record<CustomerCsvColumn, string>>;
  /** Set when the row has more or fewer cells than the header. */
  problem?: string;
}

/**
 * Parses a customer-user CSV as spreadsheets export it: UTF-8 with or without BOM, a header
 * row, `;` (German Excel) or `,` between cells, quoted cells with separators or line breaks.
 * A broken file or header throws VALIDATION_FAILED on field `csv`; a row with the wrong
 * number of cells is returned with its problem, so the other rows can still be imported.
 */
export function parseCustomerCsv(text: string): CustomerCsvRow[] {
  // One line-break style, so csv-parse's line counter matches what editors show.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const headerLine = normalised.slice(0, normalised.indexOf('\n') >= 0 ? normalised.indexOf('\n') : undefined);
  if (!headerLine.trim()) throw invalid('csv', 'line 1: the header row is missing (login, email, first_name, last_name, …)');
  const delimiter = count(headerLine, ';') > count(headerLine, ',') ? ';' : ',';
  const columns = headerLine.split(delimiter).map(normaliseHeader);
  checkHeader(columns);

  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    // With info and raw, csv-parse returns { record, raw, info } per row (its overloads type only plain records).
    records = parse(normalised, { delimiter, from_line: 2, info: true, raw: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    throw invalid('csv', `${where ? `line ${where}: ` : ''}${(error as Error).message}`);
  }
  return records
    .filter(({ record }) => record.some((cell) => cell !== ''))
    .map(({ record, raw, info }) => {
      const cells: CustomerCsvRow['cells'] = {};
      columns.forEach((column, i) => {
        if (record[i] !== undefined) cells[column] = record[i];
      });
      const row: CustomerCsvRow = { line: startLine(raw, info.lines), cells };
      if (record.length !== columns.length) row.problem = `has ${record.length} cells, the header has ${columns.length}; check the separators and quotes`;
      return row;
    });
}

function normaliseHeader(name: string): CustomerCsvColumn {
  return name.trim().replace(/^"|"$/g, '').trim().toLowerCase().replace(/[\s-]+/g, '_') as CustomerCsvColumn;
}

function checkHeader(columns: string[]): void {
  const unknown = columns.filter((c) => !(CUSTOMER_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) throw invalid('csv', `line 1: unknown column ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${CUSTOMER_CSV_COLUMNS.join(', ')}`);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) throw invalid('csv', `line 1: missing column ${missing.join(', ')}`);
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice) throw invalid('csv', `line 1: column ${twice} appears twice`);
}

/** The line a record starts on: csv-parse counts to its last line; skipped blank lines lead the raw text. */
function startLine(raw: string, lastLine: number): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return lastLine - count(body, '\n');
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
