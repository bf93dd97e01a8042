// The browser host answers only requests that name it by its loopback address and port: every file, every error
// page and the socket's upgrade refuse a foreign Host header (a page on another name resolved to 127.0.0.1, DNS
// rebinding, reads nothing), and the same requests with the host's own Host are answered. A real host on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOwnHost, startBrowserHost, type BrowserHost } from '../../src/main/browserHost/browserHost';

let work: string;
let host: BrowserHost;
let port: number;
let token: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'thor-host-'));
  const rendererDir = join(work, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Thor</title>\n');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};\n');
  host = await startBrowserHost({ dataDir: join(work, 'data'), rendererDir, log: () => {} });
  const url = new URL(host.url);
  port = Number(url.port);
  token = url.searchParams.get('token')!;
});

afterAll(async () => {
  await host?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Answer {
  readonly status: number | 'upgraded';
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One raw request to the host with the given Host header (none when null). */
function ask(options: { host: string | null; method?: string; path: string; upgrade?: boolean }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.host !== null) headers['Host'] = options.host;
    if (options.upgrade) {
      Object.assign(headers, {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      });
    }
    const req = request({
      host: '127.0.0.1',
      port,
      method: options.method ?? 'GET',
      path: options.path,
      headers,
      setHost: false,
      agent: false,
    });
    req.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve({ status: 'upgraded', headers: {}, body: '' });
    });
    req.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const PATHS = ['/', '/index.html', '/assets/app.js', '/missing.js', '/favicon.ico', '/../../etc/passwd', '/thor'];
const FOREIGN = [
  'evil.example',
  'evil.example:PORT',
  '127.0.0.1.evil.example:PORT',
  '127.0.0.1',
  'localhost',
  '127.0.0.1:1',
  'localhost:1',
  '[::1]:PORT',
  '0.0.0.0:PORT',
  '127.0.0.2:PORT',
  'localhost.:PORT',
  '',
];

describe("the browser host's Host check", () => {
  it('answers its own two names with the port', async () => {
    for (const own of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await ask({ host: own, path: '/' })).status, own).toBe(200);
      expect((await ask({ host: own, path: '/assets/app.js' })).body).toBe('export {};\n');
      expect((await ask({ host: own, path: `/thor?token=${token}`, upgrade: true })).status, own).toBe('upgraded');
    }
  });

  it('refuses every request that names another host, or none', async () => {
    const hosts = [...FOREIGN.map((name) => name.replace('PORT', String(port))), null];
    for (const name of hosts) {
      for (const method of ['GET', 'HEAD', 'POST']) {
        for (const path of PATHS) {
          const answer = await ask({ host: name, method, path });
          const what = `${method} ${path} Host ${JSON.stringify(name)}`;
          // A request without Host is refused by Node's own parser (400) before it reaches the host.
          expect(answer.status, what).toBe(name === null ? 400 : 403);
          expect(answer.body, what).not.toContain('Thor');
          expect(answer.body, what).not.toContain('export');
        }
      }
      // The socket, even with the right token.
      const upgrade = await ask({ host: name, path: `/thor?token=${token}`, upgrade: true });
      expect(upgrade.status, `upgrade with Host ${JSON.stringify(name)}`).toBe(403);
    }
  });

  it('names only 127.0.0.1:PORT and localhost:PORT as its own', () => {
    expect(isOwnHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isOwnHost('localhost:4000', 4000)).toBe(true);
    expect(isOwnHost('LocalHost:4000', 4000)).toBe(true);
    for (const name of ['127.0.0.1:40000', '127.0.0.1', 'localhost', 'evil:4000', 'x.localhost:4000', ' 127.0.0.1:4000']) {
      expect(isOwnHost(name, 4000), name).toBe(false);
    }
    expect(isOwnHost(undefined, 4000)).toBe(false);
    expect(isOwnHost('127.0.0.1:0', 0)).toBe(false);
  });
});
