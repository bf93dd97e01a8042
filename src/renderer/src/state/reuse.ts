// Keeps the objects of the previous snapshot when a new one says the same thing (Signal's
// assignWithNoUnnecessaryAllocation): zustand selectors compare by identity, so a tick that changes one quote must
// hand every other row its old object, and a list that did not change at all its old array.

/** Structural equality for the plain JSON data of the views (strings, numbers, booleans, null, arrays, objects). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((key) => Object.hasOwn(rb, key) && sameData(ra[key], rb[key]));
}

/**
 * The next list, with each row replaced by the previous row of the same key when their fields are equal; the
 * previous list itself when nothing changed (same rows, same order).
 */
export function reuseEqual<T>(prev: readonly T[], next: readonly T[], keyOf: (row: T) => string | number): readonly T[] {
  if (prev === next) return prev;
  const byKey = new Map<string | number, T>();
  for (const row of prev) byKey.set(keyOf(row), row);
  let unchanged = prev.length === next.length;
  const rows = next.map((row, i) => {
    const old = byKey.get(keyOf(row));
    const kept = old !== undefined && sameData(old, row) ? old : row;
    if (kept !== prev[i]) unchanged = false;
    return kept;
  });
  return unchanged ? prev : rows;
}

/** The previous value when equal, so a selector on it keeps its identity. */
export function reuseValue<T>(prev: T, next: T): T {
  return sameData(prev, next) ? prev : next;
}
