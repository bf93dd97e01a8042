// Trades (round trips) of ../shared/JOURNAL.md sections 1, 2 and 4: how a fill joins, closes or flips a trade, how
// a reset ends the open ones, and the excursions measured while a trade is open. Pure functions over values: the
// engine calls them inside an operation, verify calls the same ones to recompute trades from fills and resets.
// It must never read a clock, the ledger or the state: every input comes in as an argument.
import { Dec, ZERO, sign } from './decimal';
import type { Fill } from './model';
import type { AssetType } from './settings';

export type TradeDirection = 'LONG' | 'SHORT';
export type TradeStatus = 'OPEN' | 'CLOSED' | 'RESET';

export interface Trade {
  readonly id: number;
  readonly accountId: string;
  readonly symbol: string;
  readonly assetType: AssetType;
  readonly multiplier: Dec;
  readonly direction: TradeDirection;
  readonly status: TradeStatus;
  readonly openedAt: number;
  readonly closedAt: number | null;
  /** The fill that opened it, and the one that closed it: the tie-breakers of the journal's orderings. */
  readonly openFillId: number;
  readonly closeFillId: number | null;
  /** The signed quantity the trade holds now and its exact cost (qty x average price), as the position keeps it. */
  readonly qty: Dec;
  readonly cost: Dec;
  readonly maxQty: Dec;
  readonly entryQty: Dec;
  readonly exitQty: Dec;
  readonly entryNotional: Dec;
  readonly exitNotional: Dec;
  readonly grossPl: Dec;
  readonly commissions: Dec;
  readonly mfe: Dec;
  readonly mae: Dec;
  readonly tags: readonly string[];
  readonly note: string;
  readonly fills: readonly number[];
}

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 32;
export const MAX_NOTE_LENGTH = 4000;

/** What a fill did to its position: the signed quantity and cost after it (the engine's average-cost rule). */
export interface FillOutcome {
  readonly fill: Fill;
  readonly qtyBefore: Dec;
  readonly qtyAfter: Dec;
  readonly costAfter: Dec;
  /** The symbol's mark at the moment of the fill, null when the quote has none. */
  readonly mark: Dec | null;
  /** Tags of the order that filled. */
  readonly orderTags: readonly string[];
}

export interface TradeStep {
  /** Trades the fill changed or opened, in the order they were touched (a flip: the closed one, then the new one). */
  readonly trades: readonly Trade[];
}

/**
 * Puts one fill into the trades of its account and symbol: opens, adds, reduces, closes, or on a flip closes and
 * opens in the other direction with the commission and fees split in proportion to the two quantities.
 * `open` is the open trade of the account and symbol (undefined when flat); `nextId` hands out trade ids.
 */
