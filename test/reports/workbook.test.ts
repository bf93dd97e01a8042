// The Excel workbook and the plain CSVs of the session's statement, read back: the workbook with exceljs (sheet
// names, frozen header rows, autofilters, number types and formats, Excel dates), the CSVs with csv-parse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/main/engine/decimal';
import { exportStatement } from '../../src/main/reports/exportStatement';
import { FILLS_HEADER, TRADES_HEADER } from '../../src/main/reports/plainCsv';
import { openReadOnlyLedger } from '../../src/main/reports/source';
import { MONEY, SHEETS, TIME } from '../../src/main/reports/workbook';
import { tempDir } from '../support/scenario';
import { buildLedger } from './session';

let ledger: Awaited<ReturnType<typeof buildLedger>>;
let dir: { path: string; cleanup: () => void };
let book: ExcelJS.Workbook;
const request = { accountId: 'main', from: '2026-01-05', to: '2026-01-06' };

beforeAll(async () => {
  ledger = await buildLedger();
  dir = tempDir('thor-workbook-');
  const source = openReadOnlyLedger(ledger.path);
  try {
    await exportStatement(source, request, 'xlsx', join(dir.path, 'statement.xlsx'));
    await exportStatement(source, request, 'trades-csv', join(dir.path, 'trades.csv'));
    await exportStatement(source, request, 'fills-csv', join(dir.path, 'fills.csv'));
  } finally {
    source.close();
  }
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(dir.path, 'statement.xlsx'));
});
afterAll(() => {
  ledger.cleanup();
  dir.cleanup();
});

const sheet = (name: string) => {
  const found = book.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
};

const headers = (name: string) => (sheet(name).getRow(1).values as unknown[]).slice(1);

describe('the workbook', () => {
  it('has the seven sheets in order', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual([...SHEETS]);
  });

  it.each([...SHEETS])('%s: a frozen header row, an autofilter over it, column widths', (name) => {
    const ws = sheet(name);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeDefined();
    expect(ws.getRow(1).font?.bold).toBe(true);
    for (let c = 1; c <= ws.columnCount; c += 1) expect(ws.getColumn(c).width ?? 0).toBeGreaterThan(4);
  });

  it('Fills: one row per fill piece, numbers as numbers, prices with the instrument decimals, times as dates', () => {
    const ws = sheet('Fills');
    expect(headers('Fills').slice(0, 4)).toEqual(['Id', 'Order', 'Time', 'Symbol']);
    expect(ws.rowCount - 1).toBe(ledger.output.fills.length + 1);
    const first = ws.getRow(2);
    expect(first.getCell(3).value).toBeInstanceOf(Date);
    // New York wall clock: 09:35 New York is 14:35 UTC.
    expect((first.getCell(3).value as Date).toISOString()).toBe('2026-01-05T09:35:00.000Z');
    expect(first.getCell(3).numFmt).toBe(TIME);
    expect(first.getCell(9).value).toBe(200);
    expect(first.getCell(9).numFmt).toBe('0.00');
    expect(first.getCell(11).numFmt).toBe(MONEY);
    expect(typeof first.getCell(11).value).toBe('number');
    const es = [...Array(ws.rowCount - 1).keys()].map((i) => ws.getRow(i + 2)).find((r) => r.getCell(4).value === '/ESH26')!;
    expect(es.getCell(9).numFmt).toBe('0.00');
    expect(es.getCell(9).value).toBe(6000.25);
  });

  it('Cash: the running balance ends at the ledger cash', () => {
    const ws = sheet('Cash');
    expect(headers('Cash')).toEqual(['Time', 'Type', 'Ref', 'Description', 'Misc Fees', 'Commissions', 'Amount', 'Balance']);
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(8).value).toBe(new Dec(ledger.output.accounts[0]!.cash).toNumber());
    expect(last.getCell(8).numFmt).toBe(MONEY);
  });

  it('Summary: the journal statistics of the range as numbers', () => {
    const ws = sheet('Summary');
    const rows = new Map<string, ExcelJS.Cell>();
    ws.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), row.getCell(2));
    });
    const stats = ledger.output.stats.main!;
    expect(rows.get('Trades')?.value).toBe(stats.trades);
    expect(rows.get('Net P&L')?.value).toBe(Number(stats.netPl));
    expect(rows.get('Net P&L')?.numFmt).toBe(MONEY);
    expect(rows.get('Win rate')?.numFmt).toBe('0.00%');
    expect(rows.get('Win rate')?.value).toBe(stats.winRate === null ? null : Number(stats.winRate) / 100);
  });

  it('Orders, Positions and Daily', () => {
    expect(sheet('Orders').rowCount - 1).toBe(ledger.output.orders.length);
    const rejected = [...Array(sheet('Orders').rowCount - 1).keys()].map((i) => sheet('Orders').getRow(i + 2)).find((r) => r.getCell(12).value === 'REJECTED')!;
    expect(String(rejected.getCell(15).value)).toMatch(/^insufficient buying power/);
    expect(String(rejected.getCell(16).value)).toMatch(/^REJECTED /);
    expect(sheet('Positions').getRow(2).getCell(1).value).toBe('MSFT');
    expect(sheet('Positions').getRow(2).getCell(3).value).toBe(10);
    const daily = sheet('Daily');
    expect(daily.rowCount - 1).toBe(2);
    expect(daily.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(daily.getRow(2).getCell(2).value).toBe(102365.82);
  });

  it('an empty value is no cell, and rows carry no style of their own', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(dir.path, 'statement.xlsx')));
    // Sheets in order: Orders is the fourth. A MKT order has no limit, no stop: columns I and J of its row.
    const xml = await zip.file('xl/worksheets/sheet4.xml')!.async('string');
    const rows = xml.match(/<row r="(\d+)"[^>]*>.*?<\/row>/g)!.slice(1);
    expect(rows.length).toBe(ledger.output.orders.length);
    for (const row of rows) {
      expect(row).not.toMatch(/<c [^>]*\/>/);
      expect(row).not.toMatch(/<c [^>]*><v><\/v><\/c>/);
      expect(row.slice(0, row.indexOf('>'))).not.toMatch(/ s="/);
    }
    const mkt = [...Array(sheet('Orders').rowCount - 1).keys()].map((i) => sheet('Orders').getRow(i + 2)).find((r) => r.getCell(8).value === 'MKT')!;
    expect(mkt.getCell(9).value).toBeNull();
    expect(mkt.getCell(10).value).toBeNull();
  });
});

describe('the plain CSVs', () => {
  it('fills: one header row, ISO 8601 times, decimals as the ledger writes them', () => {
    const rows = parse(readFileSync(join(dir.path, 'fills.csv'), 'utf8')) as string[][];
    expect(rows[0]).toEqual([...FILLS_HEADER]);
    expect(rows).toHaveLength(ledger.output.fills.length + 1);
    const first = rows[1]!;
    expect(first.slice(3, 8)).toEqual(['AAPL', 'EQ', 'BUY', '100', '200']);
    expect(first[12]).toBe('2026-01-05T14:35:00.000Z');
    expect(rows.map((r) => r[11])).toContain('487.5');
  });

  it('trades: one header row, the journal trades of the range with their P&L', () => {
    const rows = parse(readFileSync(join(dir.path, 'trades.csv'), 'utf8')) as string[][];
    expect(rows[0]).toEqual([...TRADES_HEADER]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(ledger.output.trades.map((t) => String(t.id)));
    for (const r of rows.slice(1)) expect(r[6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
