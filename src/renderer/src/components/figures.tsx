// The figures every panel shows: prices in the instrument's format, money, signed P&L, quantities. They format
// strings computed by main; nothing here adds, subtracts or converts to a float.
import type { PriceFormat } from '../../../shared/contract';
import { formatMoney, formatPercent, formatPrice, formatQuantity, formatSignedMoney, signOf } from '../../../shared/format';

type TestId = { testId?: string | undefined; className?: string | undefined };

const NONE = '—';

export function Price({ value, format, tick, testId, className }: { value: string | null | undefined; format: PriceFormat; tick?: string } & TestId) {
  return (
    <span className={`num ${className ?? ''}`} data-testid={testId}>
      {value ? formatPrice(value, format, tick) : NONE}
    </span>
  );
}

export function Money({ value, testId, className }: { value: string | null | undefined } & TestId) {
  return (
    <span className={`num ${className ?? ''}`} data-testid={testId}>
      {value ? formatMoney(value) : NONE}
    </span>
  );
}

/** Green above zero, red below, with the sign, as TOS colors P&L and net change. */
export function PnL({ value, percent, testId, className }: { value: string | null | undefined; percent?: boolean } & TestId) {
  const tone = toneOf(value);
  return (
    <span className={`num ${tone} ${className ?? ''}`} data-testid={testId}>
      {value ? (percent ? formatPercent(value) : formatSignedMoney(value)) : NONE}
    </span>
  );
}

export function Qty({ value, testId, className }: { value: string | null | undefined } & TestId) {
  return (
    <span className={`num ${className ?? ''}`} data-testid={testId}>
      {value ? formatQuantity(value) : NONE}
    </span>
  );
}

export function toneOf(value: string | null | undefined): 'up' | 'down' | 'flat' {
  const sign = signOf(value);
  return sign > 0 ? 'up' : sign < 0 ? 'down' : 'flat';
}
