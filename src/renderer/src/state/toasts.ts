// Short notices in a corner: fills, rejects and failed commands. Each dismisses itself; a click dismisses it sooner.
import { create } from 'zustand';

export type ToastKind = 'fill' | 'reject' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

interface ToastState {
  toasts: readonly Toast[];
}

export const useToasts = create<ToastState>()(() => ({ toasts: [] }));

// Rejects and errors stay longer: they say what to fix.
const LIFETIME_MS: Record<ToastKind, number> = { fill: 5_000, info: 4_000, reject: 8_000, error: 8_000 };
// A burst of fills must not cover the screen: the oldest go first.
const MAX_SHOWN = 6;

let nextId = 1;

export function showToast(kind: ToastKind, text: string): void {
  const id = nextId++;
  useToasts.setState((s) => ({ toasts: [...s.toasts, { id, kind, text }].slice(-MAX_SHOWN) }));
  setTimeout(() => dismissToast(id), LIFETIME_MS[kind]);
}

export function dismissToast(id: number): void {
  useToasts.setState((s) => (s.toasts.some((t) => t.id === id) ? { toasts: s.toasts.filter((t) => t.id !== id) } : s));
}
