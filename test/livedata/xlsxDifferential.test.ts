// Differential tests: random TOS-style workbooks written with exceljs read the same through our zip reader as
// through exceljs's own reader (the oracle), and the same workbooks with the volatileDependencies part Excel would
// write give the same quotes from it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotToJson } from '../../src/main/livedata/snapshot';
import { quotesOfWorkbook } from '../../src/main/livedata/workbook';
import { readWorkbookModel } from '../../src/main/livedata/xlsx/readXlsx';
import { exceljsModel, withVolatileDependencies, type TopicSpec } from '../support/excelParts';
import { workbookBuffer, type CellSpec, type WorkbookSpec } from '../support/workbooks';

const FIELDS = ['LAST', 'BID', 'ASK', 'MARK', 'BID_SIZE', 'ASK_SIZE', 'VOLUME', 'NET_CHANGE', 'HIGH', 'DESCRIPTION', 'DELTA'];
const CAPTIONS = ['Last', 'Bid', 'Ask', 'Net Chng', '% Change', 'Volume', 'Bid Size', 'Description', 'Notes'];
const SYMBOLS = ['AAPL', 'MSFT', '/ES:XCME', '/ZB', 'SPY', '.SPY251219C600', 'BRK/B', '$DXY'];
const PROG_IDS = ['tos.rtd', 'TOS.RTD', 'Tos.Rtd'];
const SERVERS = [',,', ', ,', ',"",'];

type Cached = number | string | { error: string } | undefined;

const cachedValue: fc.Arbitrary<Cached> = fc.oneof(
  fc.integer({ min: -5000, max: 500_000 }).map((n) => n / 100),
  fc.constantFrom(0, 1, 117.453125, -0.07, 6857.25),
  fc.constantFrom('N/A', "117'14+", '1,234.50', '-1.25%', 'Apple Inc', '', '<empty>'),
  fc.constant({ error: '#N/A' }),
  fc.constant(undefined),
);

/** How an RTD cell names its symbol: a literal, the row's Symbol cell ($A, A, sheet-qualified), or a concatenation. */
type SymbolForm = 'literal' | 'absolute' | 'relative' | 'qualified' | 'concat';

interface RtdColumnPlan {
  readonly field: string;
  readonly form: SymbolForm;
  readonly progId: string;
  readonly server: string;
}

interface RowPlan {
  readonly symbol: string;
  /** The cached results of the sheet's RTD columns in this row. */
  readonly rtd: readonly Cached[];
  readonly plain: readonly Cached[];
  /** Fill this row's RTD cells down from the row above as shared formulas (as Excel stores a fill-down). */
  readonly share: boolean;
}

const rtdColumn: fc.Arbitrary<RtdColumnPlan> = fc.record({
  field: fc.constantFrom(...FIELDS),
  form: fc.constantFrom<SymbolForm>('literal', 'absolute', 'relative', 'qualified', 'concat'),
  progId: fc.constantFrom(...PROG_IDS),
  server: fc.constantFrom(...SERVERS),
});

const rowPlan: fc.Arbitrary<RowPlan> = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  rtd: fc.array(cachedValue, { minLength: 4, maxLength: 4 }),
  plain: fc.array(cachedValue, { maxLength: 3 }),
  share: fc.boolean(),
});

const sheetPlan = fc.record({
  header: fc.boolean(),
  captions: fc.shuffledSubarray(CAPTIONS, { minLength: 0, maxLength: 4 }),
  columns: fc.array(rtdColumn, { maxLength: 4 }),
  rows: fc.array(rowPlan, { minLength: 1, maxLength: 8 }),
});

const plan = fc.array(sheetPlan, { minLength: 1, maxLength: 2 });
type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;

const letter = (col: number) => String.fromCharCode(64 + col);

function symbolArgument(form: SymbolForm, symbol: string, sheet: string, row: number): { argument: string; resolved: string } {
  switch (form) {
    case 'literal':
      return { argument: `"${symbol}"`, resolved: symbol };
    case 'absolute':
      return { argument: `$A${row}`, resolved: symbol };
    case 'relative':
      return { argument: `A${row}`, resolved: symbol };
    case 'qualified':
      return { argument: `${sheet}!$A${row}`, resolved: symbol };
    case 'concat':
      return { argument: `"."&$A${row}`, resolved: `.${symbol}` };
  }
}

