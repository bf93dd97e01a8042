// The Account Statement in thinkorswim's CSV layout (../shared/REPORTS.md section 1): the sections, header rows and
// number formats of TOS's own export, so the statement parsers and journal importers that read TOS read ours.
// It writes what the reader read, line by line to a sink; it never computes a balance the reader did not carry.
import { Dec, ZERO } from '../engine/decimal';
import type { Order } from '../engine/model';
import type { CashEntry, FillPiece, StatementData, StatementOrder, StatementOrderRecord } from './ledgerReader';
import { amount, dollars, exact, LineWriter, percent, row, signedQty, tosDate, tosDay, tosTime, type RowProgress, type TextSink } from './text';

/** Header rows exactly as TOS writes them (research/samples). */
export const TOS_HEADERS = {
  cashBalance: 'DATE,TIME,TYPE,REF #,DESCRIPTION,Misc Fees,Commissions & Fees,AMOUNT,BALANCE',
  futuresStatements: 'Trade Date,Exec Date,Exec Time,Type,Ref #,Description,Misc Fees,Commissions & Fees,Amount,Balance',
  forexStatements: ',Date,Time,Type,Ref #,Description,Commissions & Fees,Amount,Amount(USD),Balance',
  orderHistory: 'Notes,,Time Placed,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,PRICE,,TIF,Status',
  tradeHistory: ',Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type',
  equities: 'Symbol,Description,Qty,Trade Price,Mark,Mark Value',
  options: 'Symbol,Option Code,Exp,Strike,Type,Qty,Trade Price,Mark,Mark Value',
  futures: 'Symbol,Description,SPC,Exp,Qty,Trade Price,Mark,P/L Day',
  profitsAndLosses: 'Symbol,Description,P/L Open,P/L %,P/L Day,P/L YTD,P/L Diff,Margin Req,Mark Value',
} as const;

export const FIRST_LINE =
  'This statement was exported from a paper account of Thor Paper Desk. Every order and fill in it is simulated and none of them is a real trade.';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const FUTURES_MONTHS = 'FGHJKMNQUVXZ';
const OPTION = /^\.([A-Z][A-Z0-9./]*?)(\d{2})(\d{2})(\d{2})([CP])(\d+(?:\.\d+)?)$/;

/** What TOS's columns say of a symbol: Spread, Symbol, Exp, Strike, Type, and the description's middle. */
export interface SymbolWords {
  readonly spread: string;
  readonly symbol: string;
  readonly exp: string;
  readonly strike: string;
  readonly type: string;
  /** `NVDA`, `SPY 100 19 DEC 25 600 CALL`, `/ESH26`: what follows the quantity in a TRD description. */
  readonly description: string;
}

export function symbolWords(symbol: string, assetType: Order['assetType']): SymbolWords {
  if (assetType === 'OPT') {
    const m = OPTION.exec(symbol);
    if (m) {
      const [, root, yy, mm, dd, cp, strike] = m as unknown as [string, string, string, string, string, string, string];
      const exp = `${Number(dd)} ${MONTHS[Number(mm) - 1] ?? mm} ${yy}`;
      const type = cp === 'C' ? 'CALL' : 'PUT';
      return { spread: 'SINGLE', symbol: root, exp, strike, type, description: `${root} 100 ${exp} ${strike} ${type}` };
    }
    return { spread: 'SINGLE', symbol: symbol.slice(1), exp: '', strike: '', type: 'CALL', description: symbol.slice(1) };
  }
  if (assetType === 'FUT') {
    const m = /([FGHJKMNQUVXZ])(\d{1,2})$/.exec(symbol.slice(1));
    const exp = m ? `${MONTHS[FUTURES_MONTHS.indexOf(m[1]!)]} ${m[2]!.length === 1 ? `2${m[2]}` : m[2]}` : '';
    return { spread: 'FUTURE', symbol, exp, strike: '', type: 'FUTURE', description: symbol };
  }
  return { spread: 'STOCK', symbol, exp: '', strike: '', type: 'STOCK', description: symbol };
}

function price(value: Dec, decimals = 2): string {
  return exact(value, decimals);
}

const ORDER_TYPE_WORDS: Record<Order['type'], string> = {
  MKT: 'MKT',
  LMT: 'LMT',
  STP: 'STP',
  STP_LMT: 'STP LMT',
  TRAIL_STP: 'TRSTP',
  TRAIL_STP_LMT: 'TRSTPLMT',
};

