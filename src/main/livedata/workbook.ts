// Reads a TOS workbook (.xlsx, .xlsm) into a snapshot: RTD cells understood from their formulas, tables by their
// header row, the RTD cell winning where both give a field (LIVEDATA.md). Reads only: never writes the file.
import ExcelJS from 'exceljs';
import { canonicalSymbol } from '../engine/instruments';
import { captionKey, fieldOfCaption, fieldOfRtd, SYMBOL_CAPTION, type LiveField } from './fields';
import { isTosProgId, parseRtdFormula, type Argument } from './rtdFormula';
import type { LiveQuote, LiveValue, Snapshot } from './snapshot';
import { fieldValue, textValue } from './values';

type Sheet = ExcelJS.Worksheet;
type Cell = ExcelJS.Cell;

/** The cached value of a cell: a formula's result (cell.result: exceljs drops a 0 from cell.value), else its value. */
function cached(cell: Cell): unknown {
  if (cell.type === ExcelJS.ValueType.Formula || cell.formula) return cell.result;
  return cell.value;
}

function valueFor(field: LiveField, raw: unknown): LiveValue {
  return field === 'description' ? textValue(raw) : fieldValue(field, raw);
}

class Quotes {
  readonly map = new Map<string, LiveQuote>();
  set(symbol: string, field: LiveField, value: LiveValue) {
    let quote = this.map.get(symbol);
    if (!quote) {
      quote = {};
      this.map.set(symbol, quote);
    }
    quote[field] = value;
  }
}

interface RtdCell {
  readonly row: number;
  readonly col: number;
  readonly symbol: string;
  readonly field: LiveField | undefined;
  readonly value: unknown;
}

/** Reads a workbook already in memory. */
export async function readWorkbookBuffer(buffer: Buffer | ArrayBuffer): Promise<Snapshot> {
  const workbook = new ExcelJS.Workbook();
  // Non-streaming on purpose: the streaming reader loses filled-down shared formulas.
  await workbook.xlsx.load(buffer as ArrayBuffer);
  const rtd = new Quotes();
  const table = new Quotes();
  const warnings: string[] = [];
  workbook.eachSheet((sheet) => readSheet(workbook, sheet, rtd, table, warnings));
  for (const [symbol, fields] of rtd.map) {
    for (const [field, value] of Object.entries(fields)) table.set(symbol, field as LiveField, value);
  }
  return { source: 'workbook', quotes: table.map, warnings };
}

function readSheet(workbook: ExcelJS.Workbook, sheet: Sheet, rtd: Quotes, table: Quotes, warnings: string[]) {
  const rtdCells: RtdCell[] = [];
  const rtdAddresses = new Set<string>();
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      const formula = cell.formula;
      if (!formula) return;
      const parsed = parseRtdFormula(formula);
      if (parsed.kind === 'none') return;
      const where = `${sheet.name}!${cell.address}`;
      if (parsed.kind === 'error') {
        if (/tos\.rtd/i.test(formula)) warnings.push(`${where}: ${parsed.message}`);
        return;
      }
      const progId = resolve(workbook, sheet, parsed.call.progId);
      if (progId.kind === 'ok' ? progId.text.trim().toLowerCase() !== 'tos.rtd' : !isTosProgId(parsed.call.progId)) return;
      const fieldName = resolve(workbook, sheet, parsed.call.field);
      if (fieldName.kind === 'error') return void warnings.push(`${where}: field argument ${fieldName.message}`);
      const symbolText = resolve(workbook, sheet, parsed.call.symbol);
      if (symbolText.kind === 'error') return void warnings.push(`${where}: symbol argument ${symbolText.message}`);
      const symbol = canonicalSymbol(symbolText.text);
      if (symbol === '') return void warnings.push(`${where}: symbol argument is empty`);
      const field = fieldOfRtd(fieldName.text);
      rtdCells.push({ row: Number(cell.row), col: Number(cell.col), symbol, field, value: cached(cell) });
      rtdAddresses.add(cell.address);
    });
  });

  const symbolsByRow = new Map<number, Set<string>>();
  for (const c of rtdCells) {
    if (!symbolsByRow.has(c.row)) symbolsByRow.set(c.row, new Set());
    symbolsByRow.get(c.row)!.add(c.symbol);
    // Fields we do not use (DELTA, IMPL_VOL...) are not an error; they are left out.
    if (c.field) rtd.set(c.symbol, c.field, valueFor(c.field, c.value));
  }
  readTables(sheet, table, symbolsByRow, rtdAddresses);
}

/** Header rows (a Symbol cell and two or more field captions) and the rows under them, to the first empty symbol. */
function readTables(sheet: Sheet, table: Quotes, symbolsByRow: Map<number, Set<string>>, rtdAddresses: Set<string>) {
  const rowCount = sheet.actualRowCount > 0 ? sheet.rowCount : 0;
  for (let r = 1; r <= rowCount; r += 1) {
    const header = headerOf(sheet.getRow(r));
    if (!header) continue;
    let rowNumber = r + 1;
    for (; rowNumber <= rowCount; rowNumber += 1) {
      const row = sheet.getRow(rowNumber);
      const label = textValue(cached(row.getCell(header.symbolCol)));
      if (label === null) break;
      const rtdSymbols = symbolsByRow.get(rowNumber);
      // A row whose RTD cells all name one symbol is that symbol's; the Symbol cell is then only a label.
      const symbol = rtdSymbols?.size === 1 ? [...rtdSymbols][0]! : canonicalSymbol(label);
      for (const [col, field] of header.columns) {
        const cell = row.getCell(col);
        if (rtdAddresses.has(cell.address)) continue;
        const raw = cached(cell);
        if (raw === null || raw === undefined) continue;
        table.set(symbol, field, valueFor(field, raw));
      }
    }
    r = rowNumber - 1;
  }
}

function headerOf(row: ExcelJS.Row): { symbolCol: number; columns: Map<number, LiveField> } | null {
  let symbolCol = 0;
  const columns = new Map<number, LiveField>();
  row.eachCell({ includeEmpty: false }, (cell) => {
    const text = typeof cell.value === 'string' ? cell.value : textValue(cached(cell));
    if (text === null) return;
    if (captionKey(text) === SYMBOL_CAPTION && symbolCol === 0) symbolCol = Number(cell.col);
    else {
      const field = fieldOfCaption(text);
      if (field) columns.set(Number(cell.col), field);
    }
  });
  return symbolCol > 0 && columns.size >= 2 ? { symbolCol, columns } : null;
}

type Resolved = { kind: 'ok'; text: string } | { kind: 'error'; message: string };

/** An argument's text: literals as written, references through their cached values. */
function resolve(workbook: ExcelJS.Workbook, sheet: Sheet, argument: Argument): Resolved {
  if (argument.length === 0) return { kind: 'error', message: 'is empty' };
  let text = '';
  for (const term of argument) {
    if (term.kind === 'text') {
      text += term.text;
      continue;
    }
    const target = term.sheet ? workbook.getWorksheet(term.sheet) : sheet;
    if (!target) return { kind: 'error', message: `refers to a missing sheet ${term.sheet}` };
    const value = textValue(cached(target.getCell(term.address)));
    if (value === null) return { kind: 'error', message: `refers to an empty cell` };
    text += value;
  }
  return { kind: 'ok', text };
}
