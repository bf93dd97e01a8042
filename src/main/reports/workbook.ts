// The Excel workbook of a statement (REPORTS.md 2), written with exceljs's streaming WorkbookWriter so a month of
// 20,000 fills goes to disk a row at a time: Summary, Trades, Fills, Orders, Cash, Positions, Daily.
// Numbers are numbers with number formats, times Excel dates in New York time. It writes what the reader read.
import ExcelJS from 'exceljs';
import { Dec, ZERO } from '../engine/decimal';
import { avgEntry, avgExit, netPl } from '../engine/journal';
import { tradeStatistics, type TradeStatistics } from '../engine/statistics';
import type { Settings } from '../engine/settings';
import type { FillPiece, StatementData } from './ledgerReader';
import { newYorkMs, PROGRESS_ROWS, tosTime, type RowProgress } from './text';
import { tradeDescription } from './tosStatement';

export const SHEETS = ['Summary', 'Trades', 'Fills', 'Orders', 'Cash', 'Positions', 'Daily'] as const;

export const MONEY = '#,##0.00;-#,##0.00';
export const TIME = 'm/d/yy hh:mm:ss';
export const DAY = 'm/d/yy';
const PERCENT = '0.00%';
const INTEGER = '0';
const QTY = '#,##0.######';

interface Column {
  readonly header: string;
  readonly width: number;
  readonly numFmt?: string;
}

type Cell = string | number | Date | null;

// The one place a decimal becomes a JS number: a cell of the workbook, which Excel keeps as a double anyway.
// The reader shares one Decimal per distinct text (a month holds a few hundred), so each is converted once.
const numbers = new WeakMap<Dec, number>();
const num = (value: Dec | null): number | null => {
  if (value === null) return null;
  let n = numbers.get(value);
  if (n === undefined) numbers.set(value, (n = value.toNumber()));
  return n;
};
// A decimal computed for its row (a running balance, a trade's average): converted as it is, not remembered, as a
// WeakMap entry for each of 100,000 of them only cost insertion and garbage collection time.
const computed = (value: Dec | null): number | null => (value === null ? null : value.toNumber());
// A shared decimal's negation, without a Decimal for it: a double's negation is exact, the same number.
const negated = (value: Dec): number => -(num(value) ?? 0);
// A time is its Excel serial date (days since 1899-12-30, New York's wall clock), computed as exceljs computes a
// Date's: the same number in the file, without a Date object and exceljs's date path for 100,000 cells.
const time = (ms: number | null): number | null => (ms === null ? null : 25569 + newYorkMs(ms) / 86_400_000);

