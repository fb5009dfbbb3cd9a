import { defineConfig } from '@playwright/test';
import { nginx, otherServer, OTHER_SERVER, sandboxOrg, secondOrg, staticHost } from './servers';

// The release build (dist/, served with its production headers) and the sandbox org, both on
// the addresses the sandbox org's console clients are registered for; the deploy project runs
// the same builds (the root one and the one for /oauth-console/) behind nginx.
// The release project checks the build an org deploys (target/release-dist, without the sandbox org).
// E2E_DEPLOY=0 leaves the deploy and release projects (and nginx) out: a single spec, or the bench's chaos run.
const deploy = process.env.E2E_DEPLOY !== '0';

export default defineConfig({
  testDir: './specs',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:8080',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'app', testIgnore: /(deploy|release)\.spec\.ts/ },
    ...(deploy ? [{ name: 'deploy', testMatch: /deploy\.spec\.ts/ }, { name: 'release', testMatch: /release\.spec\.ts/ }] : []),
  ],
  webServer: [
    sandboxOrg,
    secondOrg,
    otherServer,
    staticHost('../../dist', 8080, '/', OTHER_SERVER),
    ...(deploy ? [nginx, staticHost('../../target/release-dist', 8090)] : []),
  ],
});
