// Small hooks the panels share: a clock for "2 s ago", and the up/down flash of a changed price.
import Decimal from 'decimal.js';
import { useEffect, useRef, useState } from 'react';

/** Epoch ms, refreshed every `everyMs`: only the component that shows an age re-renders each second. */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export type Flash = 'flash-up' | 'flash-down' | '';

const FLASH_MS = 600;

/**
 * 'flash-up' or 'flash-down' for ~600 ms after the value changes against the previous value seen for this cell; the
 * first value seen does not flash (there is nothing to compare it with). Compared with decimal.js: no floats.
 */
export function useFlash(value: string | null): Flash {
  const previous = useRef(value);
  const [flash, setFlash] = useState<Flash>('');
  useEffect(() => {
    const before = previous.current;
    previous.current = value;
    if (before === null || value === null || before === value) return;
    let direction: Flash = '';
    try {
      const cmp = new Decimal(value).comparedTo(before);
      direction = cmp > 0 ? 'flash-up' : cmp < 0 ? 'flash-down' : '';
    } catch {
      return;
    }
    setFlash(direction);
    const timer = setTimeout(() => setFlash(''), FLASH_MS);
    // A newer change replaces this one's timer; the flash then follows the newer direction.
    return () => clearTimeout(timer);
  }, [value]);
  // A value that went away (null) must not leave a flash stuck on.
  return value === null ? '' : flash;
}
