// Understands a TOS RTD call in a cell formula: =RTD("tos.rtd",,"LAST","/ES"), with the spellings Excel users
// write (ProgID case, `,,` / `, ,` / `""`), and field or symbol arguments that are cell references ($A6, E$1,
// Sheet1!B2), defined names (Symbol) or concatenations (".SPY"&$A6). The caller resolves references and names
// from cached values; this module only reads the formula's text.
import { textMemo } from './textMemo';
import { parseAddress } from './workbookModel';

export type Term =
  | { kind: 'text'; text: string }
  | {
      kind: 'ref';
      sheet: string | null;
      address: string;
      /** The address as numbers, worked out once with the parse (null: no cell can have it). */
      cell: { readonly row: number; readonly col: number } | null;
    }
  | { kind: 'name'; name: string };

/** An argument: terms joined by `&`; empty when nothing was written. */
export type Argument = readonly Term[];

export type RtdCall = { progId: Argument; field: Argument; symbol: Argument };

export type ParsedFormula =
  | { kind: 'none' }
  | {
      kind: 'rtd';
      call: RtdCall;
      /** The formula is more than this one call (`=RTD(...)*100`, `IFERROR(RTD(...),0)`): its value is not the topic's. */
      wrapped: boolean;
      /** Arguments after the symbol (`=RTD("tos.rtd",,"LAST","VFF","MARK")`). */
      extraArguments: number;
    }
  | { kind: 'error'; message: string };

const RTD_START = /(^|[^A-Za-z0-9_.])RTD\s*\(/i;
// The plain form almost every cell holds, read without the general splitter: RTD("tos.rtd",,"LAST",$A2).
const PLAIN_CALL = /^\s*=?\s*RTD\(\s*"([^"]*)"\s*,\s*(?:"")?\s*,\s*"([^"]*)"\s*,\s*(?:"([^"]*)"|(\$?[A-Za-z]{1,3}\$?\d{1,7}))\s*\)\s*$/i;

// The same workbook is read every second with the same formulas and new values: each formula is parsed once. The
// results are immutable, so they are shared; the cache is dropped whole when it grows past what a sheet can hold.
/** Finds the RTD call of a formula and splits its arguments; `none` when the formula has no RTD call. */
export const parseRtdFormula: (formula: string) => ParsedFormula = textMemo(100_000, (formula) => parseFormula(formula));

function refTerm(sheet: string | null, address: string): Term {
  return { kind: 'ref', sheet, address, cell: parseAddress(address) };
}

function parseFormula(formula: string): ParsedFormula {
  const plain = PLAIN_CALL.exec(formula);
  if (plain) {
    const [, progId, field, symbolText, symbolRef] = plain;
    const symbol: Term =
      symbolText !== undefined ? { kind: 'text', text: symbolText } : refTerm(null, symbolRef!.replace(/\$/g, '').toUpperCase());
    const call = { progId: [{ kind: 'text', text: progId! }], field: [{ kind: 'text', text: field! }], symbol: [symbol] } satisfies RtdCall;
    return { kind: 'rtd', call, wrapped: false, extraArguments: 0 };
  }
  const match = RTD_START.exec(formula);
  if (!match) return { kind: 'none' };
  const open = match.index + match[0].length;
  const split = splitArguments(formula, open);
  if (typeof split === 'string') return { kind: 'error', message: split };
  const { args, close } = split;
  const before = formula.slice(0, match.index + match[1]!.length).trim();
  const wrapped = !(before === '' || before === '=') || formula.slice(close + 1).trim() !== '';
  if (args.length < 3) return { kind: 'error', message: 'RTD needs a ProgID, a server, a field and a symbol' };
  const parsed: Argument[] = [];
  for (const raw of args) {
    const argument = parseArgument(raw);
    if (typeof argument === 'string') return { kind: 'error', message: argument };
    parsed.push(argument);
  }
  // RTD(progId, server, topic1, topic2): TOS takes the field as topic1 and the symbol as topic2.
  const [progId, , field, symbol] = parsed;
  if (!symbol) return { kind: 'error', message: 'RTD call has no symbol argument' };
  return { kind: 'rtd', call: { progId: progId!, field: field!, symbol }, wrapped, extraArguments: Math.max(0, parsed.length - 4) };
}

/** The raw argument texts of the call whose "(" ends at `open` and where it closes, or a message when it does not. */
function splitArguments(formula: string, open: number): { args: string[]; close: number } | string {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = open; i < formula.length; i += 1) {
    const ch = formula[i]!;
    if (ch === '"') {
      // A string literal; "" inside it is a quote.
      let j = i + 1;
      for (; j < formula.length; j += 1) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 1;
          else break;
        }
      }
      if (j >= formula.length) return 'unterminated text in the RTD call';
      current += formula.slice(i, j + 1);
      i = j;
    } else if (ch === "'") {
      const j = formula.indexOf("'", i + 1);
      if (j < 0) return 'unterminated sheet name in the RTD call';
      current += formula.slice(i, j + 1);
      i = j;
    } else if (ch === '(') {
      depth += 1;
      current += ch;
    } else if (ch === ')') {
      if (depth === 0) {
        args.push(current);
        return { args, close: i };
      }
      depth -= 1;
      current += ch;
    } else if (ch === ',' && depth === 0) {
      args.push(current);
      current = '';
    } else current += ch;
  }
  return 'the RTD call is not closed';
}

const REF = /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_. ]*))!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// A defined name: letters, digits, _ . and \, not a cell address and not TRUE/FALSE (which REF and the caller rule out).
const NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;

function parseArgument(raw: string): Argument | string {
  const text = raw.trim();
  if (text === '') return [];
  const parts = splitConcatenation(text);
  const terms: Term[] = [];
  for (const part of parts) {
    const piece = part.trim();
    if (piece.startsWith('"') && piece.endsWith('"') && piece.length >= 2) {
      terms.push({ kind: 'text', text: piece.slice(1, -1).replace(/""/g, '"') });
      continue;
    }
    if (NUMBER.test(piece)) {
      terms.push({ kind: 'text', text: piece });
      continue;
    }
    const ref = REF.exec(piece);
    if (ref) {
      const sheet = ref[1]?.replace(/''/g, "'") ?? ref[2] ?? null;
      terms.push(refTerm(sheet, `${ref[3]!.toUpperCase()}${ref[4]}`));
      continue;
    }
    if (NAME.test(piece) && !/^(true|false)$/i.test(piece)) {
      terms.push({ kind: 'name', name: piece });
      continue;
    }
    return `cannot read the RTD argument ${piece} (only text, cell references and & are understood)`;
  }
  return terms;
}

/** Splits at `&` outside string literals and quoted sheet names. */
function splitConcatenation(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inText = false;
  let inSheet = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '"' && !inSheet) inText = !inText;
    else if (ch === "'" && !inText) inSheet = !inSheet;
    if (ch === '&' && !inText && !inSheet) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export function isTosProgId(argument: Argument): boolean {
  return argument.length === 1 && argument[0]!.kind === 'text' && argument[0]!.text.trim().toLowerCase() === 'tos.rtd';
}