function build(sheets: Plan): { spec: WorkbookSpec; topics: TopicSpec[] } {
  const spec: WorkbookSpec = {};
  const topics: TopicSpec[] = [];
  sheets.forEach((sheetPlanned, s) => {
    const name = `Sheet${s + 1}`;
    const rows: CellSpec[][] = [];
    if (sheetPlanned.header) rows.push(['Symbol', ...sheetPlanned.captions]);
    let run: { masterRow: number; lastRow: number } | null = null;
    for (const planned of sheetPlanned.rows) {
      const row = rows.length + 1;
      const cells: CellSpec[] = [planned.symbol];
      // Plain values first, under the captions, then the RTD cells to their right.
      for (const value of planned.plain) cells.push(value === undefined ? null : (value as CellSpec));
      // The RTD columns start at the same column in every row (F), right of at most four captions.
      const firstRtdCol = 6;
      while (cells.length < firstRtdCol - 1) cells.push(null);
      const columns = sheetPlanned.columns;
      const shared: boolean = planned.share && run !== null && run.lastRow === row - 1 && columns.every((c) => c.form !== 'literal');
      columns.forEach((c, i) => {
        const col = firstRtdCol + i;
        const { argument, resolved } = symbolArgument(c.form, planned.symbol, name, row);
        const formula = `RTD("${c.progId}"${c.server}"${c.field}",${argument})`;
        const result = planned.rtd[i];
        cells.push(shared ? { sharedFormula: `${letter(col)}${run!.masterRow}`, result } : { formula, result });
        topics.push({
          field: c.field,
          symbol: resolved,
          value: result === undefined ? { error: '#N/A' } : result,
          cells: [{ sheetId: s + 1, ref: `${letter(col)}${row}` }],
        });
      });
      rows.push(cells);
      run = shared ? { ...run!, lastRow: row } : { masterRow: row, lastRow: row };
    }
    spec[name] = rows;
  });
  return { spec, topics };
}

/** exceljs needs a shared formula's master to carry the range it fills. */
function withSharedRanges(spec: WorkbookSpec): WorkbookSpec {
  const out: WorkbookSpec = {};
  for (const [name, rows] of Object.entries(spec)) {
    const copy = rows.map((r) => [...r]);
    copy.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (!cell || typeof cell !== 'object' || !('sharedFormula' in cell)) return;
        const masterRow = Number(cell.sharedFormula.slice(1)) - 1;
        const master = copy[masterRow]![c];
        if (!master || typeof master !== 'object' || !('formula' in master)) return;
        const start = `${letter(c + 1)}${masterRow + 1}`;
        const previousRef = 'ref' in master ? (master.ref as string) : `${start}:${start}`;
        const end = `${letter(c + 1)}${Math.max(r + 1, Number(previousRef.split(':')[1]!.slice(1)))}`;
        copy[masterRow]![c] = { formula: master.formula, result: master.result, shareType: 'shared', ref: `${start}:${end}` };
      }),
    );
    out[name] = copy;
  }
  return out;
}

describe('the zip reader against exceljs (differential)', () => {
  it('reads random TOS workbooks exactly as the exceljs oracle does: quotes and warnings', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (sheets) => {
        const { spec } = build(sheets);
        const buffer = await workbookBuffer(withSharedRanges(spec));
        const ours = snapshotToJson(quotesOfWorkbook(await readWorkbookModel(buffer)));
        const oracle = snapshotToJson(quotesOfWorkbook(await exceljsModel(buffer)));
        expect(ours).toEqual(oracle);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same quotes from volatileDependencies as from the formulas', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (sheets) => {
        const { spec, topics } = build(sheets);
        const plain = await workbookBuffer(withSharedRanges(spec));
        const fromFormulas = snapshotToJson(quotesOfWorkbook(await readWorkbookModel(plain)));
        const fromTopics = snapshotToJson(quotesOfWorkbook(await readWorkbookModel(await withVolatileDependencies(plain, topics))));
        expect(fromTopics.quotes).toEqual(fromFormulas.quotes);
      }),
      { numRuns: 60 },
    );
  });
});
