import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/main/engine/decimal';
import { applyFillToPosition, averagePrice, newPosition, unrealizedPl } from '../../src/main/engine/positions';
import { AAPL, account, order, position, run } from '../support/scenario';

const d = (v: string) => new Dec(v);

describe('average-cost positions (ENGINE.md 5)', () => {
  const start = newPosition('a', 'X', 'EQ', d('1'), 0);
  const fill = (p: ReturnType<typeof newPosition>, delta: string, price: string) => applyFillToPosition(p, d(delta), d(price), 0);

  it('averages in when opening or adding', () => {
    const one = fill(start, '100', '10').position;
    const two = fill(one, '50', '13').position;
    expect(two.qty.toFixed()).toBe('150');
    expect(averagePrice(two).toFixed()).toBe('11');
  });

  it('realizes against the average when reducing and keeps the average', () => {
    const held = fill(fill(start, '100', '10').position, '50', '13').position;
    const { position, realized } = fill(held, '-30', '12');
    expect(realized.toFixed()).toBe('30');
    expect(position.qty.toFixed()).toBe('120');
    expect(averagePrice(position).toFixed()).toBe('11');
  });

  it('opens the remainder at the fill price on a flip', () => {
    const held = fill(start, '10', '10').position;
    const { position, realized } = fill(held, '-15', '12');
    expect(realized.toFixed()).toBe('20');
    expect(position.qty.toFixed()).toBe('-5');
    expect(averagePrice(position).toFixed()).toBe('12');
  });

  it('shorts realize the other way', () => {
    const short = fill(start, '-10', '50').position;
    const { realized, position } = fill(short, '10', '45');
    expect(realized.toFixed()).toBe('50');
    expect(position.qty.isZero()).toBe(true);
    expect(averagePrice(position).toFixed()).toBe('0');
  });

  it('closing in pieces realizes exactly what the position cost, to the cent', () => {
    // Buy 1 @ 1 and 2 @ 2: average 5/3, a repeating decimal. Selling all 3 @ 2 in pieces must realize exactly 1.
    let p = fill(fill(start, '1', '1').position, '2', '2').position;
    let total = d('0');
    for (const piece of ['-1', '-1', '-1']) {
      const step = fill(p, piece, '2');
      total = total.plus(step.realized);
      p = step.position;
    }
    expect(total.toFixed()).toBe('1');
    expect(p.cost.toFixed()).toBe('0');
  });

  it('unrealized P&L is (mark - A) x q x m', () => {
    const fut = applyFillToPosition(newPosition('a', '/ES', 'FUT', d('50'), 0), d('-2'), d('6000'), 0).position;
    expect(unrealizedPl(fut, d('5990')).toFixed()).toBe('1000');
  });
});

