// The browser host: the built renderer and the real Terminal served to a plain browser on 127.0.0.1, so Playwright
// (and a developer without Electron) drive the same page over the same contract. Commands and pushes travel over
// one WebSocket that needs the random token of the printed URL. Every request (files and the socket's upgrade) must
// name the host by its loopback address and port in its Host header, so a web page on another name that resolves to
// 127.0.0.1 (DNS rebinding) reads nothing. It never imports electron and never listens beyond the loopback address.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { contentSecurityPolicy } from '../../shared/contentSecurity';
import { contentTypeOf } from '../../shared/contentTypes';
import type { Result } from '../../shared/contract';
import { SOCKET_PATH, type SocketMessage } from '../../shared/socketProtocol';
import { Terminal, type TerminalOptions } from '../terminal/terminal';

export interface BrowserHostOptions {
  /** The folder of the ledgers (ledger.db for the live desk, practice.db), created if missing. */
  readonly dataDir: string;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly practice?: TerminalOptions['practice'];
  readonly fileSource?: TerminalOptions['fileSource'];
  readonly clock?: TerminalOptions['clock'];
  /** Start on the practice desk whatever source was chosen last. */
  readonly startOnPractice?: boolean;
  readonly log?: (message: string) => void;
}

export interface BrowserHost {
  /** The page's address with its token: http://127.0.0.1:PORT/?token=... */
  readonly url: string;
  /** The host's Terminal, for tests that drive the feed or the desk directly. */
  readonly terminal: Terminal;
  /** Cuts every page's socket, as a dropped connection would; the host keeps listening, so pages reconnect. */
  dropConnections(): void;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 1 << 20;
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = resolve(options.rendererDir);
  statSync(join(rendererDir, 'index.html')); // fails early, with the path, when the renderer is not built
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const terminal = await Terminal.open({
    ledgerPath: join(options.dataDir, 'ledger.db'),
    log,
    ...(options.practice ? { practice: options.practice } : {}),
    ...(options.fileSource ? { fileSource: options.fileSource } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.startOnPractice ? { startOnPractice: true } : {}),
  });

  const token = randomBytes(24).toString('base64url');
  let origins: readonly string[] = [];
  let policy = contentSecurityPolicy();
  let port = 0; // known once listening; until then no Host is ours
  const server = createServer((request, response) => {
    if (!isOwnHost(request.headers.host, port)) return refuseForeignHost(response, policy);
    serveFile(rendererDir, policy, request, response);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    const origin = request.headers.origin;
    const allowed =
      isOwnHost(request.headers.host, port) &&
      url.pathname === SOCKET_PATH &&
      sameSecret(url.searchParams.get('token'), token) &&
      (origin === undefined || origins.includes(origin));
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => relay(terminal, ws, log));
  });

  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? 0, HOST, () => resolveListen());
    });
  } catch (error) {
    await terminal.close();
    throw error;
  }
  port = (server.address() as AddressInfo).port;
  origins = [`http://${HOST}:${port}`, `http://localhost:${port}`];
  policy = contentSecurityPolicy([`ws://${HOST}:${port}`, `ws://localhost:${port}`]);

  let closing: Promise<void> | undefined;
  return {
    url: `${origins[0]}/?token=${token}`,
    terminal,
    dropConnections: () => {
      for (const client of sockets.clients) client.terminate();
    },
    close: () =>
      (closing ??= (async () => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await terminal.close();
      })()),
  };
}

/** One page's socket: its requests answered by the Terminal, the Terminal's pushes sent to it. */
function relay(terminal: Terminal, ws: WebSocket, log: (message: string) => void): void {
  const send = (message: SocketMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = terminal.subscribe((event) => send({ kind: 'push', event }));
  ws.on('close', unsubscribe);
  ws.on('error', (error) => log(`browser host socket: ${error.message}`));
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const request = isBinary ? null : parseRequest(data.toString());
    if (!request) {
      ws.close(1008, 'not a request');
      return;
    }
    // The Terminal parses the command name and the payload and never throws.
    void terminal.handle(request.command, request.payload).then((result: Result<unknown>) => send({ kind: 'result', id: request.id, result }));
  });
}

function parseRequest(text: string): { id: number; command: string; payload: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !('id' in value) || !('command' in value)) return null;
  const { id, command } = value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof command !== 'string') return null;
  return { id, command, payload: 'payload' in value ? value.payload : undefined };
}

/**
 * Whether a request's Host header names this host: exactly 127.0.0.1:PORT or localhost:PORT (any case), the two
 * addresses the host prints and its page uses. Anything else, a missing header included, is refused.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined || port <= 0) return false;
  const given = host.toLowerCase();
  return given === `${HOST}:${port}` || given === `localhost:${port}`;
}

function refuseForeignHost(response: ServerResponse, policy: string): void {
  response
    .writeHead(403, { 'Content-Security-Policy': policy, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' })
    .end('403 unknown host\n');
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET and HEAD of the built renderer's files; nothing outside rendererDir, no listings. */
function serveFile(rendererDir: string, policy: string, request: IncomingMessage, response: ServerResponse): void {
  const headers = {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  const refuse = (status: number) => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(`${status}\n`);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
  let path: string;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
  } catch {
    return refuse(400);
  }
  const file = resolve(rendererDir, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  const inside = relative(rendererDir, file);
  if (inside.startsWith('..') || isAbsolute(inside) || path.includes('\0')) return refuse(404);
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return refuse(404);
    size = stat.size;
  } catch {
    // Browsers ask for a favicon the app does not have: answer without a console error.
    if (path === '/favicon.ico') return void response.writeHead(204, headers).end();
    return refuse(404);
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(file),
    'Content-Length': size,
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file).pipe(response);
}
