// Reads a quotes CSV (UTF-8, BOM allowed, quoted fields allowed) with a header of Symbol and field captions
// (LIVEDATA.md "CSV"). A torn file, a row with the wrong number of fields or a file that is not a quotes file
// fails the read, so the last good quotes stay. An error message never quotes the file: at most a line number.
import { parse } from 'csv-parse/sync';
import { canonicalSymbol } from '../engine/instruments';
import { captionKey, fieldOfCaption, SYMBOL_CAPTION, type LiveField } from './fields';
import { finishSnapshot, type LiveQuote, type Snapshot } from './snapshot';
import { fieldText, printable, textValue, type ValueWarning } from './values';

export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

const MACRO_HINT = 'export your RTD sheet with the macro in resources/';

const CR = 0x0d;
const LF = 0x0a;

/** csv-parse's record with where it ends; `info` is what lets a warning name the row's line. */
interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * The CSV's records with the line each starts on. csv-parse with Excel's leniency (a quote inside an unquoted field is
 * text) and any mix of CRLF, LF and CR. Its own error messages quote the file, so they are turned into ours, which
 * give at most a line number.
 */
function records(text: string): { fields: string[]; line: number }[] {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: false,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    throw csvError(error);
  }
  let previousEnd = 0;
  return parsed.map(({ record, info }) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    return { fields: record, line };
  });
}

function csvError(error: unknown): CsvFormatError {
  const { code, lines } = error as { code?: string; lines?: number };
  const at = typeof lines === 'number' && Number.isFinite(lines) ? ` on line ${Math.trunc(lines)}` : '';
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvFormatError(`not a readable CSV: a quoted field is not closed${at}`);
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new CsvFormatError(`not a readable CSV: text after a closing quote${at}`);
    default:
      return new CsvFormatError(`not a readable CSV${at}`);
  }
}

/**
 * Control characters other than tab and line breaks never occur in a text CSV; a PNG, a zip (a workbook renamed
 * .csv) or a UTF-16 file has them in its first bytes.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const CONTROL_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

function binaryProblem(text: string): string | null {
  if (text.startsWith('PK\u0003\u0004')) return 'not a text CSV file: it looks like a workbook (.xlsx) with a .csv name';
  if (!CONTROL_CHARACTER.test(text)) return null;
  if (text.startsWith('\uFFFD\uFFFD') && text.includes('\u0000')) return 'not a text CSV file: it is UTF-16 (Unicode text); save it as CSV UTF-8';
  return 'not a text CSV file';
}

const TITLE_LINES_LOOKED_AT = 5;
const TITLE_CHARS_LOOKED_AT = 200;

/**
 * thinkorswim's own exports start with a title line: what the file is, when we can tell from its first lines
 * (before any header holding a Symbol caption).
 */
