// Fills a shared formula down: Excel stores `RTD("tos.rtd",,"LAST",$A2)` once and the cells below it as "the same,
// moved"; each follower's formula is the master's with its relative references moved by the distance between them.
// Text literals and absolute ($) parts stay as they are.
import { columnName, columnNumber } from '../workbookModel';

// A cell reference not inside a name or a function call: optional $, 1-3 letters, optional $, digits.
const REFERENCE = /(^|[^A-Za-z0-9_.$"])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

function moveReferences(text: string, rows: number, cols: number): string {
  return text.replace(REFERENCE, (whole, before: string, colAbs: string, letters: string, rowAbs: string, digits: string) => {
    const col = colAbs ? columnNumber(letters) : columnNumber(letters) + cols;
    const row = rowAbs ? Number(digits) : Number(digits) + rows;
    if (col < 1 || row < 1) return whole; // Excel would show #REF!; leave it for the reader to refuse
    return `${before}${colAbs}${colAbs ? letters.toUpperCase() : columnName(col)}${rowAbs}${row}`;
  });
}

/** The master's formula as it reads `rows` below and `cols` right of the master cell. */
export function fillSharedFormula(master: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return master;
  // Move references only outside "text" literals.
  let out = '';
  let start = 0;
  for (let i = 0; i < master.length; i += 1) {
    if (master[i] !== '"') continue;
    out += moveReferences(master.slice(start, i), rows, cols);
    let j = i + 1;
    for (; j < master.length; j += 1) {
      if (master[j] === '"') {
        if (master[j + 1] === '"') j += 1;
        else break;
      }
    }
    out += master.slice(i, j + 1);
    start = j + 1;
    i = j;
  }
  return out + moveReferences(master.slice(start), rows, cols);
}