function statusWords(order: StatementOrderRecord): string {
  if (order.status === 'REJECTED') return `REJECTED: ${order.rejectReason ?? 'rejected'}`;
  // A bracket's child waiting for its parent is working as TOS lists it (its status words have no HELD).
  if (order.status === 'HELD') return 'WORKING';
  return order.status;
}

/** Ticks from a parent's fill, signed: +8t, -4t (no comma, so readers that split rows on commas are safe). */
function ticksText(ticks: Dec | null): string {
  if (ticks === null) return '';
  return `${ticks.isNegative() ? '' : '+'}${ticks.toFixed()}t`;
}

/** A trailing order's offset as TOS's order entry writes it: +1.00, +4 ticks as a price, +1.5%. */
function trailOffsetText(trail: NonNullable<StatementOrderRecord['trail']>): string {
  if (trail.unit === 'PERCENT') return `+${trail.offset.toFixed()}%`;
  if (trail.unit === 'TICKS') return `+${trail.offset.toFixed()}t`;
  return `+${price(trail.offset)}`;
}

/** The TRD description: `BOT +100 NVDA @166.92`. */
export function tradeDescription(piece: FillPiece): string {
  const { fill } = piece;
  const words = symbolWords(fill.symbol, fill.assetType);
  return `${fill.side === 'BUY' ? 'BOT' : 'SOLD'} ${signedQty(piece.qty, fill.side)} ${words.description} @${price(fill.price)}`;
}

function cashRow(entry: CashEntry): string {
  switch (entry.kind) {
    case 'BAL': {
      const [, mm, dd] = entry.tradingDay.split('-');
      return row([
        tosDate(entry.time),
        tosTime(entry.time),
        'BAL',
        '',
        `Cash balance at the start of business day ${dd}.${mm} ET`,
        '',
        '',
        '',
        amount(entry.balance),
      ]);
    }
    case 'TRD': {
      const { piece } = entry;
      return row([
        tosDate(entry.time),
        tosTime(entry.time),
        'TRD',
        String(piece.fill.id),
        tradeDescription(piece),
        amount(piece.fees.negated()),
        amount(piece.commission.negated()),
        amount(piece.amount),
        amount(entry.balance),
      ]);
    }
    case 'RESET': {
      const what = entry.reset.kind === 'OPEN' ? 'Paper account opened' : 'Paper account reset';
      return row([
        tosDate(entry.time),
        tosTime(entry.time),
        'ADJ',
        '',
        `${what}: cash set to ${amount(entry.reset.startingBalance)}`,
        '',
        '',
        amount(entry.amount),
        amount(entry.balance),
      ]);
    }
  }
}

function orderRows(item: StatementOrder): string[] {
  const { order } = item;
  const words = symbolWords(order.symbol, order.assetType);
  const first = (priceText: string, typeText: string) =>
    row([
      '',
      '',
      `${tosDate(order.createdAt)} ${tosTime(order.createdAt)}`,
      words.spread,
      order.side,
      signedQty(order.qty, order.side),
      item.posEffect,
      words.symbol,
      words.exp,
      words.strike,
      words.type,
      priceText,
      typeText,
      order.tif,
      statusWords(order),
    ]);
  // Stop orders on two rows, as TOS writes them: the order it becomes, then the stop with STP and STD.
  const stopRow = (stop: string) => row(['', '', '', '', '', '', '', '', '', '', '', stop, 'STP', 'STD', '']);
  // A bracket's child before its parent fills has its prices in ticks from that fill: shown as ticks (+8t).
  const limitText = order.limit ? price(order.limit) : ticksText(order.limitTicks);
  const stopText = order.stop ? price(order.stop) : ticksText(order.stopTicks);
  switch (order.type) {
    case 'MKT':
      return [first('~', 'MKT')];
    case 'LMT':
      return [first(limitText, 'LMT')];
    case 'STP':
      return [first('~', 'MKT'), stopRow(stopText)];
    case 'STP_LMT':
      return [first(limitText, 'LMT'), stopRow(stopText)];
    // Trailing stops on two rows as well: the order they become, then the offset with TRSTP and what it trails.
    case 'TRAIL_STP':
    case 'TRAIL_STP_LMT': {
      const trail = order.trail;
      const second = row(['', '', '', '', '', '', '', '', '', '', '', trail ? trailOffsetText(trail) : '', ORDER_TYPE_WORDS[order.type], trail?.ref ?? '', '']);
      const becomes = order.type === 'TRAIL_STP' || !order.limit ? first('~', 'MKT') : first(price(order.limit), 'LMT');
      return [becomes, second];
    }
  }
}

