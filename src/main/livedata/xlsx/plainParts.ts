// The fast road for the two parts read every second: a worksheet's cells and volatileDependencies' topics, as Excel
// (and exceljs, openpyxl...) write them. One native regular-expression pass matches a whole cell or topic at a time,
// as the floor's scan does, instead of an event per tag. It must never guess: a part that is not plain (comments,
// CDATA, a namespace prefix, an inline string, elements in an unexpected order or form, anything too large) answers
// null, and the reader takes the tokenizer's road (readXlsx.ts), which reads any well-formed XML the same way.
import { columnNumber, parseAddress, VolatileTopics, type ModelCell } from '../workbookModel';
import { cachedValue, cellValueOf, rtdFormulaText, SharedFormulas } from './cellValues';
import { textMemo, TextsByPlace } from '../textMemo';
import { checkDeadline, type PartLimits } from './zipParts';
import { MAX_TEXT, xmlText } from './xmlScan';

/** Parts up to this size are read as one string; larger ones stream through the tokenizer in slices. */
const PLAIN_MAX_BYTES = 16 << 20;
/** Cells or topics between two looks at the read's deadline. */
const MATCHES_PER_DEADLINE_CHECK = 4_096;

/** Not the plain form after all: the caller reads the part the general way. */
const NOT_PLAIN = Symbol('not plain');

/** The part as one string, or null when it must take the general road (too large, or not plain XML). */
function plainText(bytes: Uint8Array, root: string): string | null {
  if (bytes.length > PLAIN_MAX_BYTES) return null;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (hasMarkupDeclaration(buffer)) return null;
  // A prefixed root (`<x:sheetData>`) names its cells `<x:c>`. The root comes early: the search stops there.
  const at = buffer.indexOf(root);
  if (at > 0 && buffer[at - 1] === 0x3a /* : */) return null;
  return buffer.toString('utf8');
}

/**
 * Whether the part has a comment, CDATA or a DTD (`<!`), which could hide or hold a tag. Looks for `!` with the byte
 * search (`!` is rare in a sheet: a formula's sheet reference), not for `<!` with the slower string search.
 */
function hasMarkupDeclaration(buffer: Buffer): boolean {
  for (let at = buffer.indexOf(0x21); at >= 0; at = buffer.indexOf(0x21, at + 1)) if (at > 0 && buffer[at - 1] === 0x3c) return true;
  return false;
}

/**
 * The value of attribute `name` in a tag's attribute text (` r="B2" s="1" t="str"`), entities decoded; undefined when
 * absent, NOT_PLAIN when the text is not a plain list of `name="value"` pairs.
 */
function attr(attrs: string, name: string): string | undefined | typeof NOT_PLAIN {
  let i = 0;
  const length = attrs.length;
  for (;;) {
    while (i < length && attrs.charCodeAt(i) <= 32) i += 1;
    if (i >= length) return undefined;
    const nameStart = i;
    while (i < length) {
      const code = attrs.charCodeAt(i);
      if (code <= 32 || code === 61 /* = */) break;
      i += 1;
    }
    const nameEnd = i;
    while (i < length && attrs.charCodeAt(i) <= 32) i += 1;
    if (attrs.charCodeAt(i) !== 61 || nameEnd === nameStart) return NOT_PLAIN;
    i += 1;
    while (i < length && attrs.charCodeAt(i) <= 32) i += 1;
    const quote = attrs[i];
    if (quote !== '"' && quote !== "'") return NOT_PLAIN;
    const close = attrs.indexOf(quote, i + 1);
    if (close < 0) return NOT_PLAIN;
    // By local name, as the tokenizer's road reads it (`x:r` is `r`).
    const colon = attrs.lastIndexOf(':', nameEnd - 1);
    const localStart = colon >= nameStart ? colon + 1 : nameStart;
    if (nameEnd - localStart === name.length && attrs.startsWith(name, localStart)) return xmlText(attrs.slice(i + 1, close));
    i = close + 1;
  }
}

/** An element's text as written, cut to MAX_TEXT (formulas stay encoded: rtdFormulaText decodes them once). */
function rawText(raw: string): string {
  return raw.length > MAX_TEXT ? raw.slice(0, MAX_TEXT) : raw;
}

function text(raw: string): string {
  return xmlText(rawText(raw));
}

