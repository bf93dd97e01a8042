// Turns what a workbook holds (workbookModel.ts) into a snapshot, by LIVEDATA.md's rules: RTD values from Excel's
// volatileDependencies when the workbook has it, else from the cells' RTD formulas; tables by their header row; the
// RTD value winning where both give a field. Pure: it reads no file, and never writes one.
import { canonicalSymbol } from '../engine/instruments';
import { captionKey, fieldOfCaption, fieldOfRtd, SYMBOL_CAPTION, type LiveField } from './fields';
import { isTosProgId, parseRtdFormula, type Argument, type ParsedFormula } from './rtdFormula';
import { finishSnapshot, type LiveQuote, type LiveValue, type Snapshot } from './snapshot';
import { textMemo } from './textMemo';
import { fieldText, textValue } from './values';
import { columnName, parseAddress, type CellValue, type ModelCell, type ModelSheet, type WorkbookModel } from './workbookModel';

/**
 * Where the value being read sits, for its warnings: one per read, moved from cell to cell, the address built only
 * when there is something to say (most cells have nothing).
 */
class CellWarnings {
  sheet: ModelSheet | null = null;
  row = 0;
  col = 0;
  constructor(private readonly warnings: string[]) {}
  readonly warn = (problem: string) => {
    this.warnings.push(this.sheet ? `${where(this.sheet, this.row, this.col)}: ${problem}` : problem);
  };
  valueFor(field: LiveField, raw: unknown, sheet: ModelSheet | null, row: number, col: number): LiveValue {
    if (field === 'description') return textValue(raw);
    this.sheet = sheet;
    this.row = row;
    this.col = col;
    return fieldText(field, raw, this.warn);
  }
}

class Quotes {
  readonly map = new Map<string, LiveQuote>();
  // A symbol's fields come one after another (a row, a topic per field): the last symbol's quote is kept at hand.
  private lastSymbol = '';
  private last: LiveQuote | undefined;
  set(symbol: string, field: LiveField, value: LiveValue) {
    let quote = symbol === this.lastSymbol ? this.last : this.map.get(symbol);
    if (!quote) {
      quote = {};
      this.map.set(symbol, quote);
    }
    this.lastSymbol = symbol;
    this.last = quote;
    quote[field] = value;
  }
}

/** Which cells of a sheet show RTD topics, and the symbol each row's RTD cells name. */
class RtdCells {
  private readonly rows = new Map<number, RtdRow>();
  // Cells come row by row: the row last added to is nearly always the next one's.
  private last: RtdRow | undefined;

  add(row: number, col: number, symbol: string | null) {
    let cells = this.last?.row === row ? this.last : this.rows.get(row);
    if (!cells) this.rows.set(row, (cells = { row, cols: [], symbol: undefined }));
    this.last = cells;
    cells.cols.push(col);
    if (symbol === null || cells.symbol === null) return;
    if (cells.symbol === undefined) cells.symbol = symbol;
    else if (cells.symbol !== symbol) cells.symbol = null;
  }

  has(row: number, col: number): boolean {
    return this.rows.get(row)?.cols.includes(col) ?? false;
  }

  /** The symbol a row's RTD cells all name; undefined when they name none or several. */
  symbolOf(row: number): string | undefined {
    return this.rows.get(row)?.symbol ?? undefined;
  }
}

interface RtdRow {
  readonly row: number;
  /** A row holds a handful of RTD cells: a list is quicker to fill and search than a set. */
  readonly cols: number[];
  /** The one symbol its RTD cells name; null when they name several. */
  symbol: string | null | undefined;
}

/** The map's keys in ascending order. A read inserts rows and cells in the order the sheet has them, so the sort is
 * only needed when a part was written out of order. */
function sortedKeys<T>(map: ReadonlyMap<number, T>): number[] {
  const keys = [...map.keys()];
  for (let i = 1; i < keys.length; i += 1) if (keys[i - 1]! > keys[i]!) return keys.sort((a, b) => a - b);
  return keys;
}

function where(sheet: ModelSheet, row: number, col: number): string {
  return `${sheet.name}!${columnName(col)}${row}`;
}

/** canonicalSymbol and fieldOfRtd for text that repeats in every cell of a column or a row, worked out once a read. */
class Names {
  private readonly symbols = new Map<string, string>();
  private readonly fields = new Map<string, LiveField | undefined>();
  symbol(text: string): string {
    let symbol = this.symbols.get(text);
    if (symbol === undefined) this.symbols.set(text, (symbol = canonicalSymbol(text)));
    return symbol;
  }
  field(text: string): LiveField | undefined {
    if (this.fields.has(text)) return this.fields.get(text);
    const field = fieldOfRtd(text);
    this.fields.set(text, field);
    return field;
  }
}

