// Quote files the end-to-end specs write and rewrite on disk, as TOS (through Excel) or a CSV export would: a CSV
// with a header of captions, or an .xlsx with one RTD formula per cell and its cached result. A rewrite goes to a
// temp name in the same folder and is renamed over the watched file (what Excel's save ends with), so the watcher
// never reads half a file.
import { renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { workbookBuffer, type CellSpec } from '../support/workbooks';

/** One symbol's quote; prices as decimal strings or numbers, as the file would hold them. */
export interface QuoteLine {
  readonly symbol: string;
  readonly description?: string;
  readonly last?: string | number;
  readonly bid?: string | number;
  readonly ask?: string | number;
  readonly mark?: string | number;
  readonly bidSize?: string | number;
  readonly askSize?: string | number;
  readonly volume?: string | number;
  readonly netChange?: string | number;
}

export type QuoteFileKind = 'csv' | 'xlsx';

/** The fields in file order: [field of QuoteLine, CSV caption, RTD field]. */
const COLUMNS = [
  ['description', 'Description', 'DESCRIPTION'],
  ['last', 'Last', 'LAST'],
  ['bid', 'Bid', 'BID'],
  ['ask', 'Ask', 'ASK'],
  ['mark', 'Mark', 'MARK'],
  ['bidSize', 'Bid Size', 'BID_SIZE'],
  ['askSize', 'Ask Size', 'ASK_SIZE'],
  ['volume', 'Volume', 'VOLUME'],
  ['netChange', 'Net Chng', 'NET_CHANGE'],
] as const;

const csvField = (value: string | number | undefined) => {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function quotesCsv(lines: readonly QuoteLine[]): string {
  const header = ['Symbol', ...COLUMNS.map(([, caption]) => caption)].join(',');
  const rows = lines.map((line) => [line.symbol, ...COLUMNS.map(([field]) => line[field])].map(csvField).join(','));
  return `${[header, ...rows].join('\r\n')}\r\n`;
}

/** A TOS RTD sheet: the symbol in column A, one RTD formula per field referencing it, the cached result beside it. */
export function quotesWorkbook(lines: readonly QuoteLine[]): Promise<Buffer> {
  const rows: CellSpec[][] = [
    ['Symbol', ...COLUMNS.map(([, caption]) => caption)],
    ...lines.map((line, i) => [
      line.symbol,
      ...COLUMNS.map(([field, , rtdField]): CellSpec => {
        const value = line[field];
        const result = value === undefined ? undefined : field === 'description' ? String(value) : Number(value);
        return { formula: `RTD("tos.rtd",,"${rtdField}",$A${i + 2})`, result };
      }),
    ]),
  ];
  return workbookBuffer({ LiveData: rows });
}

export async function quoteFileBytes(kind: QuoteFileKind, lines: readonly QuoteLine[]): Promise<Buffer> {
  return kind === 'csv' ? Buffer.from(quotesCsv(lines), 'utf8') : quotesWorkbook(lines);
}

let temps = 0;

/** Writes the bytes to a temp file beside `path` and renames it over `path`; returns Date.now() at the rename. */
export function replaceFile(path: string, bytes: Buffer): number {
  const temp = join(dirname(path), `~$${basename(path)}.${process.pid}.${temps++}.tmp`);
  writeFileSync(temp, bytes);
  const at = Date.now();
  renameSync(temp, path);
  return at;
}

/** A quote file on disk that a spec rewrites: the watched path, and the rewrite. */
export class QuoteFile {
  constructor(
    readonly path: string,
    readonly kind: QuoteFileKind,
    private lines: readonly QuoteLine[],
  ) {}

  /** What the file says now. */
  get quotes(): readonly QuoteLine[] {
    return this.lines;
  }

  /** Rewrites the whole file (temp + rename). */
  async write(lines: readonly QuoteLine[]): Promise<void> {
    this.lines = lines;
    replaceFile(this.path, await quoteFileBytes(this.kind, lines));
  }

  /** Rewrites the file with some symbols' fields changed, the others as they were. */
  async update(changes: Record<string, Partial<Omit<QuoteLine, 'symbol'>>>): Promise<void> {
    for (const symbol of Object.keys(changes)) {
      if (!this.lines.some((line) => line.symbol === symbol)) throw new Error(`quote file: no ${symbol} to update`);
    }
    await this.write(this.lines.map((line) => ({ ...line, ...changes[line.symbol] })));
  }
}
