// `npm start` where Electron's binary cannot be had: one line says why, then the browser host serves the app on the
// practice desk over the data folder and prints the address, which opens the real trading screen.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { electronExecutable, ROOT } from './paths';

test('npm start without Electron runs the app in the browser host, on the practice desk', async ({ appHost, dataDir, hostBrowser }) => {
  test.skip(appHost !== 'browser', 'the browser host only');
  test.skip(electronExecutable() !== undefined, 'Electron is downloaded here: npm start opens it');
  const start = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--no-build', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', THOR_USER_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      start.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
        if (found) resolve(found[0]);
      });
      start.on('exit', (code) => reject(new Error(`npm start ended (${code}) before printing an address:\n${out}`)));
    });
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(
      /^npm start: Electron \S+ is not downloaded \(ELECTRON_SKIP_BINARY_DOWNLOAD is set\); starting the app in the browser host instead, on the practice desk\.$/,
    );
    const context = await hostBrowser!.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('banner-desk')).toHaveText('Practice');
    await expect(page.getByTestId('quote-row-SPY')).toBeVisible();
    await context.close();
  } finally {
    const exited = new Promise((resolve) => start.once('exit', resolve));
    if (start.exitCode === null) start.kill('SIGINT');
    await exited;
  }
});