/** The quotes a workbook holds. */
export function quotesOfWorkbook(model: WorkbookModel): Snapshot {
  const rtd = new Quotes();
  const table = new Quotes();
  const warnings: string[] = [];
  const cellWarnings = new CellWarnings(warnings);
  const names = new Names();
  const rtdCells = new Map<ModelSheet, RtdCells>(model.sheets.map((sheet) => [sheet, new RtdCells()]));
  if (model.volatile) readVolatileTopics(model, rtd, rtdCells, warnings, cellWarnings, names);
  else model.sheets.forEach((sheet, index) => readRtdFormulas(model, sheet, index, rtd, rtdCells.get(sheet)!, warnings, cellWarnings, names));
  for (const sheet of model.sheets) readTables(sheet, table, rtdCells.get(sheet)!, cellWarnings);
  for (const [symbol, fields] of rtd.map) {
    for (const key in fields) {
      const field = key as LiveField;
      const value = fields[field]!;
      // An RTD cell without a value does not hide a table's value (rule 3).
      if (value === null && table.map.get(symbol)?.[field] != null) continue;
      table.set(symbol, field, value);
    }
  }
  return finishSnapshot('workbook', table.map, warnings);
}

/** Rule 4: Excel's own list of live topics, with their arguments evaluated and their current values. */
function readVolatileTopics(
  model: WorkbookModel,
  rtd: Quotes,
  rtdCells: Map<ModelSheet, RtdCells>,
  warnings: string[],
  cellWarnings: CellWarnings,
  names: Names,
) {
  const sheetsById = new Map<number, ModelSheet>();
  for (const sheet of model.sheets) if (sheet.sheetId !== null) sheetsById.set(sheet.sheetId, sheet);
  const topics = model.volatile!;
  // Read by index, making no object a topic. A part's topics share one server string: it is judged once.
  let server: string | null = null;
  let ours = false;
  for (let topic = 0; topic < topics.count; topic += 1) {
    if (topics.server(topic) !== server) {
      server = topics.server(topic);
      ours = server.trim().toLowerCase() === 'tos.rtd';
    }
    if (!ours) continue; // other RTD servers are not ours: no warning
    const cellCount = topics.cellCount(topic);
    const firstSheet = (cellCount > 0 && sheetsById.get(topics.cellSheetId(topic, 0))) || null;
    const firstRow = cellCount > 0 ? topics.cellRow(topic, 0) : 0;
    const firstCol = cellCount > 0 ? topics.cellCol(topic, 0) : 0;
    const symbol = names.symbol(topics.string(topic, 2));
    for (let cell = 0; cell < cellCount; cell += 1) {
      const sheet = sheetsById.get(topics.cellSheetId(topic, cell));
      if (sheet) rtdCells.get(sheet)!.add(topics.cellRow(topic, cell), topics.cellCol(topic, cell), symbol === '' ? null : symbol);
    }
    // A topic with no symbol is a formula filled down past the last symbol: it shows #N/A and means nothing.
    if (symbol === '') continue;
    if (topics.stringCount(topic) > 3) warnings.push(`${firstSheet ? `${where(firstSheet, firstRow, firstCol)}: ` : ''}extra RTD arguments after the symbol are ignored`);
    const field = names.field(topics.string(topic, 1));
    if (field) rtd.set(symbol, field, cellWarnings.valueFor(field, topics.value(topic), firstSheet, firstRow, firstCol));
  }
}

