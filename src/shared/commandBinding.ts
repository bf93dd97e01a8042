// window.thor's command functions over any transport (Electron IPC in the preload, the browser host's socket in the
// page): one function per command name, each sending its request and returning the transport's answer. Zod-free
// like channels.ts, so the bundled preload stays small. No electron, nothing from src/main.
import { COMMAND_NAMES, type CommandName } from './channels';
import type { ThorApi } from './contract';

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