function priceFormat(decimals: number): string {
  return decimals <= 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

/** Decimals to show a symbol's prices with: its tick's (futures), else two. */
export function priceDecimals(settings: Settings, symbol: string, assetType: string): number {
  if (assetType !== 'FUT') return 2;
  const root = symbol.slice(1).replace(/[FGHJKMNQUVXZ]\d{1,2}$/, '') || symbol.slice(1);
  const tick = settings.contracts[root]?.tick;
  return tick ? Math.max(2, tick.decimalPlaces()) : 2;
}

// One style object per number format, shared by every cell that has it: exceljs recognises a style object it has
// seen (a WeakMap) instead of serialising each cell's own copy, which was most of a big workbook's time.
const STYLES = new Map<string, Partial<ExcelJS.Style>>();
const NO_STYLE: Partial<ExcelJS.Style> = {};
const ROW_STYLE: Partial<ExcelJS.Style> = {};
/** A row's number formats that differ from its columns' (a price's decimals), by column index from 0. */
type Formats = Readonly<Record<number, string>>;
const NO_FORMATS: Formats = {};
// Rows written between two turns of the event loop. exceljs hands the zip a sheet's XML in 64 KB pieces, and zlib
// deflates each on libuv's pool, but starts the next piece only on a turn of this thread: a turn every 64 rows
// (about 20 KB of XML) keeps it in step on the other core, where a turn every 2,000 rows left most of a month's
// 36 MB of XML to deflate after the last row (0.2 s of waiting at commit).
const YIELD_ROWS = 64;
function styleOf(format: string | undefined): Partial<ExcelJS.Style> {
  if (!format) return NO_STYLE;
  let style = STYLES.get(format);
  if (!style) STYLES.set(format, (style = { numFmt: format }));
  return style;
}

/** The Formats of a row's price columns for each number of decimals, one object per count (a sheet resolves each once). */
function priceFormats(columns: readonly number[]): (decimals: number) => Formats {
  const byDecimals: Formats[] = [];
  return (decimals) => (byDecimals[decimals] ??= Object.fromEntries(columns.map((c) => [c, priceFormat(decimals)])));
}

class Sheet {
  /** Each column's style; then, per Formats object a row was given, the columns' styles with its formats. */
  private readonly styles: readonly Partial<ExcelJS.Style>[];
  private readonly withFormats = new Map<Formats, readonly Partial<ExcelJS.Style>[]>();

  constructor(
    private readonly sheet: ExcelJS.Worksheet,
    columns: readonly Column[],
  ) {
    this.styles = columns.map((c) => styleOf(c.numFmt));
  }

  static add(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: readonly Column[]): Sheet {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    sheet.getRow(1).font = { bold: true };
    return new Sheet(sheet, columns);
  }

  /**
   * One row; `formats` overrides a column's number format for this row (a price's decimals). Give the same Formats
   * object for the same formats (priceFormats): the sheet resolves each object's styles once.
   */
  add(values: Cell[], formats: Formats = NO_FORMATS): void {
    // An empty value (null, '') is no cell at all (exceljs skips undefined), as Excel leaves an empty cell out: the
    // column's style still formats what a trader types there, and a month's empty prices and notes are not written.
    // In place: the row's array is built for this call and read by nothing after it.
    const cells: (Cell | undefined)[] = values;
    for (let i = 0; i < cells.length; i += 1) if (cells[i] === null || cells[i] === '') cells[i] = undefined;
    const row = this.sheet.addRow(cells);
    // One style object for every row: a row's own `{}` is a style exceljs has not seen, and resolving it was a
    // tenth of a big workbook's time. Its id is the default's, so the XML is the same. (exceljs's typings leave a
    // row's `style` out; its Row has one, read when the row is committed.)
    (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE;
    let styles = formats === NO_FORMATS ? this.styles : this.withFormats.get(formats);
    if (styles === undefined) {
      styles = this.styles.map((style, i) => (formats[i] === undefined ? style : styleOf(formats[i])));
      // Bounded: a caller that made a new Formats object for every row would only cost the resolving.
      if (this.withFormats.size < 100) this.withFormats.set(formats, styles);
    }
    for (let i = 0; i < cells.length; i += 1) if (cells[i] !== undefined) row.getCell(i + 1).style = styles[i] ?? NO_STYLE;
    row.commit();
  }

  commit(): void {
    this.sheet.commit();
  }
}

/** Writes the workbook to `path`, a sheet at a time, yielding to the event loop between pieces. */
export async function writeWorkbook(data: StatementData, path: string, progress?: RowProgress): Promise<void> {
  const total = data.trades.length + data.pieces.length + data.orders.length + data.entries.length;
  let written = 0;
  // Every big sheet's row loop calls it after a row: it says how far the workbook is every PROGRESS_ROWS rows, and
  // whether it is time for a turn of the event loop (every YIELD_ROWS rows).
  const wrote = (): boolean => {
    written += 1;
    if (progress && written % PROGRESS_ROWS === 0) progress(written, total);
    return written % YIELD_ROWS === 0;
  };
  // zlib level 1: a statement's XML still shrinks about tenfold, at a fraction of the default level's time.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  workbook.creator = 'Thor Paper Desk';
  const stats = tradeStatistics(data.trades);
  writeSummary(Sheet.add(workbook, 'Summary', [
    { header: 'Item', width: 34 },
    { header: 'Value', width: 22 },
  ]), data, stats);
  await pause();

  const trades = Sheet.add(workbook, 'Trades', [
    { header: 'Id', width: 8, numFmt: INTEGER },
    { header: 'Symbol', width: 18 },
    { header: 'Type', width: 6 },
    { header: 'Direction', width: 10 },
    // 10, as Direction: exceljs's streaming writer drops a lone column whose width differs from both neighbours'
    // (its Column.toModel), and the test reads every width back.
    { header: 'Status', width: 10 },
    { header: 'Opened', width: 18, numFmt: TIME },
    { header: 'Closed', width: 18, numFmt: TIME },
    { header: 'Max Qty', width: 9, numFmt: QTY },
    { header: 'Avg Entry', width: 12 },
    { header: 'Avg Exit', width: 12 },
    { header: 'Gross P&L', width: 13, numFmt: MONEY },
    { header: 'Commissions', width: 13, numFmt: MONEY },
    { header: 'Net P&L', width: 13, numFmt: MONEY },
    { header: 'MAE', width: 12, numFmt: MONEY },
    { header: 'MFE', width: 12, numFmt: MONEY },
    { header: 'Tags', width: 20 },
    { header: 'Note', width: 30 },
  ]);
  const tradePrices = priceFormats([8, 9]);
  for (const t of data.trades) {
    trades.add(
      [
        t.id,
        t.symbol,
        t.assetType,
        t.direction,
        t.status,
        time(t.openedAt),
        time(t.closedAt),
        num(t.maxQty),
        computed(avgEntry(t)),
        computed(avgExit(t)),
        num(t.grossPl),
        num(t.commissions),
        computed(netPl(t)),
        num(t.mae),
        num(t.mfe),
        t.tags.join(', '),
        t.note,
      ],
      tradePrices(priceDecimals(data.settings, t.symbol, t.assetType)),
    );
    if (wrote()) await pause();
  }
  trades.commit();
  await pause();

  const fills = Sheet.add(workbook, 'Fills', [
    { header: 'Id', width: 8, numFmt: INTEGER },
    { header: 'Order', width: 8, numFmt: INTEGER },
    { header: 'Time', width: 18, numFmt: TIME },
    { header: 'Symbol', width: 18 },
    { header: 'Type', width: 6 },
    { header: 'Side', width: 6 },
    { header: 'Qty', width: 9, numFmt: QTY },
    { header: 'Pos Effect', width: 10 },
    { header: 'Price', width: 12 },
    { header: 'Multiplier', width: 10, numFmt: QTY },
    { header: 'Commission', width: 12, numFmt: MONEY },
    { header: 'Fees', width: 10, numFmt: MONEY },
    { header: 'Realized P&L', width: 13, numFmt: MONEY },
    { header: 'Reason', width: 40 },
  ]);
  const fillPrices = priceFormats([8]);
  for (const piece of data.pieces) {
    const f = piece.fill;
    fills.add(
      [
        f.id,
        f.orderId,
        time(f.time),
        f.symbol,
        f.assetType,
        f.side,
        num(piece.qty),
        piece.posEffect,
        num(f.price),
        num(f.multiplier),
        num(piece.commission),
        num(piece.fees),
        num(piece.realizedPl),
        f.reason,
      ],
      fillPrices(priceDecimals(data.settings, f.symbol, f.assetType)),
    );
    if (wrote()) await pause();
  }
  fills.commit();
  await pause();

  const orders = Sheet.add(workbook, 'Orders', [
    { header: 'Id', width: 8, numFmt: INTEGER },
    { header: 'Placed', width: 18, numFmt: TIME },
    { header: 'Symbol', width: 18 },
    { header: 'Type', width: 6 },
    { header: 'Side', width: 6 },
    { header: 'Qty', width: 9, numFmt: QTY },
    { header: 'Pos Effect', width: 10 },
    { header: 'Order Type', width: 10 },
    { header: 'Limit', width: 12 },
    { header: 'Stop', width: 12 },
    { header: 'TIF', width: 8 },
    { header: 'Status', width: 10 },
    { header: 'Filled Qty', width: 10, numFmt: QTY },
    { header: 'Avg Fill', width: 12 },
    { header: 'Reason', width: 36 },
    { header: 'Events', width: 60 },
  ]);
  const orderPrices = priceFormats([8, 9, 13]);
  for (const { order: o, events, posEffect } of data.orders) {
    const trail = events.map((e) => `${e.type} ${tosTime(e.time)}`).join('; ');
    orders.add(
      [
        o.id,
        time(o.createdAt),
        o.symbol,
        o.assetType,
        o.side,
        num(o.qty),
        posEffect,
        o.type,
        num(o.limit),
        num(o.stop),
        o.tif,
        o.status,
        num(o.filledQty),
        num(o.avgFillPrice),
        o.rejectReason ?? o.statusReason ?? '',
        trail,
      ],
      orderPrices(priceDecimals(data.settings, o.symbol, o.assetType)),
    );
    if (wrote()) await pause();
  }
  orders.commit();
  await pause();

  const cash = Sheet.add(workbook, 'Cash', [
    { header: 'Time', width: 18, numFmt: TIME },
    { header: 'Type', width: 6 },
    { header: 'Ref', width: 8 },
    { header: 'Description', width: 44 },
    { header: 'Misc Fees', width: 11, numFmt: MONEY },
    { header: 'Commissions', width: 12, numFmt: MONEY },
    { header: 'Amount', width: 14, numFmt: MONEY },
    { header: 'Balance', width: 15, numFmt: MONEY },
  ]);
  const description = descriptions();
  for (const entry of data.entries) {
    if (entry.kind === 'BAL') cash.add([time(entry.time), 'BAL', '', `Start of trading day ${entry.tradingDay}`, null, null, null, computed(entry.balance)]);
    else if (entry.kind === 'RESET') {
      cash.add([time(entry.time), 'ADJ', '', entry.reset.kind === 'OPEN' ? 'Account opened' : 'Account reset', null, null, computed(entry.amount), computed(entry.balance)]);
    } else {
      const p = entry.piece;
      cash.add([time(entry.time), 'TRD', p.fill.id, description(p), negated(p.fees), negated(p.commission), computed(p.amount), computed(entry.balance)]);
    }
    if (wrote()) await pause();
  }
  cash.commit();
  await pause();

  const positions = Sheet.add(workbook, 'Positions', [
    { header: 'Symbol', width: 18 },
    { header: 'Type', width: 6 },
    { header: 'Qty', width: 9, numFmt: QTY },
    { header: 'Avg Price', width: 12 },
    { header: 'Mark', width: 12 },
    { header: 'Mark Value', width: 14, numFmt: MONEY },
    { header: 'P/L Open', width: 13, numFmt: MONEY },
    { header: 'P/L %', width: 9, numFmt: PERCENT },
    { header: 'Margin Req', width: 13, numFmt: MONEY },
  ]);
  const positionPrices = priceFormats([3, 4]);
  for (const p of data.positions) {
    positions.add(
      [
        p.position.symbol,
        p.position.assetType,
        num(p.position.qty),
        num(p.avgPrice),
        num(p.mark),
        num(p.markValue),
        num(p.unrealizedPl),
        p.plPercent === null ? null : num(p.plPercent.div(100)),
        num(p.requirement),
      ],
      positionPrices(p.priceDecimals),
    );
  }
  positions.commit();

  const daily = Sheet.add(workbook, 'Daily', [
    { header: 'Trading Day', width: 12, numFmt: DAY },
    { header: 'Net Liq at Roll', width: 16, numFmt: MONEY },
    { header: 'Cash at Roll', width: 15, numFmt: MONEY },
    { header: 'Realized P&L', width: 14, numFmt: MONEY },
    { header: 'Trades', width: 8, numFmt: INTEGER },
    { header: 'Net P&L of Trades', width: 17, numFmt: MONEY },
  ]);
  const byRoll = new Map(data.daySnapshots.map((s) => [s.rollAt, s]));
  for (const day of data.tradingDays) {
    const snapshot = byRoll.get(rollEnding(data, day));
    const group = stats.byDay[day];
    daily.add([
      new Date(`${day}T00:00:00Z`),
      num(snapshot?.netLiq ?? null),
      num(snapshot?.cash ?? null),
      num(snapshot?.realizedPlDay ?? null),
      group?.trades ?? 0,
      num(group?.netPl ?? ZERO),
    ]);
  }
  daily.commit();
  await workbook.commit();
}

/**
 * tradeDescription, remembered by what it reads (side, symbol, asset type, the piece's quantity and the fill's price,
 * shared decimals): a month's 20,000 pieces repeat a few hundred descriptions, each made once.
 */
function descriptions(): (piece: FillPiece) => string {
  const known = new Map<unknown, unknown>();
  let size = 0;
  return (piece) => {
    // Bounded: a ledger of all-different quantities and prices stops remembering.
    if (size >= 50_000) return tradeDescription(piece);
    const { fill } = piece;
    let map = known;
    for (const key of [fill.side, fill.symbol, fill.assetType, piece.qty]) {
      let next = map.get(key) as Map<unknown, unknown> | undefined;
      if (next === undefined) map.set(key, (next = new Map()));
      map = next;
    }
    let text = map.get(fill.price) as string | undefined;
    if (text === undefined) {
      map.set(fill.price, (text = tradeDescription(piece)));
      size += 1;
    }
    return text;
  };
}

function rollEnding(data: StatementData, day: string): number {
  const i = data.tradingDays.indexOf(day);
  const next = data.tradingDays[i + 1];
  // The roll that ends a day starts the next one; the last day's ends the range.
  return next === undefined ? data.end : dayStartOf(data, next);
}

function dayStartOf(data: StatementData, day: string): number {
  for (const entry of data.entries) if (entry.kind === 'BAL' && entry.tradingDay === day) return entry.time;
  return data.end;
}

function writeSummary(sheet: Sheet, data: StatementData, stats: TradeStatistics): void {
  const [asMoney, asCount, asRate, asRatio, asDay] = [MONEY, INTEGER, PERCENT, '0.00', DAY].map((format) => ({ 1: format }));
  const money = (label: string, value: Dec | null) => sheet.add([label, computed(value)], asMoney);
  const count = (label: string, value: number | null) => sheet.add([label, value], asCount);
  // JOURNAL.md's rates are percents (winners / trades x 100); Excel's percent format wants the fraction.
  const rate = (label: string, value: Dec | null) => sheet.add([label, value === null ? null : computed(value.div(100))], asRate);
  const ratio = (label: string, value: Dec | null) => sheet.add([label, computed(value)], asRatio);
  sheet.add(['Account', data.account.id]);
  sheet.add(['From', new Date(`${data.request.from}T00:00:00Z`)], asDay);
  sheet.add(['To', new Date(`${data.request.to}T00:00:00Z`)], asDay);
  money('Opening cash', data.openingBalance);
  money('Closing cash', data.closingBalance);
  money('Net liquidating value', data.netLiq);
  count('Trades', stats.trades);
  count('Winners', stats.winners);
  count('Losers', stats.losers);
  count('Scratches', stats.scratches);
  rate('Win rate', stats.winRate);
  money('Gross profit', stats.grossProfit);
  money('Gross loss', stats.grossLoss);
  money('Net P&L', stats.netPl);
  money('Commissions', stats.commissions);
  ratio('Profit factor', stats.profitFactor);
  money('Average win', stats.avgWin);
  money('Average loss', stats.avgLoss);
  ratio('Win/loss ratio', stats.winLossRatio);
  money('Expectancy', stats.expectancy);
  money('Largest win', stats.largestWin);
  money('Largest loss', stats.largestLoss);
  count('Max consecutive wins', stats.maxConsecutiveWins);
  count('Max consecutive losses', stats.maxConsecutiveLosses);
  money('Max drawdown', stats.maxDrawdown);
  money('Average MAE', stats.avgMae);
  money('Average MFE', stats.avgMfe);
  money('Average ETD', stats.avgEtd);
  count('Average duration (s)', stats.avgDurationSeconds === null ? null : Math.round(stats.avgDurationSeconds));
  sheet.commit();
}

/** Lets the event loop run (a window stays responsive while a big workbook is written in the app's process). */
function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
