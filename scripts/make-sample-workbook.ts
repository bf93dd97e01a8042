// npx tsx scripts/make-sample-workbook.ts [OUT]     (default resources/sample-tos-quotes.xlsx)
//
// Writes a sample of the trader's TOS workbook, as Excel stores it after a save: sheet "LiveData" holds real
// ThinkOrSwim RTD formulas with their cached values (the numbers TOS last pushed), and sheet "Notes" says how it
// was made. Beside OUT it writes the same sheet as a CSV (OUT with .csv), as resources/ThorLiveData.bas exports
// it: UTF-8 with a BOM, the header row as on the sheet, text as shown, numbers to 15 significant digits, quotes
// around fields with a comma or a quote.
//
// What the sheet shows (LIVEDATA.md):
// - RTD formulas whose symbol is a cell reference ($A2), a `".SPY"&$L10` concatenation, and literals;
//   the ProgID written `tos.rtd` and `TOS.RTD`, the empty server argument written `,,` and `""`.
// - Column C (Last) is one formula filled down C2:C9: Excel stores it as a shared formula (a master cell and
//   clones that only name the master), which the workbook reader has to translate.
// - Futures with an exchange suffix (/ES:XCME), /ZB in 32nds as text (117'14+), a VOLUME of N/A, a net change
//   stored as Excel's -7.0000000000000007E-2, descriptions both as plain labels and as an RTD DESCRIPTION cell.
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';

/** The master cell of a shared formula, as exceljs writes it. */
type SharedFormulaMaster = ExcelJS.CellFormulaValue & { shareType: 'shared'; ref: string };

/** A cached cell value: a number, text (32nds, N/A, descriptions) or nothing. */
type Cached = number | string | null;

interface Row {
  /** The Symbol cell: what the trader typed (or, for the option row, a formula building it). */
  readonly symbol: string;
  /** A plain description label, or null when the row reads DESCRIPTION through RTD. */
  readonly description: string | null;
  readonly last: Cached;
  readonly bid: Cached;
  readonly ask: Cached;
  readonly bidSize: Cached;
  readonly askSize: Cached;
  readonly volume: Cached;
  readonly netChange: Cached;
  readonly high: Cached;
  readonly low: Cached;
}

const HEADER = ['Symbol', 'Description', 'Last', 'Bid', 'Ask', 'Bid Size', 'Ask Size', 'Volume', 'Net Chng', 'High', 'Low'];
/** RTD field per column, C..K (column 3..11). */
const RTD_FIELDS = ['LAST', 'BID', 'ASK', 'BID_SIZE', 'ASK_SIZE', 'VOLUME', 'NET_CHANGE', 'HIGH', 'LOW'] as const;
const ROW_KEYS = ['last', 'bid', 'ask', 'bidSize', 'askSize', 'volume', 'netChange', 'high', 'low'] as const;

const ROWS: readonly Row[] = [
  // VOLUME N/A as TOS shows it for futures overnight (the real sample workbook has the same).
  { symbol: '/ES:XCME', description: 'E-mini S&P 500 Futures,Dec-2025,ETH', last: 6857.25, bid: 6857.25, ask: 6857.5, bidSize: 12, askSize: 9, volume: 'N/A', netChange: -2.25, high: 6871.5, low: 6840.75 },
  { symbol: '/NQ:XCME', description: 'E-mini Nasdaq 100 Futures,Dec-2025,ETH', last: 25478.5, bid: 25478.25, ask: 25479, bidSize: 3, askSize: 4, volume: 312456, netChange: -3.5, high: 25560, low: 25401.25 },
  // -7.0000000000000007E-2 is how Excel stored a -0.07 in the real sample: it means -0.07.
  { symbol: '/CL:XNYM', description: 'Light Sweet Crude Oil Futures,Jan-2026,ETH', last: 58.48, bid: 58.47, ask: 58.49, bidSize: 7, askSize: 11, volume: 145230, netChange: -7.0000000000000007e-2, high: 59.12, low: 58.21 },
  // Treasury prices in 32nds, as text: 117'14+ = 117 + 14.5/32.
  { symbol: '/ZB:XCBT', description: '30-Year U.S. Treasury Bond Futures,Mar-2026,ETH', last: "117'14+", bid: "117'14", ask: "117'15", bidSize: 46, askSize: 14, volume: 201345, netChange: "-0'01", high: "117'22", low: "117'06+" },
  { symbol: 'SPY', description: 'SPDR S&P 500 ETF TRUST', last: 684.12, bid: 684.11, ask: 684.13, bidSize: 300, askSize: 500, volume: 45123456, netChange: 1.87, high: 685.4, low: 681.02 },
  { symbol: 'AAPL', description: 'APPLE INC COM', last: 278.85, bid: 278.84, ask: 278.86, bidSize: 200, askSize: 100, volume: 38211054, netChange: -1.12, high: 281.3, low: 277.9 },
  { symbol: 'MSFT', description: 'MICROSOFT CORP COM', last: 483.16, bid: 483.1, ask: 483.2, bidSize: 100, askSize: 300, volume: 18450120, netChange: 2.41, high: 485, low: 480.55 },
  { symbol: 'NVDA', description: 'NVIDIA CORP COM', last: 182.41, bid: 182.4, ask: 182.42, bidSize: 1200, askSize: 800, volume: 161230455, netChange: 0, high: 184.9, low: 180.33 },
];