function tosExportKind(text: string): string | null {
  let start = 0;
  let seen = 0;
  while (start < text.length && seen < TITLE_LINES_LOOKED_AT) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + TITLE_CHARS_LOOKED_AT)).replace(/^[\s"]+/, '');
    start = end + 1;
    if (line.trim() === '') continue;
    seen++;
    if (/^[a-z]*\s*quote and option quote for\s/i.test(line)) return 'a thinkorswim option-chain export';
    if (/^account statement for\s/i.test(line)) return 'a thinkorswim account statement';
    if (/^symbol:\s*\S/i.test(line.split(',')[0]!)) return 'a thinkorswim strategy report';
    if (line.split(',').some((caption) => captionKey(caption.replace(/"/g, '')) === SYMBOL_CAPTION)) return null;
  }
  return null;
}

/** A trailer such as `***END OF FILE***`: ends the data. */
function isTrailer(fields: readonly string[]): boolean {
  return fields[0]!.trimStart().startsWith('***') && fields.every((field, index) => index === 0 || field.trim() === '');
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

/** A file must end with a line break: otherwise it is being written, and its last field may be cut (`6857.25,6`). */
function isComplete(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  if (last === LF || last === CR) return true;
  // A trailer written without a final line break ends no data.
  const lastLine = text.slice(Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1);
  return lastLine.trimStart().startsWith('***') && lastLine.split(',').every((field, index) => index === 0 || field.trim() === '');
}

const SIZE_CAPTION = captionKey('Size');

interface Column {
  readonly index: number;
  readonly caption: string;
  readonly field: LiveField | 'size pair';
}

function headerColumns(header: readonly string[], symbolCol: number): Column[] {
  const sizePairs: Column[] = [];
  const fields: Column[] = [];
  header.forEach((raw, index) => {
    if (index === symbolCol) return;
    const caption = printable(raw.trim());
    const field = fieldOfCaption(raw);
    if (field) fields.push({ index, caption, field });
    else if (captionKey(raw) === SIZE_CAPTION) sizePairs.push({ index, caption, field: 'size pair' });
  });
  // A `640 x 280` Size column is read first, so Bid Size and Ask Size columns, when the file has them, win.
  return [...sizePairs, ...fields];
}

/** `640 x 280` (spaces optional): bid size 640, ask size 280. */
function sizePair(raw: string, warn: ValueWarning): [bidSize: string | null, askSize: string | null] {
  const at = raw.search(/x/i);
  if (at < 0) return [null, null];
  return [fieldText('bidSize', raw.slice(0, at), warn), fieldText('askSize', raw.slice(at + 1), warn)];
}

export function readCsvText(input: string): Snapshot {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text.trim() === '') throw new CsvFormatError('the CSV is empty');
  const binary = binaryProblem(text);
  if (binary) throw new CsvFormatError(binary);
  const kind = tosExportKind(text);
  if (kind) throw new CsvFormatError(`this is ${kind}, not a quotes file: ${MACRO_HINT}`);
  if (!isComplete(text)) throw new CsvFormatError('the CSV ends in the middle of a row (is it being written?)');

  const rows = records(text);
  // The header is the first record with a Symbol caption: rows above it (a sheet's title, blank rows) are not quotes.
  let header: string[] | null = null;
  let symbolCol = -1;
  let next = 0;
  while (next < rows.length && !header) {
    const record = rows[next++]!.fields;
    symbolCol = record.findIndex((caption) => captionKey(caption) === SYMBOL_CAPTION);
    if (symbolCol >= 0) header = record;
  }
  if (!header) throw new CsvFormatError('not a quotes file: no Symbol column');
  const columns = headerColumns(header, symbolCol);
  if (!columns.some((column) => column.field !== 'description')) {
    throw new CsvFormatError('not a quotes file: no price or size column (Last, Bid, Ask, Mark, Volume...)');
  }

  const quotes = new Map<string, LiveQuote>();
  const warnings: string[] = [];
  // One warning function for the whole read (not one per cell): a 100,000-row file has a million cells.
  let line = 0;
  let caption = '';
  const warn: ValueWarning = (problem) => warnings.push(`row ${line} ${caption}: ${problem}`);
  for (; next < rows.length; next += 1) {
    const { fields: row } = rows[next]!;
    line = rows[next]!.line;
    if (isBlank(row)) continue;
    if (isTrailer(row)) break;
    if (row.length !== header.length) {
      throw new CsvFormatError(`not a readable CSV: row ${line} has ${row.length} fields where the header has ${header.length}`);
    }
    const symbolText = textValue(row[symbolCol]);
    if (symbolText === null) continue;
    const symbol = canonicalSymbol(symbolText);
    const quote: LiveQuote = {};
    for (const column of columns) {
      const raw = row[column.index]!;
      caption = column.caption;
      if (column.field === 'description') quote.description = textValue(raw);
      else if (column.field === 'size pair') [quote.bidSize, quote.askSize] = sizePair(raw, warn);
      else quote[column.field] = fieldText(column.field, raw, warn);
    }
    if (quotes.has(symbol)) warnings.push(`row ${line}: ${printable(symbol)} appears again; the later row wins`);
    quotes.set(symbol, quote);
  }
  return finishSnapshot('csv', quotes, warnings);
}
