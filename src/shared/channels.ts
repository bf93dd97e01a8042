// The names of the contract's commands and the channels that carry them, without zod: the preload (one bundled CJS
// file) and the browser transport import this, not contract.ts, so the request schemas stay in the main process.
// contract.ts checks at compile time that COMMANDS has exactly these names. No electron, nothing from src/main.
import type { ThorApi } from './contract';

export const COMMAND_NAMES = [
  'getSnapshot',
  'placeOrder',
  'previewOrder',
  'editOrder',
  'cancelOrder',
  'cancelAll',
  'flatten',
  'createAccount',
  'resetAccount',
  'getSettings',
  'updateSettings',
  'setSource',
  'pickQuoteFile',
  'orderHistory',
  'fillHistory',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** The IPC channel of one command (Electron). */
export const commandChannel = (name: CommandName) => `thor:${name}`;
/** The IPC channel of pushed events (Electron). */
export const PUSH_CHANNEL = 'thor:push';

/** window.thor without subscribe: one function per command. */
export type ThorCommands = Omit<ThorApi, 'subscribe'>;

/**
 * One function per command name, each sending its request through `send`. The transport (IPC, socket) answers
 * with the command's Result; the request is checked by main, not here.
 */
export function bindCommands(send: (name: CommandName, request: unknown) => Promise<unknown>): ThorCommands {
  const entries = COMMAND_NAMES.map((name) => [name, (request: unknown) => send(name, request)] as const);
  // The one cast: a mapped type cannot be built from a runtime list; the list and COMMANDS are checked equal.
  return Object.fromEntries(entries) as unknown as ThorCommands;
}
