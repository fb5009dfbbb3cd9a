import { defineConfig } from '@playwright/test';

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
  webServer: [
    {
      command: '../../target/debug/sandbox-org --port 8787',
      url: 'http://127.0.0.1:8787/sandbox/health',
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      command: 'node serve-dist.mjs ../../dist 8080',
      url: 'http://127.0.0.1:8080/',
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      command: 'node serve-dist.mjs ../../target/bench/pages 8090',
      url: 'http://127.0.0.1:8090/static.html',
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ],
});
