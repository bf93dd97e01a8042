// A price field: typed text, stepped by the instrument's tick with ArrowUp/ArrowDown (Shift: ten ticks), starting
// from a reference price (the quote) when empty. Treasury futures take 32nds (110'16, 110'16+, 110'165) or decimals;
// a typed decimal shows its 32nds beside the field.
import type { KeyboardEvent } from 'react';
import type { PriceFormat } from '../../../shared/contract';
import { formatPrice } from '../../../shared/format';
import { typedPrice } from '../../../shared/thirtySeconds';
import { priceForField, stepPrice } from './priceStep';

interface Props {
  value: string;
  onChange: (value: string) => void;
  tick: string | null;
  format: PriceFormat;
  /** Where the first arrow press starts from when the field is empty (bid, ask or last). */
  reference?: string | null;
  testId: string;
  label: string;
  className?: string;
  disabled?: boolean;
}

export function PriceInput({ value, onChange, tick, format, reference, testId, label, className, disabled }: Props) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    // An empty field takes the reference price first, as TOS fills the price of a new order from the market.
    if (value.trim() === '') {
      if (reference) onChange(priceForField(reference, format, tick));
      return;
    }
    if (!tick) return;
    const next = stepPrice(value, tick, (event.key === 'ArrowUp' ? 1 : -1) * (event.shiftKey ? 10 : 1), format);
    if (next !== null) onChange(next);
  };
  // The 32nds of what was typed, unless it already reads so (an unreadable text shows nothing: main says why).
  const inThirtySeconds = format.kind === 'thirtySeconds' && value.trim() !== '' ? formatPrice(typedPrice(value), format, tick ?? undefined) : null;
  const shown = inThirtySeconds !== null && inThirtySeconds !== value.trim() && inThirtySeconds.includes("'") ? inThirtySeconds : null;
  return (
    <span className={`price-input ${className ?? ''}`}>
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        aria-label={label}
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {shown !== null && <span className="price-hint num">{shown}</span>}
    </span>
  );
}
