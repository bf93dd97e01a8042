// The app's page over its own scheme, thor://app/, instead of file://: each request maps to one file of the built
// renderer (nothing outside it, no listings, GET and HEAD only), answered with the content security policy as a
// header. Pure Node (no electron), so the tests run it: index.ts registers the scheme and hands requests here.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { contentSecurityPolicy } from '../../shared/contentSecurity';
import { contentTypeOf } from '../../shared/contentTypes';

export const RENDERER_SCHEME = 'thor';
export const RENDERER_HOST = 'app';
/** The page the window loads. */
export const RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/**
 * The file of the built renderer a thor://app/ address names, or null when it names none: another scheme or host,
 * an undecodable or NUL path, or a path that leaves the folder (`..`, `%2e%2e`, `%5c..` on Windows, a drive).
 * `/` and a folder's `/` are its index.html.
 */
export function rendererFile(rendererDir: string, address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  // Chromium lowercases a standard scheme's host; Node's URL does not for a scheme it does not know.
  if (url.protocol !== `${RENDERER_SCHEME}:` || url.host.toLowerCase() !== RENDERER_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || !path.startsWith('/')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

/** Whether a frame's address is the app's page (the only page IPC answers). */
export function isRendererPage(address: string): boolean {
  try {
    const url = new URL(address);
    return url.protocol === `${RENDERER_SCHEME}:` && url.host.toLowerCase() === RENDERER_HOST && url.pathname === '/index.html';
  } catch {
    return false;
  }
}

/** The headers every answer carries: the policy, no sniffing, no referrer, nothing cached across versions. */
export function rendererHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** Answers one request of the page (protocol.handle's handler): the file, or 404/405 with the same headers. */
export async function serveRenderer(rendererDir: string, request: Request): Promise<Response> {
  const refuse = (status: number) => new Response(`${status}\n`, { status, headers: rendererHeaders('text/plain; charset=utf-8') });
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
  const file = rendererFile(rendererDir, request.url);
  if (file === null) return refuse(404);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return refuse(404);
  }
  const headers = rendererHeaders(contentTypeOf(file));
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
