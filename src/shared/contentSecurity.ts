// The content security policy of the app's page, sent as a header by both hosts: the Electron shell (thor://app/) and
// the browser host (http://127.0.0.1, which adds its own socket to connect-src). index.html carries the same policy
// in a meta tag, without frame-ancestors (browsers ignore it there). No electron, nothing from src/main.

const BASE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** The policy; `connect` lists the extra addresses the page may open sockets to (the browser host's). */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [...BASE_POLICY, ...(connect.length > 0 ? [`connect-src 'self' ${connect.join(' ')}`] : [])].join('; ');
}
