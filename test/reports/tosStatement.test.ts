// The thinkorswim-layout statement of a session with stocks, futures, options, a stop order, a rejected order, a
// reset and a flip: read back section by section with csv-parse, header rows compared byte for byte with the two
// real TOS exports in ../shared/research/samples, and each rule the statement readers depend on (REPORTS.md 1).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec, ZERO } from '../../src/main/engine/decimal';
import type { StatementData } from '../../src/main/reports/ledgerReader';
import { FIRST_LINE } from '../../src/main/reports/tosStatement';
import { buildLedger, CLAYTON, JABONTZ } from './session';
import { money, sampleText, sections, statementText, type Section } from './support';

let ledger: Awaited<ReturnType<typeof buildLedger>>;
let text: string;
let data: StatementData;
let parts: Map<string, Section>;

beforeAll(async () => {
  ledger = await buildLedger();
  ({ text, data } = await statementText(ledger.path, 'main', '2026-01-05', '2026-01-06'));
  parts = sections(text);
});
afterAll(() => ledger.cleanup());

const section = (title: string): Section => {
  const found = parts.get(title);
  if (!found) throw new Error(`no section ${title}`);
  return found;
};

describe('the statement layout', () => {
  it('the scenario ran without errors', () => {
    expect(ledger.output.errors).toEqual([]);
  });

  it('starts with a BOM, a line of our own words, the account line', () => {
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\n');
    expect(lines[0]).toBe(FIRST_LINE);
    // No comma, as TOS's own first line: a reader splitting it finds one field that says where the file comes from.
    expect(lines[0]).not.toContain(',');
    expect(lines[0]).toContain('paper account');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('Account Statement for main (paper) since 1/5/26 through 1/6/26');
    expect(lines[3]).toBe('');
    expect(lines[4]).toBe('Cash Balance');
  });

  it('has the sections in TOS order', () => {
    const titles = [...parts.keys()].slice(2);
    expect(titles).toEqual([
      'Cash Balance',
      'Futures Statements',
      'Forex Statements',
      'Account Order History',
      'Account Trade History',
      'Equities',
      'Profits and Losses',
      'Account Summary',
    ]);
  });

  it.each([
    ['Cash Balance', CLAYTON],
    ['Cash Balance', JABONTZ],
    ['Futures Statements', CLAYTON],
    ['Futures Statements', JABONTZ],
    ['Forex Statements', CLAYTON],
    ['Forex Statements', JABONTZ],
    ['Account Order History', CLAYTON],
    ['Account Order History', JABONTZ],
    ['Account Trade History', CLAYTON],
    ['Account Trade History', JABONTZ],
    ['Profits and Losses', CLAYTON],
  ])('the %s header row is byte for byte the one in %s', (title, sample) => {
    const theirs = sections(sampleText(sample)).get(title);
    expect(theirs?.header).toBeDefined();
    expect(Buffer.from(section(title).header ?? '')).toEqual(Buffer.from(theirs!.header!));
  });

  it('the Total Cash block is laid out as TOS writes it', () => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('"Total Cash') || l.startsWith('Total Cash'));
    expect(lines.slice(at - 2, at + 4)).toEqual([
      '',
      ' ',
      `"Total Cash $${'45,998.85'}"`,
      '',
      '',
      'Account Order History',
    ]);
    // The same layout in TOS's own export.
    const sample = sampleText(CLAYTON).split('\n');
    const theirs = sample.findIndex((l) => l.startsWith('"Total Cash'));
    expect(sample.slice(theirs - 2, theirs + 4).map((l) => (l.startsWith('"Total') ? 'TOTAL' : l))).toEqual([
      '',
      ' ',
      'TOTAL',
      '',
      '',
      'Account Order History',
    ]);
  });

  it('one empty line between sections, none inside one', () => {
    const lines = text.split('\n');
    const titles = new Set(parts.keys());
    lines.forEach((l, i) => {
      if (l !== '') return;
      const next = lines[i + 1];
      if (next === undefined || next === '') {
        // Two empty lines only after Total Cash, and the file's end.
        expect(next === undefined || lines[i - 1]!.includes('Total Cash')).toBe(true);
        return;
      }
      expect(titles.has(next) || next === ' ').toBe(true);
    });
  });
});

/**
 * Sections as a reader that counts empty lines finds them (the way a published TOS statement parser does): lines
 * from the fifth on, grouped by how many empty lines came before them.
 */
function byEmptyLines(file: string): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  let empties = 0;
  file
    .replace(/^\uFEFF/, '')
    .split('\n')
    .slice(4)
    .forEach((l) => {
      if (l === '') empties += 1;
      else groups.set(empties, [...(groups.get(empties) ?? []), l]);
    });
  return groups;
}