export function journalFill(open: Trade | undefined, outcome: FillOutcome, nextId: () => number): TradeStep {
  const { fill, qtyBefore, qtyAfter, costAfter, mark } = outcome;
  const fillQty = fill.qty;
  const costs = fill.commission.plus(fill.fees);
  const before = sign(qtyBefore);
  const after = sign(qtyAfter);
  if (qtyBefore.isZero()) {
    return { trades: [openTrade(nextId(), fill, fillQty, costs, qtyAfter, costAfter, mark, outcome.orderTags)] };
  }
  if (!open) {
    // A position older than the journal (a ledger from before migration 0003): no trade until it is flat again,
    // except the part of a flip that opens the other direction.
    if (after === 0 || after === before) return { trades: [] };
    const part = fillQty.minus(qtyBefore.abs());
    const partCosts = partOf(fill.commission, part, fillQty).plus(partOf(fill.fees, part, fillQty));
    return { trades: [openTrade(nextId(), fill, part, partCosts, qtyAfter, costAfter, mark, outcome.orderTags)] };
  }
  if (after === before) {
    // Adds or a partial exit: the whole fill belongs to the open trade.
    const adding = sign(fill.side === 'BUY' ? fillQty : fillQty.negated()) === before;
    const trade = withTags(
      {
        ...open,
        qty: qtyAfter,
        cost: costAfter,
        maxQty: Dec.max(open.maxQty, qtyAfter.abs()),
        entryQty: adding ? open.entryQty.plus(fillQty) : open.entryQty,
        entryNotional: adding ? open.entryNotional.plus(fillQty.times(fill.price)) : open.entryNotional,
        exitQty: adding ? open.exitQty : open.exitQty.plus(fillQty),
        exitNotional: adding ? open.exitNotional : open.exitNotional.plus(fillQty.times(fill.price)),
        grossPl: open.grossPl.plus(fill.realizedPl),
        commissions: open.commissions.plus(costs),
        fills: [...open.fills, fill.id],
      },
      outcome.orderTags,
    );
    return { trades: [measureAt(trade, mark)] };
  }
  // Closes (after = 0) or flips (after has the other sign): the quantity that reaches 0 closes the trade.
  const closingQty = qtyBefore.abs();
  const flip = after !== 0;
  const closingCosts = flip ? partOf(fill.commission, closingQty, fillQty).plus(partOf(fill.fees, closingQty, fillQty)) : costs;
  const grossPl = open.grossPl.plus(fill.realizedPl);
  const closed = withTags(
    {
      ...open,
      status: 'CLOSED',
      closedAt: fill.time,
      closeFillId: fill.id,
      qty: ZERO,
      cost: ZERO,
      exitQty: open.exitQty.plus(closingQty),
      exitNotional: open.exitNotional.plus(closingQty.times(fill.price)),
      grossPl,
      commissions: open.commissions.plus(closingCosts),
      fills: [...open.fills, fill.id],
      // At the closing fill the open P&L is what the trade realized.
      mfe: Dec.max(open.mfe, grossPl),
      mae: Dec.min(open.mae, grossPl),
    },
    outcome.orderTags,
  );
  if (!flip) return { trades: [closed] };
  const openingQty = fillQty.minus(closingQty);
  const openingCosts = partOf(fill.commission, openingQty, fillQty).plus(partOf(fill.fees, openingQty, fillQty));
  const opened = openTrade(nextId(), fill, openingQty, openingCosts, qtyAfter, costAfter, mark, outcome.orderTags);
  return { trades: [closed, opened] };
}

/** JOURNAL.md 3: part = amount x part qty / fill qty, exact. */
function partOf(amount: Dec, partQty: Dec, fillQty: Dec): Dec {
  return amount.times(partQty).div(fillQty);
}

function openTrade(
  id: number,
  fill: Fill,
  qty: Dec,
  costs: Dec,
  qtyAfter: Dec,
  costAfter: Dec,
  mark: Dec | null,
  orderTags: readonly string[],
): Trade {
  const trade: Trade = {
    id,
    accountId: fill.accountId,
    symbol: fill.symbol,
    assetType: fill.assetType,
    multiplier: fill.multiplier,
    direction: qtyAfter.isNegative() ? 'SHORT' : 'LONG',
    status: 'OPEN',
    openedAt: fill.time,
    closedAt: null,
    openFillId: fill.id,
    closeFillId: null,
    qty: qtyAfter,
    cost: costAfter,
    maxQty: qtyAfter.abs(),
    entryQty: qty,
    exitQty: ZERO,
    entryNotional: qty.times(fill.price),
    exitNotional: ZERO,
    grossPl: ZERO,
    commissions: costs,
    mfe: ZERO,
    mae: ZERO,
    tags: mergeTags([], orderTags),
    note: '',
    fills: [fill.id],
  };
  return measureAt(trade, mark);
}

/** A reset ends an open trade where it stands (JOURNAL.md 1): it keeps what it realized before. */
export function endByReset(trade: Trade, time: number): Trade {
  return { ...trade, status: 'RESET', closedAt: time };
}

/** The open P&L at `mark`: realized so far plus (mark - A) x q x m, gross of commissions (JOURNAL.md 2). */
export function openPl(trade: Trade, mark: Dec): Dec {
  return trade.grossPl.plus(mark.times(trade.qty).minus(trade.cost).times(trade.multiplier));
}

/** The trade with its excursions widened to the open P&L at `mark`; the same object when nothing moved. */
export function measureAt(trade: Trade, mark: Dec | null): Trade {
  if (mark === null || trade.status !== 'OPEN') return trade;
  const value = openPl(trade, mark);
  if (value.greaterThan(trade.mfe)) return { ...trade, mfe: value };
  if (value.lessThan(trade.mae)) return { ...trade, mae: value };
  return trade;
}

