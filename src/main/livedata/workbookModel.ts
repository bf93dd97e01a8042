// What a workbook holds that quotes can come from, whoever read it: each sheet's cells (cached values, and the
// formulas that mention RTD), the defined names, and Excel's list of live RTD topics. The tick path's reader builds
// it from the zip (xlsx/readXlsx.ts); the tests build it with exceljs as the oracle. Plain data, no reading here.
import type { VolatileTopics } from './volatileTopics';

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
