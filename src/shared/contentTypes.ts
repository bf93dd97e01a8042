// The Content-Type of each file the renderer's build holds, for the two ways the page is served: Electron's
// thor:// scheme (src/main/app/rendererProtocol.ts) and the browser host. Names only: it reads no file.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** `index.html` -> `text/html; charset=utf-8`; an unknown ending is served as bytes. */
export function contentTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const ending = dot > slash ? fileName.slice(dot).toLowerCase() : '';
  return CONTENT_TYPES[ending] ?? 'application/octet-stream';
}
