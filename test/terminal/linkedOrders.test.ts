// The contract's linked and trailing orders (ENGINE.md 11-13) through Terminal.handle: a bracket from placeOrder's
// children, placeOco, a trailing ticket, editing a HELD child, and what the order views and the snapshot carry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskSnapshot } from '../../src/shared/contract';
import type { OrderView } from '../../src/shared/views';
import type { Terminal } from '../../src/main/terminal/terminal';
import { openTestTerminal, type TestTerminal } from '../support/desk';

let opened: TestTerminal;
let terminal: Terminal;

beforeEach(async () => {
  opened = await openTestTerminal('thor-linked-');
  terminal = opened.terminal;
});
afterEach(() => opened.close());

const ticket = { account: 'main', symbol: 'AAPL', side: 'BUY', qty: '100', orderType: 'LMT', limit: '190.00', tif: 'GTC' } as const;

describe('linked and trailing orders in the contract', () => {
  it('placeOrder with children: the parent view, then HELD children in the snapshot after it, editable', async () => {
    const placed = await terminal.handle('placeOrder', {
      ...ticket,
      children: [
        { side: 'SELL', orderType: 'LMT', limitTicks: '500' },
        { side: 'SELL', orderType: 'TRAIL_STP', trailOffset: '1.00', trailRef: 'LAST' },
      ],
    });
    expect(placed).toMatchObject({ ok: true, data: { status: 'WORKING', parentId: null, ocoGroup: null } });
    const parentId = placed.ok ? (placed.data as OrderView).id : 0;
    const snapshot = await terminal.handle('getSnapshot', {});
    const rows = snapshot.ok ? (snapshot.data as DeskSnapshot).workingOrders : [];
    expect(rows.map((o) => [o.id, o.status, o.parentId])).toEqual([
      [parentId, 'WORKING', null],
      [parentId + 1, 'HELD', parentId],
      [parentId + 2, 'HELD', parentId],
    ]);
    expect(rows[1]).toMatchObject({ qtyFromParent: true, limitTicks: '500', why: `held until order ${parentId} fills` });
    expect(rows[2]).toMatchObject({ trailOffset: '1', trailUnit: 'PRICE', trailRef: 'LAST', trailStop: null, trailWatermark: null });
    expect(rows[1]!.ocoGroup).toBe(rows[2]!.ocoGroup);
    const edited = await terminal.handle('editOrder', { orderId: parentId + 1, limitTicks: '300' });
    expect(edited).toMatchObject({ ok: true, data: { status: 'HELD', limitTicks: '300' } });
  });

  it('placeOco answers every member; a bad member is refused before anything is stored', async () => {
    const oco = await terminal.handle('placeOco', {
      orders: [
        { ...ticket, limit: '195.00' },
        { ...ticket, orderType: 'STP', limit: undefined, stop: '210.00' },
      ],
    });
    expect(oco.ok).toBe(true);
    const members = oco.ok ? (oco.data as OrderView[]) : [];
    expect(members.map((o) => o.status)).toEqual(['WORKING', 'WORKING']);
    expect(members[0]!.ocoGroup).toBe(`oco-${members[0]!.id}`);
    expect(await terminal.handle('placeOco', { orders: [ticket] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a trailing ticket: the view carries W and the stop', async () => {
    const placed = await terminal.handle('placeOrder', { ...ticket, side: 'SELL', orderType: 'TRAIL_STP', limit: '', trailOffset: '2.00', trailUnit: 'PRICE', trailRef: 'BID' });
    expect(placed).toMatchObject({ ok: true, data: { status: 'WORKING', orderType: 'TRAIL_STP', trailWatermark: '199.98', trailStop: '197.98' } });
  });
});