/** Rules 1 and 5 without volatileDependencies: each cell's RTD formula, its arguments resolved from cached values. */
function readRtdFormulas(
  model: WorkbookModel,
  sheet: ModelSheet,
  sheetIndex: number,
  rtd: Quotes,
  cells: RtdCells,
  warnings: string[],
  cellWarnings: CellWarnings,
  names: Names,
) {
  // One context for the sheet, moved from cell to cell: resolve keeps nothing of it.
  const context: Context = { model, sheet, sheetIndex, row: 0, col: 0 };
  const places = plainRtdPlacesOf(sheet.name);
  let place = 0;
  for (const row of sortedKeys(sheet.rows)) {
    const rowCells = sheet.rows.get(row)!;
    for (const col of sortedKeys(rowCells)) {
      const cell = rowCells.get(col)!;
      const formula = cell.formula;
      if (!formula) continue;
      const at = place++;
      const known = places[at];
      if (known !== undefined && known.formula === formula && known.row === row && known.col === col) {
        if (known.refRow === 0 || cellValue(sheet, known.refRow, known.refCol) === known.label) {
          cells.add(row, col, known.symbol);
          if (known.field) rtd.set(known.symbol, known.field, cellWarnings.valueFor(known.field, cell.value, sheet, row, col));
          continue;
        }
      }
      const parsed = parseRtdFormula(formula);
      if (parsed.kind === 'none') continue;
      if (parsed.kind === 'error') {
        if (/tos\.rtd/i.test(formula)) warnings.push(`${where(sheet, row, col)}: ${parsed.message}`);
        continue;
      }
      context.row = row;
      context.col = col;
      const progId = resolve(context, parsed.call.progId);
      if (progId.kind === 'ok' ? progId.text.trim().toLowerCase() !== 'tos.rtd' : !isTosProgId(parsed.call.progId)) continue;
      const fieldName = resolve(context, parsed.call.field);
      if (fieldName.kind === 'error') {
        warnings.push(`${where(sheet, row, col)}: field argument ${fieldName.message}`);
        continue;
      }
      const symbolText = resolve(context, parsed.call.symbol);
      if (symbolText.kind === 'error') {
        warnings.push(`${where(sheet, row, col)}: symbol argument ${symbolText.message}`);
        continue;
      }
      const symbol = names.symbol(symbolText.text);
      if (symbol === '') {
        warnings.push(`${where(sheet, row, col)}: symbol argument is empty`);
        continue;
      }
      cells.add(row, col, symbol);
      if (parsed.wrapped) {
        // The cell shows what the formula makes of the topic, not the topic: without volatileDependencies we have no
        // way to the topic's own value.
        warnings.push(`${where(sheet, row, col)}: RTD inside a formula: value not used`);
        continue;
      }
      if (parsed.extraArguments > 0) warnings.push(`${where(sheet, row, col)}: extra RTD arguments after the symbol are ignored`);
      // Fields we do not use (DELTA, IMPL_VOL...) are not an error; they are left out.
      const field = names.field(fieldName.text);
      if (field) rtd.set(symbol, field, cellWarnings.valueFor(field, cell.value, sheet, row, col));
      rememberPlainRtdCell(places, at, parsed, formula, row, col, sheet, symbol, field);
    }
  }
}

/**
 * What a plain RTD cell came to at one place of a sheet, the last time it was read: a ProgID, a field and a symbol
 * that are literals, or a symbol that is a reference on the cell's own sheet. Its symbol and field follow from its
 * formula and place, and that cell's value alone: a cell with the same three at the same place is not worked out
 * again (the same sheet is read every second; 10,000 such cells are most of a read of 1,000 symbols).
 */
interface PlainRtdCell {
  readonly formula: string;
  readonly row: number;
  readonly col: number;
  /** The cell the symbol refers to (0, 0: a literal symbol), and its value then. */
  readonly refRow: number;
  readonly refCol: number;
  readonly label: CellValue;
  readonly symbol: string;
  readonly field: LiveField | undefined;
}

/** RTD cells a sheet may have remembered by place; past it, they are worked out every read. */
const MAX_RTD_PLACES = 100_000;
/** A sheet's remembered RTD cells, by the sheet's name (textMemo: past 64 sheets, more than a quotes workbook has,
 * all are dropped). */
const plainRtdPlacesOf: (sheetName: string) => PlainRtdCell[] = textMemo(64, () => []);

/** Remembers the cell at `place` when its formula is plain (see PlainRtdCell); any other is worked out every read. */
function rememberPlainRtdCell(
  places: PlainRtdCell[],
  place: number,
  parsed: Extract<ParsedFormula, { kind: 'rtd' }>,
  formula: string,
  row: number,
  col: number,
  sheet: ModelSheet,
  symbol: string,
  field: LiveField | undefined,
): void {
  if (place >= MAX_RTD_PLACES || parsed.wrapped || parsed.extraArguments > 0) return;
  const { progId, field: fieldArgument, symbol: symbolArgument } = parsed.call;
  if (progId.length !== 1 || progId[0]!.kind !== 'text' || fieldArgument.length !== 1 || fieldArgument[0]!.kind !== 'text') return;
  if (symbolArgument.length !== 1) return;
  const term = symbolArgument[0]!;
  let refRow = 0;
  let refCol = 0;
  let label: CellValue = null;
  if (term.kind === 'ref') {
    if (term.sheet !== null || term.cell === null) return;
    refRow = term.cell.row;
    refCol = term.cell.col;
    label = cellValue(sheet, refRow, refCol);
    if (typeof label === 'object') return; // an error value: compared by identity it would never match again
  } else if (term.kind !== 'text') return;
  places[place] = { formula, row, col, refRow, refCol, label, symbol, field };
}

