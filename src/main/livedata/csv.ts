// Reads a quotes CSV (UTF-8, BOM allowed, quoted fields allowed) with a header of Symbol and field captions.
// Same value rules as the workbook. A row with the wrong number of fields (a half-written file) fails the read,
// so the last good quotes stay.
import { parse } from 'csv-parse/sync';
import { canonicalSymbol } from '../engine/instruments';
import { captionKey, fieldOfCaption, SYMBOL_CAPTION, type LiveField } from './fields';
import type { LiveQuote, Snapshot } from './snapshot';
import { fieldValue, textValue } from './values';

export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

export function readCsvText(text: string): Snapshot {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_quotes: false, trim: false }) as string[][];
  } catch (error) {
    throw new CsvFormatError(`not a readable CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header) throw new CsvFormatError('the CSV is empty');
  const symbolCol = header.findIndex((h) => captionKey(h) === SYMBOL_CAPTION);
  if (symbolCol < 0) throw new CsvFormatError('the CSV header has no Symbol column');
  const columns = new Map<number, LiveField>();
  header.forEach((caption, index) => {
    const field = fieldOfCaption(caption);
    if (field && index !== symbolCol) columns.set(index, field);
  });
  const quotes = new Map<string, LiveQuote>();
  const warnings: string[] = [];
  body.forEach((row, index) => {
    const symbolText = textValue(row[symbolCol]);
    if (symbolText === null) return;
    const symbol = canonicalSymbol(symbolText);
    const quote: LiveQuote = quotes.get(symbol) ?? {};
    for (const [col, field] of columns) {
      const raw = row[col];
      if (raw === undefined) continue;
      quote[field] = field === 'description' ? textValue(raw) : fieldValue(field, raw);
    }
    if (quotes.has(symbol)) warnings.push(`row ${index + 2}: ${symbol} appears again; the later row wins`);
    quotes.set(symbol, quote);
  });
  return { source: 'csv', quotes, warnings };
}
