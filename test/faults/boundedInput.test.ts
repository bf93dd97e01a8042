// Bounded input at the contract (fast-check): oversized and malformed decimals and strings are refused by the
// schema and store nothing; the engine bounds what gets past it (scenario runner, CLIs); formatting is linear.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_SCHEMAS } from '../../src/shared/contract';
import { formatMoney, formatPrice, formatQuantity } from '../../src/shared/format';
import { parseDecimal } from '../../src/main/engine/decimal';
import type { Terminal } from '../../src/main/terminal/terminal';
import { openTestDesk, openTestTerminal, rowCounts, type TestTerminal } from '../support/desk';

let opened: TestTerminal;
let terminal: Terminal;

beforeAll(async () => {
  opened = await openTestTerminal('thor-bounded-');
  terminal = opened.terminal;
});
afterAll(() => opened.close());

const ticket = { account: 'main', symbol: 'AAPL', side: 'BUY', qty: '1', orderType: 'LMT', limit: '150.00', tif: 'DAY' };

/** Digits beyond every cap (13 integer digits for balances): 14 to 5,000 of them, with or without a point. */
const longDecimal = fc
  .tuple(fc.stringMatching(/^[1-9]\d{13,40}$/), fc.integer({ min: 1, max: 120 }), fc.boolean())
  .map(([digits, times, point]) => (point ? `${digits.repeat(times)}.5` : digits.repeat(times)));
/** Too many decimals. */
const longFraction = fc.stringMatching(/^\d{1,3}\.\d{11,60}$/);
/** Text that is not a decimal: letters, exponents, several points, control characters, blanks. */
const malformed = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(s)),
  fc.constantFrom('1e9', '1e999999', 'NaN', 'Infinity', '0x10', '1.2.3', '1,000', ' ', '--1', '\u0000', '１２'),
);
const badDecimal = fc.oneof(longDecimal, longFraction, malformed);

async function expectRefusedAndNothingStored(name: string, payload: unknown) {
  const before = rowCounts(terminal.desk);
  const result = await terminal.handle(name, payload);
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  if (!result.ok) expect(result.error.message.length).toBeLessThan(400);
  expect(rowCounts(terminal.desk)).toEqual(before);
}

describe('the contract refuses oversized and malformed input, storing nothing', () => {
  it('in every decimal field of an order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('qty', 'limit', 'stop'), badDecimal, async (field, value) => {
        await expectRefusedAndNothingStored('placeOrder', { ...ticket, orderType: 'STP_LMT', stop: '150.00', [field]: value });
      }),
      { numRuns: 300 },
    );
  });

  it('in balances, settings and edits', async () => {
    await fc.assert(
      fc.asyncProperty(
        badDecimal,
        fc.constantFrom<(v: string) => [string, unknown]>(
          (v) => ['createAccount', { id: 'acct2', startingBalance: v, margin: 'REGT' }],
          (v) => ['resetAccount', { account: 'main', startingBalance: v }],
          (v) => ['updateSettings', { slippageTicks: v }],
          (v) => ['updateSettings', { commission: { EQ: v } }],
          (v) => ['updateSettings', { contracts: { ES: { tick: v } } }],
          (v) => ['editOrder', { orderId: 1, limit: v }],
        ),
        async (value, request) => {
          const [name, payload] = request(value);
          await expectRefusedAndNothingStored(name, payload);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('in strings: symbols, account ids, client order ids and paths that are too long or not printable', async () => {
    const tooLong = (min: number) => fc.string({ minLength: min, maxLength: min * 20 });
    const control = fc.string({ minLength: 0, maxLength: 10 }).map((s) => `${s}\u0007${s}`);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          tooLong(41).map((s) => ['placeOrder', { ...ticket, symbol: s }] as const),
          control.map((s) => ['placeOrder', { ...ticket, symbol: s }] as const),
          tooLong(65).map((s) => ['placeOrder', { ...ticket, clientOrderId: s }] as const),
          tooLong(33).map((s) => ['createAccount', { id: s, startingBalance: '1000', margin: 'CASH' }] as const),
          fc.stringMatching(/^[a-z]{1,10} [a-z]{1,10}$/).map((s) => ['createAccount', { id: s, startingBalance: '1000', margin: 'CASH' }] as const),
          control.map((s) => ['setSource', { kind: 'file', path: `/tmp/${s}` }] as const),
        ),
        async ([name, payload]) => expectRefusedAndNothingStored(name, payload),
      ),
      { numRuns: 300 },
    );
  });

  it('nested settings objects are strict, slippage is a whole number of ticks from 0 to 100', async () => {
    await expectRefusedAndNothingStored('updateSettings', { commission: { EQ: '0', CRYPTO: '1' } });
    await expectRefusedAndNothingStored('updateSettings', { contracts: { ES: { tick: '0.25', color: 'red' } } });
    await expectRefusedAndNothingStored('updateSettings', { slippageTicks: '101' });
    await expectRefusedAndNothingStored('updateSettings', { slippageTicks: '1.5' });
    await expectRefusedAndNothingStored('updateSettings', { slippageTicks: '99999999999' });
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`X${i}`, { multiplier: '1', tick: '1', initialMargin: '1' }]));
    await expectRefusedAndNothingStored('updateSettings', { contracts: many });
    expect(await terminal.handle('updateSettings', { slippageTicks: '100' })).toMatchObject({ ok: true, data: { slippageTicks: '100' } });
    expect(await terminal.handle('updateSettings', { slippageTicks: '0' })).toMatchObject({ ok: true });
  });

  it('a schema refuses a megabyte of digits without looking at them all', () => {
    const huge = '9'.repeat(1_000_000);
    const parsed = REQUEST_SCHEMAS.placeOrder.safeParse({ ...ticket, limit: huge });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toHaveLength(1);
  });
});