/** Header rows (a Symbol cell and two or more field captions) and the rows under them, to the first empty symbol. */
function readTables(sheet: ModelSheet, table: Quotes, rtdCells: RtdCells, cellWarnings: CellWarnings) {
  const rows = sortedKeys(sheet.rows);
  for (let i = 0; i < rows.length; i += 1) {
    const header = headerOf(sheet.rows.get(rows[i]!)!);
    if (!header) continue;
    let rowNumber = rows[i]! + 1;
    for (; ; rowNumber += 1) {
      const row = sheet.rows.get(rowNumber);
      const label = row ? textValue(row.get(header.symbolCol)?.value ?? null) : null;
      if (label === null || !row) break;
      // A row whose RTD cells all name one symbol is that symbol's; the Symbol cell is then only a label.
      const symbol = rtdCells.symbolOf(rowNumber) ?? canonicalSymbol(label);
      if (symbol === '') break;
      for (const [col, field] of header.columns) {
        if (rtdCells.has(rowNumber, col)) continue;
        const raw = row.get(col)?.value ?? null;
        if (raw === null) continue;
        table.set(symbol, field, cellWarnings.valueFor(field, raw, sheet, rowNumber, col));
      }
    }
    // Go on below the table.
    while (i + 1 < rows.length && rows[i + 1]! < rowNumber) i += 1;
  }
}

function headerOf(row: ReadonlyMap<number, ModelCell>): { symbolCol: number; columns: Map<number, LiveField> } | null {
  let symbolCol = 0;
  const columns = new Map<number, LiveField>();
  for (const col of sortedKeys(row)) {
    const value = row.get(col)!.value;
    // No caption is a number or TRUE: most cells of a quotes sheet are numbers, not worth turning into text.
    if (typeof value === 'number' || typeof value === 'boolean') continue;
    const text = typeof value === 'string' ? value : textValue(value);
    if (text === null) continue;
    if (captionKey(text) === SYMBOL_CAPTION && symbolCol === 0) symbolCol = col;
    else {
      const field = fieldOfCaption(text);
      if (field) columns.set(col, field);
    }
  }
  return symbolCol > 0 && columns.size >= 2 ? { symbolCol, columns } : null;
}

interface Context {
  readonly model: WorkbookModel;
  readonly sheet: ModelSheet;
  readonly sheetIndex: number;
  row: number;
  col: number;
}

type Resolved = { kind: 'ok'; text: string } | { kind: 'error'; message: string };

const EMPTY_ARGUMENT: Resolved = { kind: 'error', message: 'is empty' };
const EMPTY_CELL: Resolved = { kind: 'error', message: 'refers to an empty cell' };

/**
 * An argument's text: literals as written, references and names through their cached values. The forms nearly every
 * cell has (one literal, one reference on its own sheet) are answered without building anything.
 */
function resolve(context: Context, argument: Argument): Resolved {
  if (argument.length === 0) return EMPTY_ARGUMENT;
  if (argument.length === 1) {
    const term = argument[0]!;
    if (term.kind === 'text') return { kind: 'ok', text: term.text };
    if (term.kind === 'ref' && term.sheet === null) {
      const address = term.cell;
      if (address) {
        const text = textValue(cellValue(context.sheet, address.row, address.col));
        return text === null ? EMPTY_CELL : { kind: 'ok', text };
      }
    }
  }
  let text = '';
  for (const term of argument) {
    if (term.kind === 'text') {
      text += term.text;
      continue;
    }
    let target: { sheet: ModelSheet; row: number; col: number } | string;
    if (term.kind === 'ref') {
      const sheet = term.sheet === null ? context.sheet : sheetNamed(context.model, term.sheet);
      if (!sheet) return { kind: 'error', message: `refers to a missing sheet ${term.sheet}` };
      const address = term.cell;
      if (!address) return { kind: 'error', message: `refers to a cell that cannot exist (${term.address})` };
      target = { sheet, row: address.row, col: address.col };
    } else {
      const named = resolveName(context, term.name);
      if (named.kind === 'error') return named;
      if (named.kind === 'text') {
        text += named.text;
        continue;
      }
      target = named;
    }
    const value = textValue(cellValue(target.sheet, target.row, target.col));
    if (value === null) return { kind: 'error', message: `refers to an empty cell` };
    text += value;
  }
  return { kind: 'ok', text };
}