// A whole cell: `<c r="B2" t="str">`, then an optional `<f ...>text</f>` or `<f .../>`, an optional `<v>text</v>`, and
// `</c>`; or `<c .../>`. The start tag as Excel writes nearly every one (`r`, then maybe `s` and `t`) gives its column
// letters, row and type straight from groups 1-3; any other gives its attribute text in group 4. Group 9, empty after
// `</c>` (an empty match makes no new string), is missing when the cell holds anything else (an inline string, extLst,
// `<v>` before `<f>`): then the part is not plain.
// CELL_VALUE is the same without capturing the formula (read with volatileDependencies, formulas are not needed):
// groups 6 and 7 are then never set.
const CELL_START = '<c(?: r="([A-Z]{1,3})([1-9]\\d{0,6})"(?: s="\\d+")?(?: t="(\\w+)")?|(?=[\\s/>])([^>]*?))(/?)>';
const CELL = new RegExp(`${CELL_START}(?:(?:<f(?=[\\s/>])([^>]*?)(?:/>|>([^<]*)</f>))?(?:<v>([^<]*)</v>)?</c>())?`, 'g');
const CELL_VALUE = new RegExp(`${CELL_START}(?:(?:<f(?=[\\s/>])[^>]*?(?:/>|>[^<]*</f>))?()()(?:<v>([^<]*)</v>)?</c>())?`, 'g');

/** Formulas a sheet can hold that are remembered by place; past it, by text alone. */
const MAX_FORMULA_PLACES = 100_000;
/** A worksheet part's formula texts by place, by the part's name (textMemo: past 64 sheets, more than a quotes
 * workbook has, all are dropped). */
const formulaTextsOf = textMemo(64, () => new TextsByPlace(rtdFormulaText, MAX_FORMULA_PLACES));

/**
 * A worksheet's cells as the tokenizer's road reads them (readXlsx.ts scanWorksheet): cached values, and formulas
 * where they mention RTD (shared ones filled down) when `keepFormulas`. Null: read it the general way. `part` is the
 * sheet's name in the zip: its formulas are remembered by place from one read to the next.
 */
export function plainWorksheetCells(
  part: string,
  bytes: Uint8Array,
  sharedStrings: readonly string[],
  keepFormulas: boolean,
  limits: PartLimits,
): Map<number, Map<number, ModelCell>> | null {
  const xml = plainText(bytes, 'sheetData');
  if (xml === null) return null;
  const rows = new Map<number, Map<number, ModelCell>>();
  const formulaTexts = keepFormulas ? formulaTextsOf(part) : null;
  formulaTexts?.restart();
  const shared = new SharedFormulas(formulaTexts ? (raw) => formulaTexts.get(raw) : undefined);
  let rowNumber = -1;
  let row: Map<number, ModelCell> | undefined;
  let count = 0;
  const pattern = keepFormulas ? CELL : CELL_VALUE;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(xml); match !== null; match = pattern.exec(xml)) {
    if (++count % MATCHES_PER_DEADLINE_CHECK === 0) checkDeadline(limits);
    if (match[5] !== '/' && match[9] === undefined) return null;
    let cellRow: number;
    let cellCol: number;
    let type: string | undefined;
    if (match[1] !== undefined) {
      cellRow = Number(match[2]);
      cellCol = columnNumber(match[1]);
      if (cellRow > 1_048_576 || cellCol > 16_384) return null;
      type = match[3];
    } else {
      const attrs = match[4]!;
      const ref = attr(attrs, 'r');
      // A cell without its address counts from the row's last one: the general road follows the rows for that.
      const address = ref === undefined || ref === NOT_PLAIN ? null : parseAddress(ref);
      if (!address) return null;
      cellRow = address.row;
      cellCol = address.col;
      const t = attr(attrs, 't');
      if (t === NOT_PLAIN) return null;
      type = t;
    }
    let formula: string | null = null;
    const formulaAttrs = match[6];
    if (keepFormulas && formulaAttrs !== undefined) {
      const formulaType = attr(formulaAttrs, 't');
      const sharedIndex = attr(formulaAttrs, 'si');
      if (formulaType === NOT_PLAIN || sharedIndex === NOT_PLAIN) return null;
      formula = shared.formulaOf(match[7] === undefined ? '' : rawText(match[7]), formulaType, sharedIndex, cellRow, cellCol);
    }
    const raw = match[8];
    // No inline string here: a cell holding `<is>` is not plain.
    const value = cellValueOf(type, raw === undefined ? null : text(raw), '', sharedStrings);
    if (value === null && formula === null) continue;
    if (cellRow !== rowNumber) {
      rowNumber = cellRow;
      row = rows.get(rowNumber);
      if (!row) rows.set(rowNumber, (row = new Map()));
    }
    row!.set(cellCol, formula === null ? { value } : { value, formula });
  }
  checkDeadline(limits);
  return rows;
}