// ---------------------------------------------------------------------------------------------------------------
// Tags and notes (JOURNAL.md 4)

/** A tag as stored: trimmed, 1 to 32 characters; or why not. */
export function checkTag(raw: unknown): { ok: true; value: string } | { ok: false; message: string } {
  if (typeof raw !== 'string') return { ok: false, message: `a tag must be text (got ${JSON.stringify(raw)})` };
  const tag = raw.trim();
  if (tag.length === 0 || tag.length > MAX_TAG_LENGTH) {
    return { ok: false, message: `a tag must be 1 to ${MAX_TAG_LENGTH} characters (got ${JSON.stringify(raw)})` };
  }
  return { ok: true, value: tag };
}

/** Checked tags of an order ticket: trimmed, without repeats (compared without case), at most 10. */
export function checkTags(raw: unknown): { ok: true; value: string[] } | { ok: false; message: string } {
  if (raw === undefined || raw === null) return { ok: true, value: [] };
  if (!Array.isArray(raw)) return { ok: false, message: 'tags must be a list of text' };
  const tags: string[] = [];
  for (const item of raw) {
    const tag = checkTag(item);
    if (!tag.ok) return tag;
    if (!tags.some((t) => sameTag(t, tag.value))) tags.push(tag.value);
  }
  if (tags.length > MAX_TAGS) return { ok: false, message: `at most ${MAX_TAGS} tags (got ${tags.length})` };
  return { ok: true, value: tags };
}

export function sameTag(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Adds tags not there yet (compared without case), keeping the order they were added, at most 10. */
export function mergeTags(current: readonly string[], more: readonly string[]): readonly string[] {
  if (more.length === 0) return current;
  let tags = current;
  for (const tag of more) {
    if (tags.length >= MAX_TAGS) break;
    if (!tags.some((t) => sameTag(t, tag))) tags = [...tags, tag];
  }
  return tags;
}

function withTags(trade: Trade, orderTags: readonly string[]): Trade {
  const tags = mergeTags(trade.tags, orderTags);
  return tags === trade.tags ? trade : { ...trade, tags };
}

// ---------------------------------------------------------------------------------------------------------------
// Derived figures (JOURNAL.md 1)

export function avgEntry(trade: Trade): Dec {
  return trade.entryQty.isZero() ? ZERO : trade.entryNotional.div(trade.entryQty);
}
export function avgExit(trade: Trade): Dec | null {
  return trade.exitQty.isZero() ? null : trade.exitNotional.div(trade.exitQty);
}
export function netPl(trade: Trade): Dec {
  return trade.grossPl.minus(trade.commissions);
}
/** mfe - grossPl once CLOSED: how much of the best moment was given back. */
export function etd(trade: Trade): Dec | null {
  return trade.status === 'CLOSED' ? trade.mfe.minus(trade.grossPl) : null;
}
export function durationSeconds(trade: Trade): number | null {
  return trade.closedAt === null ? null : (trade.closedAt - trade.openedAt) / 1000;
}

export interface TradeEdit {
  readonly addTags?: unknown;
  readonly removeTags?: unknown;
  readonly note?: unknown;
}

/** Tags added or removed and the note rewritten (JOURNAL.md 4); never money. Or what is wrong with the edit. */
export function editTrade(trade: Trade, edit: TradeEdit): { ok: true; value: Trade } | { ok: false; message: string } {
  const add = checkTags(edit.addTags);
  if (!add.ok) return add;
  const remove = checkTags(edit.removeTags);
  if (!remove.ok) return remove;
  let tags = trade.tags.filter((t) => !remove.value.some((r) => sameTag(r, t)));
  const fresh = add.value.filter((t) => !tags.some((x) => sameTag(x, t)));
  if (tags.length + fresh.length > MAX_TAGS) return { ok: false, message: `a trade has at most ${MAX_TAGS} tags` };
  tags = [...tags, ...fresh];
  let note = trade.note;
  if (edit.note !== undefined) {
    if (typeof edit.note !== 'string') return { ok: false, message: 'a note must be text' };
    if (edit.note.length > MAX_NOTE_LENGTH) return { ok: false, message: `a note has at most ${MAX_NOTE_LENGTH} characters` };
    note = edit.note;
  }
  return { ok: true, value: { ...trade, tags, note } };
}
