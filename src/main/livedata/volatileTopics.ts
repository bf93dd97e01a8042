// Excel's live RTD topics (xl/volatileDependencies.xml) as a workbook model holds them: kept in a few flat arrays
// rather than objects, since a read of 1,000 symbols holds 10,000 topics, and every object alive when a collection
// comes is copied by it. Plain data: both roads through the part fill it, workbook.ts reads it by index. Reads no file.
import type { CellValue } from './workbookModel';

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
