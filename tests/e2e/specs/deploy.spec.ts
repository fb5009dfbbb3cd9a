// The release builds served by Debian's nginx with deploy/nginx.conf (tests/e2e/nginx.mjs): the
// root build at / and the build for /oauth-console/ on one host, 127.0.0.1:8088. Sign-in both
// ways, deep links, reloads and the back button under each, every response's headers against the
// build's _headers and the README's caching rules, and the two copies kept apart.
import { readFileSync, readdirSync } from 'node:fs';
import { test, expect, ORG, APP, SANDBOX_CALLBACK, apiToken } from './fixtures';
import type { Page } from '@playwright/test';

const HOST = 'http://127.0.0.1:8088';
// The sandbox org's own callback route, below the app's address.
const ROUTE = SANDBOX_CALLBACK.slice(`${APP}/`.length);
const CLIENT = 'c0ffee00-0000-4000-8000-000000000003'; // "CRM Embeddable Framework", seeded
const builds = [
  { base: '/', folder: '../../dist' },
  { base: '/oauth-console/', folder: '../../target/www/oauth-console' },
];

test.beforeEach(({ watch }) => {
  watch.allowed.push(HOST);
});

/** Signs in from the sign-in screen shown at `at` and waits to be back in the app. */
async function signInAt(page: Page, at: string, method: 'PKCE' | 'Implicit') {
  await page.goto(HOST + at);
  if (method === 'Implicit') await page.getByLabel('Implicit grant').check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:8787\/oauth\/authorize/);
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.locator('#header-user')).toHaveText('Ana Admin');
}

/** The headers every answer carries, as the build's _headers lists them. */
function buildHeaders(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(`${folder}/_headers`, 'utf8').split('\n')) {
    const m = line.match(/^\s+([A-Za-z-]+):\s*(.+)$/);
    if (m) out[m[1].toLowerCase()] = m[2];
  }
  return out;
}

for (const { base, folder } of builds) {
  test.describe(`nginx, the build for ${base}`, () => {
    for (const method of ['PKCE', 'Implicit'] as const) {
      test(`signs in with ${method}, lists the clients, reloads a client's page and goes back`, async ({ page }) => {
        await page.goto(HOST + base);
        // The exact redirect URI to register, base included.
        await expect(page.locator('#redirect-uri')).toHaveText(`${HOST}${base}${ROUTE}`);
        await signInAt(page, base, method);
        await expect(page).toHaveURL(HOST + base);
        await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();

        await page.getByRole('link', { name: 'OAuth clients', exact: true }).click();
        await expect(page).toHaveURL(`${HOST}${base}clients`);
        await page.getByRole('link', { name: 'CRM Embeddable Framework' }).click();
        await expect(page).toHaveURL(`${HOST}${base}clients/${CLIENT}`);
        await expect(page.getByRole('heading', { name: 'CRM Embeddable Framework' })).toBeVisible();

        await page.reload();
        await expect(page.getByRole('heading', { name: 'CRM Embeddable Framework' })).toBeVisible();
        await expect(page.locator('#header-user')).toHaveText('Ana Admin');
        await page.goBack();
        await expect(page).toHaveURL(`${HOST}${base}clients`);
        await expect(page.getByRole('link', { name: 'CRM Embeddable Framework' })).toBeVisible();
        await page.goForward();
        await expect(page.getByRole('heading', { name: 'CRM Embeddable Framework' })).toBeVisible();

        // Signing out comes back to the app's own address, base included.
        await page.getByRole('button', { name: 'Sign out' }).click();
        await expect(page).toHaveURL(HOST + base);
        await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
      });
    }

    test('a deep link opened signed out comes back there after sign-in', async ({ page }) => {
      await page.goto(`${HOST}${base}clients/${CLIENT}`);
      await expect(page.getByRole('heading', { name: 'Sign in to Genesys Cloud' })).toBeVisible();
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
      await expect(page).toHaveURL(`${HOST}${base}clients/${CLIENT}`);
      await expect(page.getByRole('heading', { name: 'CRM Embeddable Framework' })).toBeVisible();
    });

    test('every answer carries the documented headers and caching', async ({ request }) => {
      const documented = buildHeaders(folder);
      expect(Object.keys(documented).sort()).toEqual(['content-security-policy', 'permissions-policy', 'referrer-policy', 'strict-transport-security', 'x-content-type-options']);
      const index = readFileSync(`${folder}/index.html`, 'utf8');
      const asset = (ext: string) => index.match(new RegExp(`href="(${base}[^"]+\\.${ext})"`))![1];
      const NO_CACHE = 'no-cache';
      const IMMUTABLE = 'public, max-age=31536000, immutable';
      const cases: [string, number, string | null, RegExp][] = [
        [base, 200, NO_CACHE, /^text\/html/],
        [`${base}index.html`, 200, NO_CACHE, /^text\/html/],
        [`${base}clients/${CLIENT}`, 200, NO_CACHE, /^text\/html/],
        [`${base}clients/${CLIENT}/edit`, 200, NO_CACHE, /^text\/html/],
        [`${base}tester`, 200, NO_CACHE, /^text\/html/],
        // The callback route of a custom login host (its name has dots) is a page too.
        [`${base}callback/login.example.com`, 200, NO_CACHE, /^text\/html/],
        [asset('js'), 200, IMMUTABLE, /javascript/],
        [asset('wasm'), 200, IMMUTABLE, /^application\/wasm$/],
        [asset('css'), 200, IMMUTABLE, /^text\/css/],
        // Build files that are not for the browser, and a file that is not there: never the page.
        [`${base}_headers`, 404, null, /.*/],
        [`${base}nginx.conf`, 404, null, /.*/],
        [`${base}missing-0123456789abcdef.js`, 404, null, /.*/],
      ];
      for (const [path, status, cache, type] of cases) {
        const r = await request.get(HOST + path, { maxRedirects: 0 });
        expect(r.status(), path).toBe(status);
        const h = r.headers();
        for (const [k, v] of Object.entries(documented)) expect(h[k], `${k} of ${path}`).toBe(v);
        if (status === 200) {
          expect(h['cache-control'], `Cache-Control of ${path}`).toBe(cache);
          expect(h['content-type'], `Content-Type of ${path}`).toMatch(type);
        } else {
          expect(await r.text(), path).not.toContain('<base href');
        }
      }
      // The page at a deep link is the build's own index.html (the single-page fallback).
      expect(await (await request.get(`${HOST}${base}clients/${CLIENT}`)).text()).toBe(index);
      if (base !== '/') {
        // The sub-path without its slash: to the app, query kept, on whatever scheme it came.
        const bare = await request.get(`${HOST}${base.slice(0, -1)}?x=1`, { maxRedirects: 0 });
        expect(bare.status()).toBe(301);
        expect(bare.headers()['location']).toBe(`${base}?x=1`);
        for (const [k, v] of Object.entries(documented)) expect(bare.headers()[k], k).toBe(v);
      }
    });

    test('every file is served precompressed: brotli to a browser that takes it, else gzip, else as it is', async ({ request }) => {
      const files = readdirSync(folder).filter((f) => /\.(html|js|wasm|css)$/.test(f));
      // The first module, its loader, every screen's part and the chunks they share.
      expect(files.filter((f) => /^split_[a-z_]+-[0-9a-f]{16}\.wasm$/.test(f)).length).toBeGreaterThanOrEqual(7);
      expect(files.some((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f))).toBe(true);
      const cases: [string, string | undefined][] = [['br, gzip, deflate', 'br'], ['gzip, deflate', 'gzip'], ['identity', undefined]];
      for (const file of files) {
        const bytes = readFileSync(`${folder}/${file}`);
        const path = file === 'index.html' ? base : base + file;
        for (const [accept, encoding] of cases) {
          const r = await request.get(HOST + path, { headers: { 'Accept-Encoding': accept } });
          expect(r.status(), `${path} (${accept})`).toBe(200);
          expect(r.headers()['content-encoding'], `Content-Encoding of ${path} for ${accept}`).toBe(encoding);
          if (encoding) expect(r.headers()['vary'], `Vary of ${path}`).toMatch(/Accept-Encoding/i);
          // What the browser decodes is the file itself.
          expect(Buffer.compare(await r.body(), bytes), `${path} for ${accept}`).toBe(0);
        }
      }
    });
  });
}

