// The reader's two roads through a part agree: the plain road (one regular-expression match a cell or a topic) and
// the tokenizer's road (any well-formed XML), on random TOS workbooks and on the forms that must leave the plain road.
// A comment in a part sends it down the tokenizer's road, so the same workbook is read both ways.
import fc from 'fast-check';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkbookModel } from '../../src/main/livedata/workbookModel';
import { readWorkbookModel } from '../../src/main/livedata/xlsx/readXlsx';
import { withVolatileDependencies, type TopicSpec } from '../support/excelParts';
import { rtd, workbookBuffer, type CellSpec } from '../support/workbooks';

const SAMPLES = resolve(__dirname, '../../../shared/research/samples');
const HOT_PARTS = /^xl\/(worksheets\/sheet\d+|volatileDependencies)\.xml$/;

/** The workbook with each hot part's XML rewritten by `edit`, and whether any part changed. */
async function rewrittenParts(buffer: Buffer, edit: (xml: string, part: string) => string): Promise<{ buffer: Buffer; changed: boolean }> {
  const zip = await JSZip.loadAsync(buffer);
  let changed = false;
  for (const name of Object.keys(zip.files)) {
    if (!HOT_PARTS.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const after = edit(xml, name);
    changed ||= after !== xml;
    zip.file(name, after);
  }
  return { buffer: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), changed };
}

const rewritten = async (buffer: Buffer, edit: (xml: string, part: string) => string) => (await rewrittenParts(buffer, edit)).buffer;

/** A comment after the root's start tag: harmless to XML, and it sends the part down the tokenizer's road. */
const viaTokenizer = (buffer: Buffer) => rewritten(buffer, (xml) => xml.replace(/(<(?:worksheet|volTypes)\b[^>]*>)/, '$1<!-- the general road -->'));

function modelToJson(model: WorkbookModel) {
  return {
    sheets: model.sheets.map((s) => ({
      name: s.name,
      sheetId: s.sheetId,
      rows: [...s.rows].map(([r, cells]) => [r, [...cells].map(([c, cell]) => [c, cell.value, cell.formula ?? null])]),
    })),
    names: model.names,
    volatile: model.volatile === null ? null : [...model.volatile],
  };
}

async function bothRoads(buffer: Buffer) {
  return { plain: modelToJson(await readWorkbookModel(buffer)), general: modelToJson(await readWorkbookModel(await viaTokenizer(buffer))) };
}

const cellValue = fc.oneof(
  fc.integer({ min: -500_000, max: 500_000 }).map((n) => n / 100),
  fc.constantFrom('N/A', 'Apple & "Co" <A>', "117'14+", '', ' padded ', 'Ünïcödé €'),
  fc.boolean(),
  fc.constant({ error: '#N/A' }),
  fc.constant(null),
) as fc.Arbitrary<CellSpec>;

const FIELDS = ['LAST', 'BID', 'ASK', 'VOLUME', 'DESCRIPTION'];
const SYMBOLS = ['AAPL', '/ES:XCME', 'BRK/B', '.SPY251219C600', 'A&B'];

