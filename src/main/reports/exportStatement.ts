// One entry point for every export of a statement: read the account's range from a ledger, then write the chosen
// format to a file. The command line and the app's handler both call it; it never writes to the ledger.
import { STATEMENT_FORMATS, type StatementFormat } from '../../shared/vocabulary';
import { readStatement, type StatementRequest } from './ledgerReader';
import { writeFillsCsv, writeTradesCsv } from './plainCsv';
import type { LedgerSource } from './source';
import { fileSink } from './text';
import { writeTosStatement } from './tosStatement';

export { STATEMENT_FORMATS, type StatementFormat };

export function isStatementFormat(value: string): value is StatementFormat {
  return (STATEMENT_FORMATS as readonly string[]).includes(value);
}

export const STATEMENT_MIME_TYPES: Readonly<Record<StatementFormat, string>> = {
  'tos-csv': 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'trades-csv': 'text/csv',
  'fills-csv': 'text/csv',
};

/** The file name a save dialog proposes: `main-2026-01-05-to-2026-01-06-statement.csv`. */
export function statementFileName(request: StatementRequest, format: StatementFormat): string {
  const what = { 'tos-csv': 'AccountStatement.csv', xlsx: 'statement.xlsx', 'trades-csv': 'trades.csv', 'fills-csv': 'fills.csv' }[format];
  const range = request.from === request.to ? request.from : `${request.from}-to-${request.to}`;
  return `${request.accountId.replace(/[^A-Za-z0-9_.-]/g, '_')}-${range}-${what}`;
}

export type ExportProgress = (stage: 'reading' | 'writing', done: number, total: number) => void;

/** What an export wrote: how many records, and of what (trades for the trades CSV, fills otherwise). */
export interface ExportCount {
  readonly count: number;
  readonly of: 'fills' | 'trades';
}

/** Writes the statement of `request` in `format` to `path`; returns how many fills (or trades) it holds. */
export async function exportStatement(
  source: LedgerSource,
  request: StatementRequest,
  format: StatementFormat,
  path: string,
  onProgress?: ExportProgress,
): Promise<ExportCount> {
  // What each format shows, and nothing more: the plain CSVs need no orders, the trades CSV not even the fills.
  const data = await readStatement(source, request, {
    orders: format === 'xlsx' || format === 'tos-csv',
    events: format === 'xlsx',
    fills: format !== 'trades-csv',
    ...(onProgress ? { onProgress: (done: number, total: number) => onProgress('reading', done, total) } : {}),
  });
  const writing = onProgress ? (done: number, total: number) => onProgress('writing', done, total) : undefined;
  onProgress?.('writing', 0, 1);
  switch (format) {
    case 'tos-csv':
      await writeTosStatement(data, fileSink(path), writing);
      break;
    case 'xlsx': {
      // exceljs is loaded when a workbook is asked for, not with every process that can write a statement.
      const { writeWorkbook } = await import('./workbook');
      await writeWorkbook(data, path, writing);
      break;
    }
    case 'trades-csv':
      await writeTradesCsv(data, fileSink(path), writing);
      break;
    case 'fills-csv':
      await writeFillsCsv(data, fileSink(path), writing);
      break;
  }
  if (format === 'trades-csv') return { count: data.trades.length, of: 'trades' };
  return { count: new Set(data.pieces.map((p) => p.fill.id)).size, of: 'fills' };
}
