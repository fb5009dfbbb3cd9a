import { defineConfig } from '@playwright/test';
import { sandboxOrg, staticHost } from './servers';

// `make bench`, in the browser: the release build (dist/), the sandbox org, and the bench's own
// pages (target/bench/pages: a static page and the vendor SDK's implicit page), each on its
// address. Every figure is measured in fresh Chromium instances by bench/browser.bench.ts.
export default defineConfig({
  testDir: './bench',
  testMatch: '*.bench.ts',
  workers: 1,
  retries: 0,
  timeout: 15 * 60_000,
  reporter: [['list']],
  webServer: [sandboxOrg, staticHost('../../dist', 8080), staticHost('../../target/bench/pages', 8090, '/static.html')],
});
