// Builds the string views of src/shared/views.ts from engine records: the one place decimals become text for
// the scenario runner, the IPC snapshots and the reports.
import { formatMoney } from '../../shared/format';
import type { AccountView, FillView, OrderPreview as OrderPreviewView, OrderView, PositionView } from '../../shared/views';
import { accountMetrics, positionMetrics } from '../engine/accounting';
import { plain, plainOrNull } from '../engine/decimal';
import type { Account, Fill, MarginMode, Order, Position } from '../engine/model';
import type { OrderPreview } from '../engine/preview';
import type { EngineView } from '../engine/view';

const iso = (ms: number) => new Date(ms).toISOString();

export function accountView(view: EngineView, account: Account): AccountView {
  const m = accountMetrics(view, account);
  return {
    id: account.id,
    broker: account.broker,
    margin: account.margin,
    startingBalance: plain(account.startingBalance),
    cash: plain(m.cash),
    netLiq: plain(m.netLiq),
    availableFunds: plain(m.availableFunds),
    buyingPower: plain(m.buyingPower),
    dayTradingBuyingPower: plain(m.dayTradingBuyingPower),
    optionBuyingPower: plain(m.optionBuyingPower),
    unrealizedPl: plain(m.unrealizedPl),
    realizedPlDay: plain(m.realizedPlDay),
    plDay: plain(m.plDay),
    positionRequirement: plain(m.positionRequirement),
    orderRequirement: plain(m.orderRequirement),
    okToTrade: m.okToTrade,
  };
}

export function positionView(view: EngineView, position: Position, margin: MarginMode): PositionView {
  const m = positionMetrics(view, position, margin);
  return {
    account: position.accountId,
    symbol: position.symbol,
    assetType: position.assetType,
    qty: plain(position.qty),
    avgPrice: plain(m.avgPrice),
    mark: plain(m.mark),
    markIsAverage: m.markIsAverage,
    marketValue: plain(m.marketValue),
    costBasis: plain(m.costBasis),
    unrealizedPl: plain(m.unrealizedPl),
    plPercent: plainOrNull(m.plPercent),
    realizedPlDay: plain(position.realizedPlDay),
    plDay: plain(m.plDay),
    requirement: plain(m.requirement),
  };
}

export function orderView(order: Order): OrderView {
  return {
    id: order.id,
    account: order.accountId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    assetType: order.assetType,
    side: order.side,
    qty: plain(order.qty),
    orderType: order.type,
    limit: plainOrNull(order.limit),
    stop: plainOrNull(order.stop),
    tif: order.tif,
    status: order.status,
    triggered: order.triggered,
    filledQty: plain(order.filledQty),
    avgFillPrice: plainOrNull(order.avgFillPrice),
    rejectReason: order.rejectReason,
    statusReason: order.statusReason,
    expiresAt: order.expiresAt === null ? null : iso(order.expiresAt),
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
    parentId: order.parentId,
    ocoGroup: order.ocoGroup,
    qtyFromParent: order.parentId !== null && order.qty.isZero(),
    limitTicks: plainOrNull(order.limitTicks),
    stopTicks: plainOrNull(order.stopTicks),
    trailOffset: order.trail ? plain(order.trail.offset) : null,
    trailUnit: order.trail?.unit ?? null,
    trailRef: order.trail?.ref ?? null,
    limitOffset: order.trail && order.type === 'TRAIL_STP_LMT' ? plain(order.trail.limitOffset) : null,
    trailWatermark: order.trail ? plainOrNull(order.trail.watermark) : null,
    trailStop: order.trail ? plainOrNull(order.trail.stop) : null,
  };
}

export function previewView(preview: OrderPreview): OrderPreviewView {
  const { order } = preview;
  const warnings: string[] = [];
  if (order.status === 'REJECTED' && order.rejectReason) warnings.push(order.rejectReason);
  else if (preview.availableAfter.isNegative()) {
    // Only a closing order (requirement 0) is accepted with funds below 0 (ENGINE.md 7): say so, as TOS does.
    warnings.push(`available funds are below 0 (${formatMoney(preview.availableFunds.toFixed())}): this order only closes or reduces a position`);
  }
  return {
    account: order.accountId,
    side: order.side,
    qty: plain(order.qty),
    orderType: order.type,
    limit: plainOrNull(order.limit),
    stop: plainOrNull(order.stop),
    tif: order.tif,
    symbol: order.symbol,
    assetType: order.assetType,
    price: plainOrNull(preview.price),
    cashEffect: plain(preview.cashEffect),
    commission: plain(preview.costs),
    fees: plain(preview.fees),
    requirement: plain(preview.requirement),
    availableFunds: plain(preview.availableFunds),
    availableAfter: plain(preview.availableAfter),
    buyingPowerAfter: plain(preview.buyingPowerAfter),
    warning: order.status === 'REJECTED' ? order.rejectReason : null,
    warnings,
  };
}

export function fillView(fill: Fill): FillView {
  return {
    id: fill.id,
    orderId: fill.orderId,
    account: fill.accountId,
    symbol: fill.symbol,
    assetType: fill.assetType,
    side: fill.side,
    qty: plain(fill.qty),
    price: plain(fill.price),
    commission: plain(fill.commission),
    fees: plain(fill.fees),
    realizedPl: plain(fill.realizedPl),
    time: iso(fill.time),
    reason: fill.reason,
    quote: fill.quote,
  };
}

/** Accounts in creation order with their positions, as a snapshot of the desk. */
export function accountsAndPositions(view: EngineView): { accounts: AccountView[]; positions: PositionView[] } {
  const accounts: AccountView[] = [];
  const positions: PositionView[] = [];
  for (const account of view.accounts()) {
    accounts.push(accountView(view, account));
    const held = [...view.positionsOf(account.id)].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    for (const position of held) positions.push(positionView(view, position, account.margin));
  }
  return { accounts, positions };
}
