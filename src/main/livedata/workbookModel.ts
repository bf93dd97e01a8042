// What a workbook holds that quotes can come from, whoever read it: each sheet's cells (cached values, and the
// formulas that mention RTD), the defined names, and Excel's list of live RTD topics. The tick path's reader builds
// it from the zip (xlsx/readXlsx.ts); the tests build it with exceljs as the oracle. Plain data, no reading here.

/** A cell's cached value as Excel saved it: a number, text, a boolean, an error (#N/A), or nothing. */
export type CellValue = number | string | boolean | { readonly error: string } | null;

export interface ModelCell {
  readonly value: CellValue;
  /** The formula (without "="), kept only when it mentions RTD; shared formulas already filled down. */
  readonly formula?: string;
}

export interface ModelSheet {
  readonly name: string;
  /** The workbook's sheetId, which volatileDependencies names the sheet by; null when unknown. */
  readonly sheetId: number | null;
  /** Row number -> column number -> cell (1-based), only the cells that hold something. */
  readonly rows: ReadonlyMap<number, ReadonlyMap<number, ModelCell>>;
}

export interface DefinedName {
  readonly name: string;
  /** The index of the sheet the name is local to (its position in the workbook), or null for a workbook name. */
  readonly sheetIndex: number | null;
  /** What it refers to, as written: `Sheet1!$A:$A`, `'My sheet'!$B$2`, `"AAPL"`. */
  readonly refersTo: string;
}

// Excel's live RTD topics are kept in a few flat arrays rather than objects: a read of 1,000 symbols holds 10,000
// topics, and every object alive when a collection comes is copied by it. Both roads through the part fill it;
// workbook.ts reads it by index.
/** One topic as an object: its arguments already evaluated, its current value (the tests' and the oracle's form). */
export interface VolatileTopic {
  /** The ProgID (`tos.rtd`). */
  readonly server: string;
  /** The topic strings after the ProgID: the server argument (empty), then field, symbol, and any extras. */
  readonly strings: readonly string[];
  readonly value: CellValue;
  /** The cells that show it: sheetId, 1-based row and column. */
  readonly cells: readonly { readonly sheetId: number; readonly row: number; readonly col: number }[];
}

export class VolatileTopics implements Iterable<VolatileTopic> {
  private readonly servers: string[] = [];
  /** Where each topic's strings start in `texts`, and its cells in `cells`; one more entry closes the last. */
  private readonly stringStarts: number[] = [0];
  private readonly texts: string[] = [];
  private readonly cellStarts: number[] = [0];
  /** sheetId, row, col, for each cell. */
  private readonly cells: number[] = [];
  /** Each topic's value when a number (unboxed in a double array); NaN when it is in `others`. */
  private readonly numbers: number[] = [];
  private readonly others = new Map<number, CellValue>();

  /** Adds a string to the topic being built. */
  addString(text: string): void {
    this.texts.push(text);
  }

  /** Adds a cell to the topic being built. */
  addCell(sheetId: number, row: number, col: number): void {
    this.cells.push(sheetId, row, col);
  }

  /** Drops the strings and cells of a topic begun but not closed (a `<tp>` inside another, in a broken part). */
  discardOpen(): void {
    this.texts.length = this.stringStarts[this.stringStarts.length - 1]!;
    this.cells.length = 3 * this.cellStarts[this.cellStarts.length - 1]!;
  }

  /** Ends the topic being built (its strings and cells added before). */
  close(server: string, value: CellValue): void {
    const index = this.servers.length;
    this.servers.push(server);
    if (typeof value === 'number') this.numbers.push(value);
    else {
      this.numbers.push(NaN);
      this.others.set(index, value);
    }
    this.stringStarts.push(this.texts.length);
    this.cellStarts.push(this.cells.length / 3);
  }

  get count(): number {
    return this.servers.length;
  }

  server(topic: number): string {
    return this.servers[topic]!;
  }

  stringCount(topic: number): number {
    return this.stringStarts[topic + 1]! - this.stringStarts[topic]!;
  }

  /** The topic's string at `index` (0: the server argument, 1: field, 2: symbol); '' past its last. */
  string(topic: number, index: number): string {
    return index < this.stringCount(topic) ? this.texts[this.stringStarts[topic]! + index]! : '';
  }

  value(topic: number): CellValue {
    return this.others.has(topic) ? this.others.get(topic)! : this.numbers[topic]!;
  }

  cellCount(topic: number): number {
    return this.cellStarts[topic + 1]! - this.cellStarts[topic]!;
  }

  cellSheetId(topic: number, cell: number): number {
    return this.cells[3 * (this.cellStarts[topic]! + cell)]!;
  }

  cellRow(topic: number, cell: number): number {
    return this.cells[3 * (this.cellStarts[topic]! + cell) + 1]!;
  }

  cellCol(topic: number, cell: number): number {
    return this.cells[3 * (this.cellStarts[topic]! + cell) + 2]!;
  }

  *[Symbol.iterator](): Iterator<VolatileTopic> {
    for (let i = 0; i < this.count; i += 1) {
      const cells: { sheetId: number; row: number; col: number }[] = [];
      for (let c = 0; c < this.cellCount(i); c += 1) cells.push({ sheetId: this.cellSheetId(i, c), row: this.cellRow(i, c), col: this.cellCol(i, c) });
      yield { server: this.server(i), strings: this.texts.slice(this.stringStarts[i], this.stringStarts[i + 1]), value: this.value(i), cells };
    }
  }
}

export interface WorkbookModel {
  readonly sheets: readonly ModelSheet[];
  readonly names: readonly DefinedName[];
  /** Excel's list of live RTD topics; null when the workbook has no volatileDependencies part (saved by a program
   * other than Excel). */
  readonly volatile: VolatileTopics | null;
}

/** `B5` -> { row: 5, col: 2 }; null when the text is not a cell address. */
export function parseAddress(address: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < address.length; i += 1) {
    const code = address.charCodeAt(i) | 0x20; // lower case
    if (code < 97 || code > 122) break;
    col = col * 26 + (code - 96);
  }
  if (i === 0 || i > 3 || i === address.length) return null;
  let row = 0;
  for (; i < address.length; i += 1) {
    const digit = address.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    row = row * 10 + digit;
  }
  return row > 0 && row <= 1_048_576 && col <= 16_384 ? { row, col } : null;
}

/** `AB` or `ab` -> 28. */
export function columnNumber(letters: string): number {
  let col = 0;
  for (let i = 0; i < letters.length; i += 1) col = col * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return col;
}

/** 2 -> `B`. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
