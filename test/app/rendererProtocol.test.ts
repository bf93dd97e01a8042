// The page's scheme under plain Node: which file a thor://app/ address names (never one outside the built renderer),
// the answers protocol.handle gives (the file or a refusal, each with the content security policy), and the policy
// itself, the same in the header and in index.html's meta tag.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRendererPage, RENDERER_URL, rendererFile, serveRenderer } from '../../src/main/app/rendererProtocol';
import { contentSecurityPolicy } from '../../src/shared/contentSecurity';

const ROOT = join(__dirname, '../..');
let work: string;
let renderer: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'thor-protocol-'));
  renderer = join(work, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Thor</title>\n');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'export {};\n');
  writeFileSync(join(work, 'secret.txt'), 'outside the renderer\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const directives = (policy: string) => new Map(policy.split(';').map((part) => {
  const [name, ...values] = part.trim().split(/\s+/);
  return [name!, values.join(' ')] as const;
}));

describe('thor://app addresses', () => {
  it('name the files of the built renderer', () => {
    expect(RENDERER_URL).toBe('thor://app/index.html');
    expect(rendererFile(renderer, 'thor://app/index.html')).toBe(join(renderer, 'index.html'));
    expect(rendererFile(renderer, 'thor://app/')).toBe(join(renderer, 'index.html'));
    expect(rendererFile(renderer, 'thor://app/assets/index-abc.js?v=1#x')).toBe(join(renderer, 'assets', 'index-abc.js'));
    expect(rendererFile(renderer, 'thor://APP/assets/index-abc.js')).toBe(join(renderer, 'assets', 'index-abc.js'));
  });

  it('never name a file outside it, another host or another scheme', () => {
    for (const address of [
      'thor://app/../secret.txt',
      'thor://app/assets/../../secret.txt',
      'thor://app/%2e%2e/secret.txt',
      'thor://app/%2E%2E%2Fsecret.txt',
      'thor://app/..%2fsecret.txt',
      'thor://app/index.html%00.js',
      'thor://app/%E0%A4%A',
      'thor://evil/index.html',
      'thor://app.evil/index.html',
      'thor:///index.html',
      'file:///etc/passwd',
      'https://app/index.html',
      'not a url',
    ]) {
      const file = rendererFile(renderer, address);
      // The URL parser folds %2e%2e into a ".." segment at the root, which stays inside: a name inside is fine (it is
      // then simply missing); one outside never.
      if (file !== null) expect(file.startsWith(join(renderer, '/')), address).toBe(true);
    }
    expect(rendererFile(renderer, 'thor://app/%2e%2e/secret.txt')).toBe(join(renderer, 'secret.txt'));
    expect(rendererFile(renderer, 'thor://app/..%2fsecret.txt')).toBeNull();
    expect(rendererFile(renderer, 'thor://evil/index.html')).toBeNull();
    expect(rendererFile(renderer, 'file:///etc/passwd')).toBeNull();
    expect(rendererFile(renderer, 'thor://app/index.html%00.js')).toBeNull();
    expect(rendererFile(renderer, 'thor://app/%E0%A4%A')).toBeNull();
  });

  it('the page IPC answers is thor://app/index.html only', () => {
    expect(isRendererPage('thor://app/index.html')).toBe(true);
    expect(isRendererPage('thor://app/index.html#orders')).toBe(true);
    for (const address of ['thor://app/other.html', 'thor://evil/index.html', 'file:///C:/app/out/renderer/index.html', 'http://127.0.0.1/index.html', '', 'about:blank']) {
      expect(isRendererPage(address), address).toBe(false);
    }
  });
});

describe("the scheme's answers", () => {
  it('serve a file with its type and the policy as a header', async () => {
    const page = await serveRenderer(renderer, new Request('thor://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Thor</title>');
    const script = await serveRenderer(renderer, new Request('thor://app/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export {};\n');
  });

  it('answer HEAD without a body, refuse other methods, missing files and files outside, all with the policy', async () => {
    const head = await serveRenderer(renderer, new Request('thor://app/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const answers = [
      [await serveRenderer(renderer, new Request('thor://app/index.html', { method: 'POST', body: 'x' })), 405],
      [await serveRenderer(renderer, new Request('thor://app/missing.js')), 404],
      [await serveRenderer(renderer, new Request('thor://app/assets')), 404],
      [await serveRenderer(renderer, new Request('thor://app/%2e%2e/secret.txt')), 404],
      [await serveRenderer(renderer, new Request('thor://evil/index.html')), 404],
    ] as const;
    for (const [answer, status] of answers) {
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
      expect(await answer.text()).not.toContain('outside the renderer');
    }
  });
});

describe('the content security policy', () => {
  it('allows the app its own files and nothing else', () => {
    const policy = directives(contentSecurityPolicy());
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'", // React's style props and lightweight-charts set inline styles
      'img-src': "'self' data:",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    // The browser host adds its own socket, and only that.
    expect(directives(contentSecurityPolicy(['ws://127.0.0.1:4000'])).get('connect-src')).toBe("'self' ws://127.0.0.1:4000");
  });

  it("is in index.html's meta tag too, without frame-ancestors (ignored in a meta tag)", () => {
    const html = readFileSync(join(ROOT, 'src', 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta).not.toBeNull();
    const header = directives(contentSecurityPolicy());
    header.delete('frame-ancestors');
    expect(Object.fromEntries(directives(meta![1]!))).toEqual(Object.fromEntries(header));
  });
});
