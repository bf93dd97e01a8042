// End-to-end tests of the real renderer over the real Terminal: `chromium` serves the built app from the browser
// host (src/main/browserHost) to a headless Chromium; `electron` launches the built Electron app (skipped where
// the Electron binary was never downloaded). Each test gets a fresh data folder (test/e2e/fixtures.ts).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import type { ThorWorkerOptions } from './test/e2e/fixtures';

// Debian's Chromium here (never `npx playwright install`); Playwright's own build elsewhere, or THOR_CHROMIUM.
const chromium = process.env['THOR_CHROMIUM'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig<ThorWorkerOptions>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // test-results/ is emptied at each run; the global setup makes test-results/screens/ for the specs' screenshots.
  globalSetup: './test/e2e/globalSetup.ts',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        appHost: 'browser',
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          ...(chromium ? { executablePath: chromium } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    {
      name: 'electron',
      use: { appHost: 'electron' },
    },
  ],
});