describe('the engine bounds what reaches it by other roads (scenarios, CLIs)', () => {
  it('decimals: no exponent beyond 18, no text beyond 64 characters', () => {
    expect(parseDecimal('1e999999')).toBeUndefined();
    expect(parseDecimal('1'.repeat(65))).toBeUndefined();
    expect(parseDecimal('123.45')?.toFixed()).toBe('123.45');
  });

  it('prices, balances, slippage and account ids', async () => {
    const handle = await openTestDesk();
    try {
      const { desk } = handle;
      const before = rowCounts(desk);
      expect(desk.placeOrder({ ...ticket, limit: '1000000000' })).toMatchObject({ ok: false, error: { message: 'limit must be below 1,000,000,000 (got "1000000000")' } });
      expect(desk.createAccount({ id: 'big', cash: '1000000000000.01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(desk.createAccount({ id: 'my account' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(desk.updateSettings({ slippageTicks: '1.5' })).toMatchObject({ ok: false, error: { message: 'slippageTicks must be a whole number of ticks from 0 to 100 (got "1.5")' } });
      expect(desk.updateSettings({ slippageTicks: 99999999999 })).toMatchObject({ ok: false });
      expect(rowCounts(desk)).toEqual(before);
      const reason = desk.placeOrder({ ...ticket, symbol: 'X'.repeat(5000) });
      expect(reason.ok).toBe(false);
      if (!reason.ok) expect(reason.error.message.length).toBeLessThan(200);
    } finally {
      handle.close();
    }
  });
});

describe('formatting', () => {
  it('groups thousands of any length in one pass, the same as before', () => {
    expect(formatMoney('1234567.891')).toBe('1,234,567.89');
    expect(formatMoney('-1000')).toBe('-1,000.00');
    expect(formatMoney('999')).toBe('999.00');
    expect(formatQuantity('1200')).toBe('1,200');
    expect(formatPrice('6712.25', { kind: 'decimal', decimals: 2 })).toBe('6,712.25');
    const long = formatQuantity('1'.repeat(60_000));
    expect(long.length).toBe(60_000 + 19_999);
    expect(long.startsWith('111,111,111')).toBe(true);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (n) => {
        expect(formatQuantity(n.toString())).toBe(n.toLocaleString('en-US'));
      }),
    );
  });
});
