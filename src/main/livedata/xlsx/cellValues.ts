// What a worksheet cell's XML means, whichever road read it (plainParts.ts or the tokenizer in readXlsx.ts): the
// cached value by the cell's type, a formula's text where it mentions RTD, and shared formulas filled down. Pure text
// rules; it never touches the zip or the XML.
import { textMemo } from '../textMemo';
import type { CellValue } from '../workbookModel';
import { fillSharedFormula } from './sharedFormula';
import { xmlText } from './xmlScan';

/** A cell's cached value from its type (`t`) and the text of its `<v>` (entities already decoded). */
export function cachedValue(type: string | undefined, text: string): CellValue {
  switch (type) {
    case 'str':
    case 'inlineStr':
    case 'd':
      return text;
    case 'b':
      return text.trim() === '1' || text.trim().toLowerCase() === 'true';
    case 'e':
      return { error: text.trim() };
    default: {
      const trimmed = text.trim();
      if (trimmed === '') return null;
      const number = Number(trimmed);
      // Not a number after all: hand the text on, for the value rules to refuse.
      return Number.isNaN(number) ? trimmed : number;
    }
  }
}

/**
 * A cell's value from its type, the text of its `<v>` (entities decoded; null without one), its inline string (the
 * `<is>` text, for `t="inlineStr"`) and the workbook's shared strings (for `t="s"`).
 */
export function cellValueOf(type: string | undefined, value: string | null, inline: string, sharedStrings: readonly string[]): CellValue {
  if (type === 's') {
    const index = value === null ? NaN : Number(value);
    return Number.isInteger(index) ? (sharedStrings[index] ?? null) : null;
  }
  if (type === 'inlineStr') return inline;
  return value === null ? null : cachedValue(type, value);
}

const MENTIONS_RTD = /rtd/i;

// The same formulas come every second: each one's text as the XML holds it maps to the same decoded string, so it is
// decoded once, and the formula parser's own cache finds that string without hashing a new copy. Cleared whole past
// what a sheet can hold.
/** A formula's text decoded, when it mentions RTD (`&quot;tos.rtd&quot;`); null for any other formula. */
export const rtdFormulaText: (raw: string) => string | null = textMemo(100_000, (raw) => (MENTIONS_RTD.test(raw) ? xmlText(raw) : null));

interface SharedMaster {
  readonly row: number;
  readonly col: number;
  /** Null when the master formula has no RTD in it: its followers need no filling down. */
  readonly formula: string | null;
}

/** One sheet's shared formulas, met in reading order: a master's text, its followers filled down from it. */
export class SharedFormulas {
  private readonly masters = new Map<string, SharedMaster>();

  /** `texts`: rtdFormulaText, or a faster road to the same answers (TextsByPlace). */
  constructor(private readonly texts: (raw: string) => string | null = rtdFormulaText) {}

  /** The cell's formula where it mentions RTD, from its `<f>` text as written and the `t` and `si` of the `<f>`. */
  formulaOf(raw: string, type: string | undefined, sharedIndex: string | undefined, row: number, col: number): string | null {
    if (type !== 'shared' || sharedIndex === undefined) return this.texts(raw);
    if (raw.trim() !== '') {
      const own = this.texts(raw);
      this.masters.set(sharedIndex, { row, col, formula: own });
      return own;
    }
    const master = this.masters.get(sharedIndex);
    if (!master || master.formula === null) return null;
    return fillSharedFormula(master.formula, row - master.row, col - master.col);
  }
}