describe('cash, net liq and buying power (ENGINE.md 6, 7)', () => {
  it('follows the worked example for stock', async () => {
    const out = await run([
      { type: 'quote', symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '200.00', mark: '200.00' },
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' },
    ]);
    expect(account(out)).toMatchObject({
      cash: '80000',
      netLiq: '100000',
      availableFunds: '95000',
      buyingPower: '380000',
      dayTradingBuyingPower: '380000',
      optionBuyingPower: '95000',
      okToTrade: true,
    });
    expect(position(out, 'AAPL')).toMatchObject({ qty: '100', avgPrice: '200', marketValue: '20000', costBasis: '20000' });
  });

  it('follows the worked example for futures', async () => {
    const out = await run([
      { type: 'quote', symbol: '/ESZ25', bid: '6000.00', ask: '6000.25', last: '6000.25' },
      { type: 'place', ref: 'b', symbol: '/ESZ25', side: 'BUY', qty: 1, orderType: 'MKT' },
      { type: 'quote', symbol: '/ESZ25', mark: '6010.25' },
    ]);
    expect(account(out)).toMatchObject({ cash: '99997.75', netLiq: '100497.75', positionRequirement: '20000' });
    expect(account(out).availableFunds).toBe('80497.75');
    expect(position(out, '/ESZ25')).toMatchObject({ unrealizedPl: '500', marketValue: '300512.5', costBasis: '300012.5' });
  });

  it('options pay and receive the notional x 100 and need 100%', async () => {
    const out = await run([
      { type: 'quote', symbol: '.AAPL260116C200', bid: '4.90', ask: '5.00', last: '4.95' },
      { type: 'place', ref: 'b', symbol: '.AAPL260116C200', side: 'BUY', qty: 2, orderType: 'MKT' },
    ]);
    expect(account(out).cash).toBe('98998.7'); // 100000 - 2 x 5.00 x 100 - 2 x 0.65
    expect(position(out, '.AAPL260116C200')).toMatchObject({ mark: '4.95', marketValue: '990', requirement: '990' });
    expect(account(out).netLiq).toBe('99988.7');
  });

  it('a short sale receives cash and its requirement is on the short value', async () => {
    const out = await run([
      { type: 'account', id: 'm', margin: 'REGT' },
      { type: 'quote', symbol: 'TSLA', bid: '300.00', ask: '300.10', last: '300.05', mark: '300.05' },
      { type: 'place', ref: 's', symbol: 'TSLA', side: 'SELL', qty: 10, orderType: 'MKT' },
    ]);
    const a = account(out, 'm');
    expect(a.cash).toBe('103000');
    expect(a.netLiq).toBe('99999.5');
    expect(a.positionRequirement).toBe('1500.25'); // 50% of 10 x 300.05
    expect(a.buyingPower).toBe('196998.5'); // (99999.5 - 1500.25) / 0.5
    expect(a.dayTradingBuyingPower).toBe(a.buyingPower);
  });

  it('reserves buying power for working orders, for their opening quantity only', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' },
      { type: 'place', ref: 'close', symbol: 'AAPL', side: 'SELL', qty: 100, orderType: 'LMT', limit: '250.00' },
      { type: 'place', ref: 'flip', symbol: 'AAPL', side: 'SELL', qty: 150, orderType: 'LMT', limit: '260.00' },
      { type: 'place', ref: 'add', symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '150.00' },
    ]);
    // close: 0; flip: 50 x 260 x 25% = 3250; add: 10 x 150 x 25% = 375
    expect(account(out).orderRequirement).toBe('3625');
  });

  it('rejects an order that needs more than the available funds, naming both', async () => {
    const out = await run([
      { type: 'account', id: 'small', cash: '10000' },
      { type: 'quote', symbol: '/ES', bid: '6000.00', ask: '6000.25', last: '6000.25' },
      { type: 'place', ref: 'b', symbol: '/ES', side: 'BUY', qty: 1, orderType: 'MKT' },
    ]);
    expect(order(out, 'b')).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'insufficient buying power: needs 20,000.00, available 10,000.00',
    });
    expect(out.fills).toHaveLength(0);
    expect(account(out, 'small').cash).toBe('10000');
  });

  it('accepts an order whose requirement equals the available funds exactly', async () => {
    const out = await run([
      { type: 'account', id: 'a', cash: '20000' },
      { type: 'place', ref: 'b', symbol: '/ES', side: 'BUY', qty: 1, orderType: 'LMT', limit: '5000.00' },
    ]);
    expect(order(out, 'b').status).toBe('WORKING');
    expect(account(out, 'a').availableFunds).toBe('0');
    expect(account(out, 'a').okToTrade).toBe(false);
  });

  it('always lets a closing order through', async () => {
    const out = await run([
      { type: 'account', id: 'a', cash: '25000' },
      { type: 'quote', symbol: '/ES', bid: '6000.00', ask: '6000.25', last: '6000.25' },
      { type: 'place', ref: 'b', symbol: '/ES', side: 'BUY', qty: 1, orderType: 'MKT' },
      { type: 'quote', symbol: '/ES', bid: '5800.00', ask: '5800.25', last: '5800.00' },
      { type: 'place', ref: 's', symbol: '/ES', side: 'SELL', qty: 1, orderType: 'MKT' },
    ]);
    expect(order(out, 's').status).toBe('FILLED');
  });

  it('uses the margin mode rates: REGT 50%, CASH 100%', async () => {
    const out = await run([
      { type: 'account', id: 'regt', margin: 'REGT' },
      { type: 'account', id: 'cash', margin: 'CASH' },
      { type: 'quote', symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '200.00', mark: '200.00' },
      { type: 'place', ref: 'r', account: 'regt', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' },
      { type: 'place', ref: 'c', account: 'cash', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' },
    ]);
    expect(account(out, 'regt')).toMatchObject({ availableFunds: '90000', buyingPower: '180000', dayTradingBuyingPower: '180000' });
    expect(account(out, 'cash')).toMatchObject({ availableFunds: '80000', buyingPower: '80000' });
  });

  it('marks a position with no quote at its average price', async () => {
    const out = await run([
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '100.00' },
      { type: 'quote', symbol: 'AAPL', ask: '99.00' },
      { type: 'quote', symbol: 'AAPL', ask: null },
    ]);
    expect(position(out, 'AAPL')).toMatchObject({ mark: '100', unrealizedPl: '0', markIsAverage: true });
  });
});

describe('business rejections (ENGINE.md 3)', () => {
  it('no short options: selling an option the account does not hold', async () => {
    const out = await run([
      { type: 'quote', symbol: '.AAPL260116C200', bid: '4.90', ask: '5.00' },
      { type: 'place', ref: 'b', symbol: '.AAPL260116C200', side: 'BUY', qty: 1, orderType: 'MKT' },
      { type: 'place', ref: 's', symbol: '.AAPL260116C200', side: 'SELL', qty: 2, orderType: 'MKT' },
      { type: 'place', ref: 'ok', symbol: '.AAPL260116C200', side: 'SELL', qty: 1, orderType: 'MKT' },
    ]);
    expect(order(out, 's').status).toBe('REJECTED');
    expect(order(out, 's').rejectReason).toMatch(/no short options/);
    expect(order(out, 'ok').status).toBe('FILLED');
  });

  it('no short stock in a CASH account', async () => {
    const out = await run([
      { type: 'account', id: 'c', margin: 'CASH' },
      AAPL,
      { type: 'place', ref: 's', symbol: 'AAPL', side: 'SELL', qty: 1, orderType: 'MKT' },
    ]);
    expect(order(out, 's').status).toBe('REJECTED');
    expect(order(out, 's').rejectReason).toMatch(/CASH account/);
  });

  it('the Schwab adapter refuses: live routing is not enabled', async () => {
    const out = await run([
      { type: 'account', id: 'live', broker: 'SCHWAB' },
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'MKT' },
    ]);
    expect(order(out, 'b').status).toBe('REJECTED');
    expect(order(out, 'b').rejectReason).toMatch(/live routing is not enabled/);
  });
});