// `<volType ...>`, `<main ...>`, or a whole topic. Groups 1-7: the topic as Excel writes nearly every one, `<tp t="s">`,
// `<v>text</v>`, the empty server string, field and symbol, and one cell `<tr r="B2" s="1"/>`: read straight from the
// groups. Groups 8-9: volType's and main's attributes. Groups 10-14: any other topic, `<tp ...>`, an optional
// `<v>text</v>`, its `<stp/>` and `<stp>text</stp>` strings, its `<tr .../>` cells and `</tp>` (missing when the topic
// is in a form this does not read: then the part is not plain).
const TOPIC_PART = new RegExp(
  [
    '<tp(?: t="(\\w+)")?><v>([^<]*)</v><stp/><stp>([^<&]*)</stp><stp>([^<&]*)</stp><tr r="([A-Z]{1,3})([1-9]\\d{0,6})" s="(\\d{1,5})"/></tp>',
    '<volType(?=[\\s/>])([^>]*)>',
    '<main(?=[\\s/>])([^>]*)>',
    '<tp(?=[\\s/>])([^>]*?)>(?:<v>([^<]*)</v>)?((?:<stp/>|<stp>[^<]*</stp>)*)((?:<tr(?=[\\s/>])[^>]*/>)*)(</tp>)?',
  ].join('|'),
  'g',
);

// A topic's strings (`LAST`, `AAPL`) are the same every second, at the same places: the read keeps the copy it kept
// before, so what it builds holds strings the heap already has rather than new ones it must carry from one collection
// to the next. A workbook has one volatileDependencies part.
const topicStrings = new TextsByPlace(textMemo(50_000, text), 50_000);

/** The topics of xl/volatileDependencies.xml as the tokenizer's road reads them; null: read it the general way. */
export function plainVolatileTopics(bytes: Uint8Array, limits: PartLimits): VolatileTopics | null {
  const xml = plainText(bytes, 'volTypes');
  if (xml === null) return null;
  const topics = new VolatileTopics();
  topicStrings.restart();
  const topicString = (raw: string) => topicStrings.get(raw);
  let server = '';
  let inRealTimeData = false;
  let count = 0;
  TOPIC_PART.lastIndex = 0;
  for (let match = TOPIC_PART.exec(xml); match !== null; match = TOPIC_PART.exec(xml)) {
    if (++count % MATCHES_PER_DEADLINE_CHECK === 0) checkDeadline(limits);
    if (match[2] !== undefined) {
      if (!inRealTimeData) continue;
      topics.addString('');
      topics.addString(topicString(match[3]!));
      topics.addString(topicString(match[4]!));
      const row = Number(match[6]);
      const col = columnNumber(match[5]!);
      if (row <= 1_048_576 && col <= 16_384) topics.addCell(Number(match[7]), row, col);
      topics.close(server, cachedValue(match[1] ?? 'n', text(match[2])));
      continue;
    }
    if (match[8] !== undefined) {
      const type = attr(match[8], 'type');
      if (type === NOT_PLAIN) return null;
      inRealTimeData = type === 'realTimeData';
      continue;
    }
    if (match[9] !== undefined) {
      const first = attr(match[9], 'first');
      if (first === NOT_PLAIN) return null;
      server = first ?? '';
      continue;
    }
    const tpAttrs = match[10]!;
    if (tpAttrs.endsWith('/')) continue; // <tp/>: a topic with nothing in it
    if (match[14] === undefined) return null;
    if (!inRealTimeData) continue;
    const type = tpAttrs.length === 0 ? undefined : attr(tpAttrs, 't');
    if (type === NOT_PLAIN) return null;
    const stps = match[12]!;
    for (let at = 0; at < stps.length; ) {
      if (stps.startsWith('<stp/>', at)) {
        topics.addString('');
        at += 6;
      } else {
        const end = stps.indexOf('</stp>', at);
        topics.addString(topicString(stps.slice(at + 5, end)));
        at = end + 6;
      }
    }
    const trs = match[13]!;
    for (let at = 0; at < trs.length; ) {
      const end = trs.indexOf('/>', at);
      const trAttrs = trs.slice(at + 3, end);
      at = end + 2;
      const sheet = attr(trAttrs, 's');
      if (sheet === NOT_PLAIN) return null;
      const ref = attr(trAttrs, 'r');
      if (ref === NOT_PLAIN) return null;
      const sheetId = Number(sheet);
      const address = parseAddress(ref ?? '');
      if (address && Number.isInteger(sheetId)) topics.addCell(sheetId, address.row, address.col);
    }
    topics.close(server, cachedValue(type ?? 'n', text(match[11] ?? '')));
  }
  checkDeadline(limits);
  return topics;
}