function tradeRow(piece: FillPiece): string {
  const { fill } = piece;
  const words = symbolWords(fill.symbol, fill.assetType);
  // No quoted field and no comma in these rows: readers split them on commas.
  return [
    '',
    `${tosDate(fill.time)} ${tosTime(fill.time)}`,
    words.spread,
    fill.side,
    signedQty(piece.qty, fill.side),
    piece.posEffect,
    words.symbol.replace(/,/g, ' '),
    words.exp,
    words.strike,
    words.type,
    price(fill.price),
    price(fill.price),
    ORDER_TYPE_WORDS[piece.orderType],
  ].join(',');
}

function accountLabel(data: StatementData): string {
  return `Account Statement for ${data.account.id} (paper) since ${tosDay(data.request.from)} through ${tosDay(data.request.to)}`;
}

/** Writes the statement to `sink`, a section at a time. */
export async function writeTosStatement(data: StatementData, sink: TextSink, progress?: RowProgress): Promise<void> {
  // About one line per cash entry, order (two for stops), fill piece and position, and a few dozen of titles.
  const total = data.entries.length + data.orders.length + data.pieces.length + data.positions.length + data.symbols.length + 40;
  const out = new LineWriter(sink, progress ? { total, report: progress } : undefined);
  const line = (text: string) => out.line(text);
  await line(`\uFEFF${FIRST_LINE}`);
  await line('');
  await line(accountLabel(data));
  await line('');

  await line('Cash Balance');
  await line(TOS_HEADERS.cashBalance);
  let fees = ZERO;
  let commissions = ZERO;
  let amounts = ZERO;
  for (const entry of data.entries) {
    if (entry.kind === 'TRD') {
      fees = fees.plus(entry.piece.fees);
      commissions = commissions.plus(entry.piece.commission);
      amounts = amounts.plus(entry.piece.amount);
    } else if (entry.kind === 'RESET') amounts = amounts.plus(entry.amount);
    await line(cashRow(entry));
  }
  await line(row(['', '', '', '', 'TOTAL', dollars(fees.negated()), dollars(commissions.negated()), dollars(amounts), dollars(data.closingBalance)]));
  await line('');

  // Futures fills are TRD rows of Cash Balance (their cash is their realized P&L): this section stays empty.
  await line('Futures Statements');
  await line(TOS_HEADERS.futuresStatements);
  await line('');
  await line('Forex Statements');
  await line(TOS_HEADERS.forexStatements);
  await line('');
  await line(' ');
  await line(row([`Total Cash ${dollars(data.closingBalance)}`]));
  await line('');
  await line('');

  await line('Account Order History');
  await line(TOS_HEADERS.orderHistory);
  const orders = [...data.orders].sort((a, b) => b.order.createdAt - a.order.createdAt || b.order.id - a.order.id);
  for (const item of orders) for (const text of orderRows(item)) await line(text);
  await line('');

  await line('Account Trade History');
  await line(TOS_HEADERS.tradeHistory);
  for (let i = data.pieces.length - 1; i >= 0; i -= 1) await line(tradeRow(data.pieces[i]!));
  await line('');

  await writePositions(data, line);

  await line('Profits and Losses');
  await line(TOS_HEADERS.profitsAndLosses);
  const openBySymbol = new Map(data.positions.map((p) => [p.position.symbol, p]));
  let plOpen = ZERO;
  let plDay = ZERO;
  let plRange = ZERO;
  let margin = ZERO;
  let markValue = ZERO;
  let cost = ZERO;
  for (const traded of data.symbols) {
    const open = openBySymbol.get(traded.symbol);
    const words = symbolWords(traded.symbol, traded.assetType);
    const unrealized = open?.unrealizedPl ?? ZERO;
    plOpen = plOpen.plus(unrealized);
    plDay = plDay.plus(traded.realizedLastDay);
    plRange = plRange.plus(traded.realized);
    margin = margin.plus(open?.requirement ?? ZERO);
    markValue = markValue.plus(open?.markValue ?? ZERO);
    cost = cost.plus(open ? open.position.cost.times(open.position.multiplier).abs() : ZERO);
    await line(
      row([
        words.symbol === traded.symbol ? traded.symbol : traded.symbol.slice(1),
        words.description,
        dollars(unrealized, true),
        percent(open?.plPercent ?? null),
        dollars(traded.realizedLastDay, true),
        dollars(traded.realized, true),
        dollars(ZERO, true),
        dollars(open?.requirement ?? ZERO, true),
        dollars(open?.markValue ?? ZERO, true),
      ]),
    );
  }
  const totalPercent = cost.isZero() ? null : plOpen.div(cost).times(100);
  await line(
    row([
      '',
      'OVERALL TOTALS',
      dollars(plOpen, true),
      percent(totalPercent),
      dollars(plDay, true),
      dollars(plRange, true),
      dollars(ZERO, true),
      dollars(margin, true),
      dollars(markValue, true),
    ]),
  );
  await line('');

  await line('Account Summary');
  const equityCosts = costsOf(data, (assetType) => assetType !== 'FUT');
  const futuresCosts = costsOf(data, (assetType) => assetType === 'FUT');
  await line(row(['Net Liquidating Value', dollars(data.netLiq, true)]));
  await line(row(['Stock Buying Power', dollars(data.stockBuyingPower, true)]));
  await line(row(['Option Buying Power', dollars(data.optionBuyingPower, true)]));
  await line(row(['Equity Commissions & Fees YTD', dollars(equityCosts, true)]));
  await line(row(['Futures Commissions & Fees YTD', dollars(futuresCosts, true)]));
  await line(row(['Total Commissions & Fees YTD', dollars(equityCosts.plus(futuresCosts), true)]));
  await out.end();
}