test('the root and the sub-path copies on one host keep their own session', async ({ page, request }) => {
  await request.post(`${ORG}/sandbox/reset`);
  await signInAt(page, '/', 'PKCE');
  const rootKeys = await page.evaluate(() => Object.keys(sessionStorage).sort());
  expect(rootKeys.length).toBeGreaterThan(0);
  expect(rootKeys.every((k) => k.startsWith('oauth-console.'))).toBe(true);

  // The sub-path copy in the same tab does not read the root's session.
  await page.goto(`${HOST}/oauth-console/`);
  await expect(page.getByRole('heading', { name: 'Sign in to Genesys Cloud' })).toBeVisible();
  await signInAt(page, '/oauth-console/', 'Implicit');
  const subKeys = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => !k.startsWith('oauth-console.')).sort());
  expect(subKeys.length).toBeGreaterThan(0);
  expect(subKeys.every((k) => k.startsWith('oauth-console/oauth-console/.'))).toBe(true);

  // Signing out of the sub-path copy leaves the root's session as it was.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await page.goto(`${HOST}/clients`);
  await expect(page.locator('#header-user')).toHaveText('Ana Admin');
  await expect(page.locator('#client-count')).toContainText('clients');
});

test('under the sub-path: a Tester run comes back to the Tester, and a delete ends on the list with its notice', async ({ page, request }) => {
  await page.goto(`${HOST}/oauth-console/tester`);
  await expect(page.getByRole('heading', { name: 'Login tester' })).toBeVisible();
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('button', { name: 'Sign in as Dev Developer' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');
  expect(page.url()).toBe(`${HOST}/oauth-console/tester`);

  const made = await (await request.post(`${ORG}/api/v2/oauth/clients`, {
    headers: { Authorization: `Bearer ${await apiToken(request)}` },
    data: { name: 'Sub-path ETL', authorizedGrantType: 'CLIENT-CREDENTIALS', accessTokenValiditySeconds: 3600, state: 'inactive',
      roleDivisions: [{ roleId: 'b6b1e1a0-0000-4000-8000-000000000002', divisionId: '*' }] },
  })).json();
  await page.goto(`${HOST}/oauth-console/clients/${made.id}`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Sub-path ETL' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByLabel('Type “Sub-path ETL” to confirm').fill('Sub-path ETL');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete client' }).click();
  await expect(page).toHaveURL(`${HOST}/oauth-console/clients`);
  await expect(page.getByText('Deleted “Sub-path ETL”.')).toBeVisible();
});