describe('the plain road and the tokenizer road', () => {
  it('read random workbooks, with and without volatileDependencies, into the same model', async () => {
    const plan = fc.array(
      fc.record({
        symbol: fc.constantFrom(...SYMBOLS),
        rtd: fc.array(fc.record({ field: fc.constantFrom(...FIELDS), value: cellValue }), { minLength: 1, maxLength: 4 }),
        plain: fc.array(cellValue, { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(plan, fc.boolean(), async (rows, withTopics) => {
        const topics: TopicSpec[] = [];
        const sheet: CellSpec[][] = [['Symbol', 'Last', 'Bid', 'Notes']];
        rows.forEach((row, i) => {
          const cells: CellSpec[] = [row.symbol, ...row.plain];
          while (cells.length < 5) cells.push(null);
          row.rtd.forEach((r, j) => {
            cells.push(rtd(r.field, row.symbol, r.value));
            topics.push({ field: r.field, symbol: row.symbol, value: (r.value ?? { error: '#N/A' }) as TopicSpec['value'], cells: [{ sheetId: 1, ref: `${String.fromCharCode(70 + j)}${i + 2}` }] });
          });
          sheet.push(cells);
        });
        let buffer = await workbookBuffer({ Quotes: sheet });
        if (withTopics) buffer = await withVolatileDependencies(buffer, topics);
        const { plain, general } = await bothRoads(buffer);
        expect(plain).toEqual(general);
      }),
      { numRuns: 40 },
    );
  });

  it('read the real TOS workbooks into the same model', async () => {
    for (const name of ['Cocodog2014_thor_RTD_TOS.xlsm', 'steveja42_StockAnalyzerWB_StockAnalyzerWB.xlsx', 'chaelim_ExcelRTD_TD_rtd_demo.xlsx', 'Mauthope_charttrade_rtd.xlsx']) {
      const { plain, general } = await bothRoads(readFileSync(resolve(SAMPLES, name)));
      expect(plain, name).toEqual(general);
      expect(plain.sheets.some((s) => s.rows.length > 0), name).toBe(true);
    }
  });

  // Forms other writers use, legal XML all: each must read as the tokenizer reads it, whichever road takes it.
  const forms: [string, (xml: string, part: string) => string][] = [
    ["single-quoted attributes and spaces around '='", (xml) => xml.replace(/ (r|t|s|si|first|type)="([^"]*)"/g, " $1 = '$2'")],
    ['a namespace prefix on every element', (xml) => xml.replace(/<(\/?)([A-Za-z]+)([\s/>])/g, '<$1x:$2$3').replace(/xmlns="/, 'xmlns:x="')],
    ['cells without their address', (xml) => xml.replace(/<c r="[A-Z]+\d+"/g, '<c')],
    ['an inline string', (xml) => xml.replace(/<c r="A2" t="s"><v>\d+<\/v><\/c>/, '<c r="A2" t="inlineStr"><is><t>MSFT</t></is></c>')],
    ['the value before the formula', (xml) => xml.replace(/(<f>[^<]*<\/f>)(<v>[^<]*<\/v>)/g, '$2$1')],
    ['a self-closing topic value and extra topic children', (xml) => xml.replace(/<tp>/, '<tp><extra/>')],
    ["'>' inside an attribute value", (xml) => xml.replace(/<c r="B2"/, '<c note="a>b" r="B2"')],
    ['entities in values and formulas', (xml) => xml.replace(/"tos\.rtd"/g, '&quot;tos.rtd&quot;')],
  ];
  for (const [what, edit] of forms) {
    it(`read ${what} alike`, async () => {
      const base = await workbookBuffer({
        Quotes: [
          ['Symbol', 'Last', 'Bid'],
          ['AAPL', rtd('LAST', 'AAPL', 101.25), rtd('BID', 'AAPL', 101.2)],
          ['/ES', rtd('LAST', '/ES', 6857.25), 6857],
        ],
      });
      const withTopics = await withVolatileDependencies(base, [
        { field: 'LAST', symbol: 'AAPL', value: 101.25, cells: [{ sheetId: 1, ref: 'B2' }] },
        { field: 'BID', symbol: 'AAPL', value: 101.2, cells: [{ sheetId: 1, ref: 'C2' }] },
        { field: 'LAST', symbol: '/ES', value: 6857.25, cells: [{ sheetId: 1, ref: 'B3' }] },
      ]);
      let changed = false;
      for (const buffer of [base, withTopics]) {
        const { buffer: edited, changed: editedSome } = await rewrittenParts(buffer, edit);
        changed ||= editedSome;
        const { plain, general } = await bothRoads(edited);
        expect(plain).toEqual(general);
        const cells = await readWorkbookModel(edited).then((model) => [...model.sheets[0]!.rows.values()].reduce((n, row) => n + row.size, 0));
        expect(cells).toBeGreaterThan(3);
      }
      expect(changed).toBe(true);
    });
  }
});