function costsOf(data: StatementData, which: (assetType: Order['assetType']) => boolean): Dec {
  let total = ZERO;
  for (const piece of data.pieces) if (which(piece.fill.assetType)) total = total.plus(piece.commission).plus(piece.fees);
  return total;
}

/** Equities, Options and Futures: each only when positions of its kind are open at the end of the range. */
async function writePositions(data: StatementData, line: (text: string) => Promise<void>): Promise<void> {
  const equities = data.positions.filter((p) => p.position.assetType === 'EQ');
  const options = data.positions.filter((p) => p.position.assetType === 'OPT');
  const futures = data.positions.filter((p) => p.position.assetType === 'FUT');
  const qty = (q: Dec) => `${q.isNegative() ? '-' : '+'}${q.abs().toFixed()}`;
  if (equities.length > 0) {
    await line('Equities');
    await line(TOS_HEADERS.equities);
    let total = ZERO;
    for (const p of equities) {
      total = total.plus(p.markValue);
      await line(
        row([p.position.symbol, p.position.symbol, qty(p.position.qty), price(p.avgPrice.toDecimalPlaces(4)), price(p.mark), dollars(p.markValue, true)]),
      );
    }
    await line(row(['', 'OVERALL TOTALS', '', '', '', dollars(total, true)]));
    await line('');
  }
  if (options.length > 0) {
    await line('Options');
    await line(TOS_HEADERS.options);
    let total = ZERO;
    for (const p of options) {
      const words = symbolWords(p.position.symbol, 'OPT');
      total = total.plus(p.markValue);
      await line(
        row([
          words.description,
          p.position.symbol.slice(1),
          words.exp,
          words.strike,
          words.type,
          qty(p.position.qty),
          price(p.avgPrice.toDecimalPlaces(4)),
          price(p.mark),
          dollars(p.markValue, true),
        ]),
      );
    }
    await line(row(['', '', '', '', '', '', '', '', dollars(total, true)]));
    await line('');
  }
  if (futures.length > 0) {
    await line('Futures');
    await line(TOS_HEADERS.futures);
    for (const p of futures) {
      const words = symbolWords(p.position.symbol, 'FUT');
      await line(
        row([
          p.position.symbol,
          p.position.symbol,
          `1/${p.position.multiplier.toFixed()}`,
          words.exp,
          qty(p.position.qty),
          price(p.avgPrice.toDecimalPlaces(Math.max(4, p.priceDecimals)), p.priceDecimals),
          price(p.mark, p.priceDecimals),
          dollars(p.unrealizedPl, true),
        ]),
      );
    }
    await line('');
  }
}


