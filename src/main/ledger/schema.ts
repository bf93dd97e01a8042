// The ledger's tables as kysely sees them. Money, prices and quantities are TEXT (exact decimals); times are ISO
// 8601 UTC text; JSON columns are TEXT. Changing a table means a new numbered migration, never an edit.
export interface AccountsTable {
  id: string;
  broker: string;
  margin: string;
  starting_balance: string;
  cash: string;
  created_at: string;
  ordinal: number;
}

export interface OrdersTable {
  id: number;
  account_id: string;
  client_order_id: string | null;
  symbol: string;
  asset_type: string;
  side: string;
  qty: string;
  order_type: string;
  limit_price: string | null;
  stop_price: string | null;
  tif: string;
  status: string;
  triggered: number;
  filled_qty: string;
  avg_fill_price: string | null;
  reject_reason: string | null;
  status_reason: string | null;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
  /** JSON list of the ticket's tags (0003). */
  tags: string;
  /** Linked and trailing orders (0005). */
  parent_id: number | null;
  oco_group: string | null;
  limit_ticks: string | null;
  stop_ticks: string | null;
  trail_offset: string | null;
  trail_unit: string | null;
  trail_ref: string | null;
  limit_offset: string | null;
  trail_watermark: string | null;
  trail_stop: string | null;
}

export interface OrderEventsTable {
  id: number | null;
  order_id: number;
  type: string;
  time: string;
  detail: string | null;
}

export interface FillsTable {
  id: number;
  order_id: number;
  account_id: string;
  symbol: string;
  asset_type: string;
  side: string;
  qty: string;
  price: string;
  multiplier: string;
  commission: string;
  fees: string;
  realized_pl: string;
  time: string;
  quote: string;
  reason: string;
}

export interface PositionsTable {
  account_id: string;
  symbol: string;
  asset_type: string;
  multiplier: string;
  qty: string;
  cost: string;
  realized_pl_day: string;
  unrealized_at_roll: string;
  opened_at: string;
  updated_at: string;
}

export interface ResetsTable {
  id: number | null;
  account_id: string;
  kind: string;
  time: string;
  starting_balance: string;
  cash_before: string;
  after_fill_id: number;
}

export interface DaySnapshotsTable {
  id: number | null;
  account_id: string;
  roll_at: string;
  cash: string;
  net_liq: string;
  unrealized_pl: string;
  realized_pl_day: string;
}

export interface TradesTable {
  id: number;
  account_id: string;
  symbol: string;
  asset_type: string;
  multiplier: string;
  direction: string;
  status: string;
  opened_at: string;
  closed_at: string | null;
  open_fill_id: number;
  close_fill_id: number | null;
  qty: string;
  cost: string;
  max_qty: string;
  entry_qty: string;
  exit_qty: string;
  entry_notional: string;
  exit_notional: string;
  gross_pl: string;
  commissions: string;
  mfe: string;
  mae: string;
  /** JSON list of tags, in the order they were added. */
  tags: string;
  note: string;
  /** JSON list of fill ids, in order. */
  fills: string;
}

export interface EquitySamplesTable {
  id: number | null;
  account_id: string;
  time: string;
  net_liq: string;
  pl_day: string;
}

export interface QuotesTable {
  symbol: string;
  data: string;
  time: string;
}

export interface KeyValueTable {
  key: string;
  value: string;
}

export interface LedgerDatabase {
  accounts: AccountsTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  fills: FillsTable;
  positions: PositionsTable;
  resets: ResetsTable;
  day_snapshots: DaySnapshotsTable;
  trades: TradesTable;
  equity_samples: EquitySamplesTable;
  quotes: QuotesTable;
  settings: KeyValueTable;
  ledger_meta: KeyValueTable;
}