describe('a reader that counts empty lines', () => {
  it.each([
    ['ours', () => text],
    ['TOS exampleStatement', () => sampleText(CLAYTON)],
  ])('finds each section after the same number of empty lines in %s', (_, file) => {
    const groups = byEmptyLines(file());
    expect(groups.get(0)?.[0]).toBe('Cash Balance');
    expect(groups.get(1)?.[0]).toBe('Futures Statements');
    expect(groups.get(2)?.[0]).toBe('Forex Statements');
    expect(groups.get(3)?.[0]).toBe(' ');
    expect(groups.get(3)?.[1]).toMatch(/^"?Total Cash \$/);
    expect(groups.has(4)).toBe(false);
    expect(groups.get(5)?.[0]).toBe('Account Order History');
    expect(groups.get(6)?.[0]).toBe('Account Trade History');
  });
});

describe('Cash Balance', () => {
  it('a BAL row at the start of each trading day, a TRD row per fill piece, a row for the opening and the reset', () => {
    const types = section('Cash Balance').rows.map((r) => r[2]);
    expect(types.filter((t) => t === 'BAL')).toHaveLength(2);
    expect(types.filter((t) => t === 'TRD')).toHaveLength(ledger.output.fills.length + 1); // the flip is two rows
    expect(types.filter((t) => t === 'ADJ')).toHaveLength(2);
    expect(types[types.length - 1]).toBe(''); // TOTAL
  });

  it('BALANCE = previous BALANCE + AMOUNT + Misc Fees + Commissions & Fees on every row', () => {
    const rows = section('Cash Balance').rows.filter((r) => r[4] !== 'TOTAL');
    let previous: Dec | null = null;
    for (const r of rows) {
      const balance = money(r[8]);
      if (previous !== null) expect(balance.toFixed()).toBe(previous.plus(money(r[7])).plus(money(r[5])).plus(money(r[6])).toFixed());
      previous = balance;
    }
  });

  it('the last BALANCE is the ledger cash at the end of the range, as is Total Cash', () => {
    const rows = section('Cash Balance').rows;
    const total = rows[rows.length - 1]!;
    expect(total[4]).toBe('TOTAL');
    expect(money(total[8]).toFixed()).toBe(new Dec(ledger.output.accounts[0]!.cash).toFixed());
    expect(money(rows[rows.length - 2]![8]).toFixed()).toBe(new Dec(ledger.output.accounts[0]!.cash).toFixed());
    expect(text).toContain(`"Total Cash $45,998.85"`);
  });

  it('numbers as TOS writes them: quoted with thousands separators, negative fees', () => {
    const line = section('Cash Balance').lines.find((l) => l.includes('BOT +100 AAPL'));
    expect(line).toBe('1/5/26,09:35:00,TRD,1,BOT +100 AAPL @200.00,-1.00,-0.50,"-20,000.00","79,998.50"');
    expect(section('Cash Balance').lines.at(-1)).toBe(',,,,TOTAL,($9.68),($17.15),"$46,025.68","$45,998.85"');
  });

  it('a reset is a row of its own whose AMOUNT takes cash to the new balance', () => {
    const reset = section('Cash Balance').rows.find((r) => r[4]!.startsWith('Paper account reset'));
    expect(reset?.[7]).toBe('-52,365.82');
    expect(reset?.[8]).toBe('50,000.00');
  });

  it('a flip is two rows, the closing piece and the opening piece, with the costs split by quantity', () => {
    const flip = section('Cash Balance').rows.filter((r) => r[3] === '4');
    expect(flip.map((r) => [r[4], r[5], r[6], r[7]])).toEqual([
      ['SOLD -1 /ESH26 @6010.00', '-1.25', '-2.25', '487.50'],
      ['SOLD -2 /ESH26 @6010.00', '-2.50', '-4.50', '0.00'],
    ]);
  });
});

describe('the rules the statement readers depend on', () => {
  it('every Cash Balance TRD row has a Trade History row with the same date, time, side, qty and price', () => {
    const trades = section('Account Trade History').rows;
    const trd = section('Cash Balance').rows.filter((r) => r[2] === 'TRD');
    expect(trades).toHaveLength(trd.length);
    for (const r of trd) {
      const [, side, qty, symbol, ...rest] = /^(BOT|SOLD) ([+-]\d+(?:\.\d+)?) (\S+).* @(\S+)$/.exec(r[4]!)!;
      const price = rest[0];
      const match = trades.find(
        (t) =>
          t[1] === `${r[0]} ${r[1]}` && t[3] === (side === 'BOT' ? 'BUY' : 'SELL') && t[4] === qty && t[10] === price && t[6] === symbol,
      );
      expect(match, r.join(',')).toBeDefined();
    }
  });

  it('Trade History rows hold no quoted field and no comma', () => {
    for (const line of section('Account Trade History').lines) {
      expect(line).not.toContain('"');
      expect(line.split(',')).toHaveLength(13);
    }
  });

  it('Pos Effect is TO OPEN or TO CLOSE, never AUTO', () => {
    for (const r of section('Account Trade History').rows) expect(['TO OPEN', 'TO CLOSE']).toContain(r[5]);
    for (const r of section('Account Order History').rows.filter((r) => r[2] !== '')) expect(['TO OPEN', 'TO CLOSE']).toContain(r[6]);
  });

  it('the TRD description has no prefix', () => {
    for (const r of section('Cash Balance').rows.filter((r) => r[2] === 'TRD')) expect(r[4]).toMatch(/^(BOT \+|SOLD -)\d/);
  });

  it('futures fills are TRD rows of Cash Balance whose AMOUNT is their realized P&L; Futures Statements is empty', () => {
    const es = section('Cash Balance').rows.filter((r) => r[2] === 'TRD' && r[4]!.includes('/ESH26'));
    expect(es.map((r) => r[7])).toEqual(['0.00', '487.50', '0.00', '1,975.00']);
    expect(section('Futures Statements').rows).toEqual([]);
    expect(section('Futures Statements').header).toBeDefined();
  });

  it('Options, Futures, Equities and Profits and Losses appear in no row of Trade History', () => {
    for (const line of section('Account Trade History').lines) {
      for (const word of ['Options', 'Futures', 'Equities', 'Profits and Losses']) expect(line).not.toContain(word);
    }
  });

  it('"Cash Balance" appears nowhere but its title', () => {
    expect(text.split('\n').filter((l) => l.includes('Cash Balance'))).toEqual(['Cash Balance']);
  });
});

describe('Account Order History', () => {
  const orderRows = () => section('Account Order History').rows;

  it('one row per order, newest first, stop orders on two rows', () => {
    const firstRows = orderRows().filter((r) => r[2] !== '');
    expect(firstRows).toHaveLength(ledger.output.orders.length);
    const times = firstRows.map((r) => r[2]);
    expect([...times].sort((a, b) => Date.parse(b!) - Date.parse(a!))).toEqual(times);
    const stopAt = orderRows().findIndex((r) => r[13] === 'GTC' && r[4] === 'SELL' && r[7] === 'AAPL');
    expect(orderRows()[stopAt]!.slice(11, 15)).toEqual(['~', 'MKT', 'GTC', 'FILLED']);
    expect(section('Account Order History').lines[stopAt + 1]).toBe(',,,,,,,,,,,198.00,STP,STD,');
  });

  it('a stop limit on two rows: its limit with LMT, then its stop with STP and STD', () => {
    const lines = section('Account Order History').lines;
    const at = lines.findIndex((l) => l.includes(',BUY,+5,TO OPEN,MSFT,'));
    expect(lines[at]).toMatch(/,421\.00,LMT,GTC,WORKING$/);
    expect(lines[at + 1]).toBe(',,,,,,,,,,,420.00,STP,STD,');
  });

  it('statuses in TOS words, a rejection with its reason', () => {
    const statuses = orderRows().map((r) => r[14]).filter((s) => s !== '');
    expect(new Set(statuses)).toEqual(new Set(['FILLED', 'WORKING', expect.stringMatching(/^REJECTED: insufficient buying power/)]));
    expect(section('Account Order History').lines.find((l) => l.includes('REJECTED'))).toMatch(/,"REJECTED: [^"]+"$/);
  });

  it('types STOCK, CALL and FUTURE with their symbols, expiries and strikes', () => {
    const option = orderRows().find((r) => r[10] === 'CALL' && r[4] === 'BUY');
    expect(option?.slice(3, 12)).toEqual(['SINGLE', 'BUY', '+2', 'TO OPEN', 'SPY', '16 JAN 26', '600', 'CALL', '3.50']);
    const future = orderRows().find((r) => r[10] === 'FUTURE');
    expect(future?.slice(7, 9)).toEqual(['/ESH26', 'MAR 26']);
  });
});

describe('positions, Profits and Losses, Account Summary', () => {
  it('Equities lists the position open at the end', () => {
    expect(section('Equities').rows).toEqual([
      ['MSFT', 'MSFT', '+10', '400.10', '401.05', '$4,010.50'],
      ['', 'OVERALL TOTALS', '', '', '', '$4,010.50'],
    ]);
  });

  it('a row per symbol traded, and the totals', () => {
    const rows = section('Profits and Losses').rows;
    expect(rows.map((r) => r[0])).toEqual(['SPY260116C600', '/ESH26', 'AAPL', 'MSFT', '']);
    const aapl = rows.find((r) => r[0] === 'AAPL')!;
    expect(aapl[5]).toBe('($210.00)');
    expect(rows.at(-1)![1]).toBe('OVERALL TOTALS');
  });

  it('Account Summary: net liq, buying power and the commissions of the range', () => {
    const rows = section('Account Summary');
    const all = [rows.header!, ...rows.lines];
    expect(all[0]).toBe('Net Liquidating Value,"$50,009.35"');
    expect(all.map((l) => l.split(',')[0])).toEqual([
      'Net Liquidating Value',
      'Stock Buying Power',
      'Option Buying Power',
      'Equity Commissions & Fees YTD',
      'Futures Commissions & Fees YTD',
      'Total Commissions & Fees YTD',
    ]);
    const fees = ledger.output.fills.reduce((t, f) => t.plus(f.commission).plus(f.fees), ZERO);
    expect(all[5]).toBe(`Total Commissions & Fees YTD,$${fees.toFixed(2)}`);
  });
});

describe('reconciliation', () => {
  it('the sum of fills realized P&L equals the sum of the journal trades closed in the range', () => {
    const realized = data.pieces.reduce((t, p) => t.plus(p.realizedPl), ZERO);
    const closed = data.trades.filter((t) => t.status !== 'OPEN').reduce((t, trade) => t.plus(trade.grossPl), ZERO);
    expect(realized.toFixed()).toBe(closed.toFixed());
    expect(realized.isZero()).toBe(false);
  });

  it('a range that ends earlier ends at the cash of its last roll', async () => {
    const monday = await statementText(ledger.path, 'main', '2026-01-05', '2026-01-05');
    const rows = sections(monday.text).get('Cash Balance')!.rows;
    expect(rows.at(-1)![8]).toBe('$102,365.82');
    expect(monday.data.daySnapshots.at(-1)?.cash.toFixed()).toBe('102365.82');
    expect(sections(monday.text).has('Equities')).toBe(false);
  });

  it('a reader that cuts from "Account Trade History" to "Profits and Losses" gets the fills as a table', async () => {
    // As a published converter reads it: the lines joined, cut between the two titles, up to the first comma dropped.
    const monday = await statementText(ledger.path, 'main', '2026-01-05', '2026-01-05');
    const joined = monday.text.split('\n').join('\n ');
    const cut = joined.split('Account Trade History')[1]!.split(',').slice(1).join(',').split('Profits and Losses')[0]!;
    const records = (parse(cut, { relax_column_count: true, trim: true, skip_empty_lines: true }) as string[][]).filter((r) => r.length > 1);
    expect(records[0]).toEqual(['Exec Time', 'Spread', 'Side', 'Qty', 'Pos Effect', 'Symbol', 'Exp', 'Strike', 'Type', 'Price', 'Net Price', 'Order Type']);
    const rows = records.slice(1);
    expect(rows).toHaveLength(monday.data.pieces.length);
    for (const r of rows) expect(r).toHaveLength(13);
    const qty = rows.filter((r) => r[6] === 'AAPL').reduce((t, r) => t + Number(r[4]), 0);
    expect(qty).toBe(0);
  });

  it('a range that starts after the opening opens at the cash of its first day, the reset in it', async () => {
    const tuesday = await statementText(ledger.path, 'main', '2026-01-06', '2026-01-06');
    const rows = sections(tuesday.text).get('Cash Balance')!.rows;
    expect(rows.map((r) => [r[2], r[7], r[8]])).toEqual([
      ['BAL', '', '102,365.82'],
      ['ADJ', '-52,365.82', '50,000.00'],
      ['TRD', '-4,001.00', '45,998.85'],
      // TOTAL: the reset's AMOUNT and the fill's.
      ['', '($56,366.82)', '$45,998.85'],
    ]);
  });

  it('a range before any trade keeps every section title and header', async () => {
    const empty = await statementText(ledger.path, 'main', '2025-12-01', '2025-12-02');
    const found = sections(empty.text);
    for (const title of ['Cash Balance', 'Futures Statements', 'Forex Statements', 'Account Order History', 'Account Trade History', 'Profits and Losses', 'Account Summary']) {
      expect(found.has(title), title).toBe(true);
    }
    expect(found.get('Account Trade History')!.rows).toEqual([]);
  });
});