/** The option row: its symbol is built from the code in column L, in the Symbol cell and in every RTD call. */
const OPTION_CODE = '251219C600';
const OPTION: Row = { symbol: `.SPY${OPTION_CODE}`, description: null, last: 85.1, bid: 84.9, ask: 85.35, bidSize: 20, askSize: 20, volume: 152, netChange: 1.8, high: 86, low: 83.5 };
const OPTION_DESCRIPTION = 'SPY 100 19 Dec 25 600 Call';
const OPTION_ROW = ROWS.length + 2; // row 10
const CODE_COLUMN = 'L';

/** The RTD formula of column index i (0 = Last) for a row, written the ways traders write it. */
function rtdFormula(i: number, symbolArgument: string): string {
  const field = RTD_FIELDS[i]!;
  if (field === 'BID') return `RTD("TOS.RTD","","${field}",${symbolArgument})`;
  if (field === 'ASK') return `RTD("tos.rtd","","${field}",${symbolArgument})`;
  return `RTD("tos.rtd",,"${field}",${symbolArgument})`;
}

function columnLetter(index: number): string {
  return String.fromCharCode('A'.charCodeAt(0) + index);
}

/** A cached value as the CSV export writes it: numbers to 15 significant digits in plain notation, text as is. */
function csvText(value: Cached): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return String(Number(value.toPrecision(15)));
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function buildLiveData(sheet: ExcelJS.Worksheet): string[][] {
  const csv: string[][] = [[...HEADER, 'Contract']];
  sheet.addRow([...HEADER, 'Contract']).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  ROWS.forEach((row, index) => {
    const r = index + 2;
    sheet.getCell(`A${r}`).value = row.symbol;
    sheet.getCell(`B${r}`).value = row.description;
    ROW_KEYS.forEach((key, i) => {
      const address = `${columnLetter(2 + i)}${r}`;
      const result = row[key] ?? undefined;
      if (i === 0) {
        // Last: one formula filled down, stored by Excel as a shared formula (master C2, clones C3:C9).
        if (r === 2) {
          // exceljs writes shareType and ref (<f t="shared" ref="C2:C9" si="0">) but its typings lack them.
          const master: SharedFormulaMaster = { formula: rtdFormula(0, '$A2'), result, shareType: 'shared', ref: `C2:C${ROWS.length + 1}` };
          sheet.getCell(address).value = master;
        } else {
          sheet.getCell(address).value = { sharedFormula: 'C2', result };
        }
      } else {
        sheet.getCell(address).value = { formula: rtdFormula(i, `$A${r}`), result };
      }
    });
    csv.push([row.symbol, row.description ?? '', ...ROW_KEYS.map((k) => csvText(row[k])), '']);
  });

  // The option row: `".SPY"&$L10`, the concatenation traders use to build option symbols.
  const r = OPTION_ROW;
  const symbolArgument = `".SPY"&$${CODE_COLUMN}${r}`;
  sheet.getCell(`${CODE_COLUMN}${r}`).value = OPTION_CODE;
  sheet.getCell(`A${r}`).value = { formula: `".SPY"&${CODE_COLUMN}${r}`, result: OPTION.symbol };
  sheet.getCell(`B${r}`).value = { formula: `RTD("tos.rtd",,"DESCRIPTION",${symbolArgument})`, result: OPTION_DESCRIPTION };
  ROW_KEYS.forEach((key, i) => {
    sheet.getCell(`${columnLetter(2 + i)}${r}`).value = { formula: rtdFormula(i, symbolArgument), result: OPTION[key] ?? undefined };
  });
  csv.push([OPTION.symbol, OPTION_DESCRIPTION, ...ROW_KEYS.map((k) => csvText(OPTION[k])), OPTION_CODE]);

  sheet.getColumn('H').numFmt = '#,##0';
  const widths = [16, 44, 11, 11, 11, 9, 9, 13, 10, 11, 11, 12];
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  return csv;
}

const NOTES = [
  'Thor Paper Desk: a sample TOS RTD workbook, made by scripts/make-sample-workbook.ts (exceljs), not by Excel.',
  'Sheet LiveData holds ThinkOrSwim RTD formulas with cached values, as Excel stores them after a save.',
  'The values are made up for the sample; with TOS running and logged in, Excel would refresh them.',
  'Column C (Last) is one formula filled down C2:C9, stored as a shared formula.',
  'Row 10 builds an option symbol: ".SPY"&$L10, with the expiry and strike code in column L.',
  '/ZB prices are 32nds as text (117\'14+ = 117 + 14.5/32). The /ES volume cell says N/A (missing).',
  'Check what the app reads: npm run --silent livedata -- inspect resources/sample-tos-quotes.xlsx',
];

async function main() {
  const out = resolve(process.argv[2] ?? 'resources/sample-tos-quotes.xlsx');
  const csvPath = out.slice(0, out.length - extname(out).length) + '.csv';
  mkdirSync(dirname(out), { recursive: true });

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thor Paper Desk';
  // Fixed dates: the same script gives the same workbook content.
  workbook.created = new Date('2025-12-05T15:30:00Z');
  workbook.modified = workbook.created;
  const csv = buildLiveData(workbook.addWorksheet('LiveData'));
  const notes = workbook.addWorksheet('Notes');
  NOTES.forEach((line) => notes.addRow([line]));
  notes.getColumn(1).width = 110;

  await workbook.xlsx.writeFile(out);
  // A BOM, as the VBA export (ADODB.Stream, UTF-8) writes one; CRLF as on Windows.
  writeFileSync(csvPath, '\ufeff' + csv.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
  process.stdout.write(`wrote ${out}\nwrote ${csvPath}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`make-sample-workbook: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
