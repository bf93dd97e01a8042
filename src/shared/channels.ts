// The names of the contract's commands and the channels that carry them, without zod: the preload (one bundled CJS
// file) and the browser transport import this, not contract.ts, so the request schemas stay in the main process.
// contract.ts checks at compile time that COMMANDS has exactly these names. It imports nothing (contract.ts imports
// it). No electron, nothing from src/main.
export const COMMAND_NAMES = [
  'getSnapshot',
  'placeOrder',
  'placeOco',
  'previewOrder',
  'editOrder',
  'cancelOrder',
  'cancelAll',
  'flatten',
  'reverse',
  'createAccount',
  'resetAccount',
  'getSettings',
  'updateSettings',
  'setSource',
  'pickQuoteFile',
  'orderHistory',
  'fillHistory',
  'orderEvents',
  'resetHistory',
  'journalTrades',
  'journalTrade',
  'journalStats',
  'editTrade',
  'journalTags',
  'equityHistory',
  'exportStatement',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** The IPC channel of one command (Electron). */
export const commandChannel = (name: CommandName) => `thor:${name}`;
/** The IPC channel of pushed events (Electron). */
export const PUSH_CHANNEL = 'thor:push';
