// window.thor for a page opened in a plain browser from the browser host (http://127.0.0.1:PORT/?token=...): the
// same ThorApi as the Electron preload, carried over one WebSocket (src/shared/socketProtocol.ts). In Electron the
// preload has already set window.thor and this does nothing. While the socket is closed every request is answered
// with an error, as the contract does, never thrown; the transport says so on `window` (CONNECTION_EVENT) and
// reconnects by itself (1 s, then up to every 5 s), saying so again once it is back.
import type { CommandName } from '../../../shared/channels';
import { bindCommands } from '../../../shared/commandBinding';
import type { PushEvent, Result, ThorApi } from '../../../shared/contract';
import { SOCKET_PATH, type SocketMessage, type SocketRequest } from '../../../shared/socketProtocol';

/** Dispatched on `window` when the socket to the desk closes (`detail.state` 'lost') or opens again ('back'). */
export const CONNECTION_EVENT = 'thor-connection';
export type ConnectionChange = { state: 'lost'; reason: string } | { state: 'back' };

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 5_000;

function announce(change: ConnectionChange): void {
  window.dispatchEvent(new CustomEvent<ConnectionChange>(CONNECTION_EVENT, { detail: change }));
}

/** Installs window.thor over the browser host's socket when the page has a token; resolves once it is usable. */
export async function ensureThorApi(): Promise<void> {
  if (window.thor) return;
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) return;
  const url = `ws://${window.location.host}${SOCKET_PATH}?token=${encodeURIComponent(token)}`;
  try {
    const api = await connect(url);
    // Read-only, like the property contextBridge makes.
    Object.defineProperty(window, 'thor', { value: api, enumerable: true });
  } catch (error) {
    // The page shows its own "not connected" state when window.thor is missing.
    console.error(error);
  }
}

const closedError = (message: string): Result<never> => ({ ok: false, error: { code: 'INTERNAL', message } });

function connect(url: string): Promise<ThorApi> {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: PushEvent) => void>();
  let nextId = 1;
  let closedReason: string | null = 'connecting';
  let socket: WebSocket;
  let retryMs = RETRY_FIRST_MS;
  let everOpen = false;

  const open = (onFirstOpen: () => void, onFirstFailure: (error: Error) => void) => {
    const current = new WebSocket(url);
    socket = current;
    current.addEventListener('message', (message) => {
      const parsed = parseMessage(message.data);
      if (parsed?.kind === 'result') {
        pending.get(parsed.id)?.(parsed.result);
        pending.delete(parsed.id);
      } else if (parsed?.kind === 'push') {
        for (const listener of listeners) listener(parsed.event);
      }
    });
    current.addEventListener('open', () => {
      closedReason = null;
      retryMs = RETRY_FIRST_MS;
      if (everOpen) announce({ state: 'back' });
      else onFirstOpen();
      everOpen = true;
    });
    current.addEventListener('close', (event) => {
      if (!everOpen) {
        onFirstFailure(new Error(`could not connect to the desk at ${url.split('?')[0]}`));
        return;
      }
      const wasOpen = closedReason === null;
      closedReason = `the connection to the desk closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
      for (const resolve of pending.values()) resolve(closedError(closedReason));
      pending.clear();
      if (wasOpen) announce({ state: 'lost', reason: closedReason });
      // A timer, not a loop: one attempt at a time, further apart while the desk stays away.
      setTimeout(() => open(onFirstOpen, onFirstFailure), retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    });
  };

  const send = (command: CommandName, payload: unknown): Promise<Result<unknown>> => {
    if (closedReason !== null) return Promise.resolve(closedError(closedReason));
    const request: SocketRequest = { id: nextId++, command, payload };
    return new Promise((resolve) => {
      pending.set(request.id, resolve);
      socket.send(JSON.stringify(request));
    });
  };

  const api = {
    ...bindCommands(send),
    subscribe(listener: (event: PushEvent) => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  } satisfies ThorApi;

  return new Promise((resolve, reject) => open(() => resolve(api), reject));
}

/** The host's messages, checked for their frame; the payloads are the host's own (the contract's types). */
function parseMessage(data: unknown): SocketMessage | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Partial<Record<'kind' | 'id' | 'result' | 'event', unknown>>;
  if (message.kind === 'result' && typeof message.id === 'number' && typeof message.result === 'object') {
    return value as SocketMessage;
  }
  if (message.kind === 'push' && typeof message.event === 'object') return value as SocketMessage;
  return null;
}