function cellValue(sheet: ModelSheet, row: number, col: number): CellValue {
  return sheet.rows.get(row)?.get(col)?.value ?? null;
}

function sheetNamed(model: WorkbookModel, name: string): ModelSheet | undefined {
  const lower = name.toLowerCase();
  return model.sheets.find((s) => s.name.toLowerCase() === lower);
}

// Sheet1!$A:$A, 'My sheet'!$B$2, $A$2:$A$100, $3:$3, "AAPL"
const NAMED_RANGE =
  /^(?:(?:'((?:[^']|'')+)'|([^'!:]+))!)?(?:\$?([A-Za-z]{1,3})(?:\$?(\d{1,7}))?)?(?::\$?([A-Za-z]{1,3})?(?:\$?(\d{1,7}))?)?$/;
const ROW_RANGE = /^(?:(?:'((?:[^']|'')+)'|([^'!:]+))!)?\$?(\d{1,7}):\$?(\d{1,7})$/;

type NamedTarget = { kind: 'cell'; sheet: ModelSheet; row: number; col: number } | { kind: 'text'; text: string } | { kind: 'error'; message: string };

/**
 * A defined name as one cell, as Excel does in a cell formula: a single cell is itself; a column (`$A:$A`,
 * `$A$2:$A$100`) is its cell in the formula's row, a row range its cell in the formula's column (implicit
 * intersection). Names local to the formula's sheet come before workbook names.
 */
function resolveName(context: Context, name: string): NamedTarget {
  const lower = name.toLowerCase();
  const candidates = context.model.names.filter((n) => n.name.toLowerCase() === lower);
  const defined = candidates.find((n) => n.sheetIndex === context.sheetIndex) ?? candidates.find((n) => n.sheetIndex === null);
  if (!defined) return { kind: 'error', message: `names ${name}, which the workbook does not define` };
  const refersTo = defined.refersTo.trim().replace(/^=/, '');
  const literal = /^"((?:[^"]|"")*)"$/.exec(refersTo);
  if (literal) return { kind: 'text', text: literal[1]!.replace(/""/g, '"') };
  const notOneCell: NamedTarget = { kind: 'error', message: `names ${name}, which is not one cell in this row` };
  const rows = ROW_RANGE.exec(refersTo);
  if (rows) {
    const sheet = rows[1] || rows[2] ? sheetNamed(context.model, (rows[1] ?? rows[2]!).replace(/''/g, "'")) : context.sheet;
    const [top, bottom] = [Number(rows[3]), Number(rows[4])];
    if (!sheet || top !== bottom) return notOneCell;
    return { kind: 'cell', sheet, row: top, col: context.col };
  }
  const range = NAMED_RANGE.exec(refersTo);
  if (!range || !range[3]) return notOneCell;
  const sheetName = range[1]?.replace(/''/g, "'") ?? range[2];
  const sheet = sheetName ? sheetNamed(context.model, sheetName) : context.sheet;
  if (!sheet) return { kind: 'error', message: `names ${name}, on a missing sheet ${sheetName}` };
  const firstCol = parseAddress(`${range[3]}1`)!.col;
  const lastCol = range[5] ? parseAddress(`${range[5]}1`)!.col : firstCol;
  const firstRow = range[4] ? Number(range[4]) : 1;
  const lastRow = range[6] ? Number(range[6]) : range[5] && !range[4] ? 1_048_576 : firstRow;
  const isColumnRange = range[5] !== undefined && range[4] === undefined && range[6] === undefined;
  if (!range[5] && range[4]) return { kind: 'cell', sheet, row: firstRow, col: firstCol }; // a single cell
  if (isColumnRange || (firstCol === lastCol && range[4] && range[6])) {
    const top = isColumnRange ? 1 : firstRow;
    const bottom = isColumnRange ? 1_048_576 : lastRow;
    if (firstCol !== lastCol || context.row < top || context.row > bottom) return notOneCell;
    return { kind: 'cell', sheet, row: context.row, col: firstCol };
  }
  if (firstRow === lastRow && range[4] && range[6] && context.col >= firstCol && context.col <= lastCol) {
    return { kind: 'cell', sheet, row: firstRow, col: context.col };
  }
  return notOneCell;
}
