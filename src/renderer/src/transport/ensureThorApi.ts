// window.thor for a page opened in a plain browser from the browser host (http://127.0.0.1:PORT/?token=...): the
// same ThorApi as the Electron preload, carried over one WebSocket (src/shared/socketProtocol.ts). In Electron the
// preload has already set window.thor and this does nothing. No reconnect: a closed socket answers every request
// with an error, as the contract does, and never throws.
import type { CommandName } from '../../../shared/channels';
import { bindCommands } from '../../../shared/commandBinding';
import type { PushEvent, Result, ThorApi } from '../../../shared/contract';
import { SOCKET_PATH, type SocketMessage, type SocketRequest } from '../../../shared/socketProtocol';

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
  const socket = new WebSocket(url);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: PushEvent) => void>();
  let nextId = 1;
  let closedReason: string | null = null;

  socket.addEventListener('message', (message) => {
    const parsed = parseMessage(message.data);
    if (parsed?.kind === 'result') {
      pending.get(parsed.id)?.(parsed.result);
      pending.delete(parsed.id);
    } else if (parsed?.kind === 'push') {
      for (const listener of listeners) listener(parsed.event);
    }
  });
  socket.addEventListener('close', (event) => {
    closedReason = `the connection to the desk closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
    for (const resolve of pending.values()) resolve(closedError(closedReason));
    pending.clear();
  });

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

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(api), { once: true });
    socket.addEventListener('close', () => reject(new Error(`could not connect to the desk at ${url.split('?')[0]}`)), {
      once: true,
    });
  });
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
