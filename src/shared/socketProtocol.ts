// The browser host's WebSocket messages: the same commands and pushes as Electron IPC, framed as JSON. The page
// sends requests with its own ids; the host answers each id once and sends pushes unasked. Types and the path only.
import type { CommandName, PushEvent, Result } from './contract';

/** The socket's path on the browser host; the page adds ?token=... */
export const SOCKET_PATH = '/thor';

export interface SocketRequest {
  readonly id: number;
  readonly command: CommandName;
  readonly payload: unknown;
}

export type SocketMessage =
  | { readonly kind: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'push'; readonly event: PushEvent };
