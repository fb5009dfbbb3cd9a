import { test, expect, ORG, APP, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const IMPLICIT = '5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01';
const PKCE = '5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02';
const EF = 'c0ffee00-0000-4000-8000-000000000003';

async function setUp(page: Page, opts: { method?: 'PKCE' | 'Implicit'; popup?: boolean; clientId?: string; redirect?: string } = {}) {
  await page.goto('/tester');
  await expect(page.getByRole('heading', { name: 'Login tester' })).toBeVisible();
  if (opts.method === 'Implicit') await page.getByLabel('Implicit grant').check();
  if (opts.popup) await page.getByLabel(/^Popup/).check();
  if (opts.clientId) await page.getByLabel('Client id').fill(opts.clientId);
  if (opts.redirect) await page.getByLabel('Redirect URI').fill(opts.redirect);
}

async function expectAllPass(page: Page) {
  const checks = page.locator('#tester-checks li');
  await expect(checks).toHaveCount(7);
  await expect(page.locator('#tester-checks li.pass')).toHaveCount(7);
}

for (const method of ['PKCE', 'Implicit'] as const) {
  test(`${method} run by redirect: signed in, every check passes`, async ({ page }) => {
    await setUp(page, { method });
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('button', { name: 'Sign in as Dev Developer' }).click();
    await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');
    expect(page.url()).toBe(`${APP}/tester`);
    // Back from the login page, the reader is taken to the result.
    await expect(page.locator('#tester-outcome')).toBeFocused();
    await expect(page.locator('#tester-outcome')).toBeInViewport();
    await page.screenshot({ path: `test-results/tester-after-a-redirect-run-${method}.png` });
    // A run that came back with its response is not said to have come back without one.
    await expect(page.locator('#tester-came-back')).toHaveCount(0);
    await expectAllPass(page);
    await expect(page.locator('#tester-who')).toContainText('Dev Developer <dev@sandbox.example>');
    await expect(page.locator('#tester-who')).toContainText(method === 'PKCE' ? 'Code Authorization' : 'Token Implicit Grant (Browser)');
    await expect(page.locator('#tester-countdown')).toHaveText(/Token expires in 2[34]:\d\d:\d\d/);
    await expect(page.locator('#tester-token')).toHaveText(/^•+$/);
    await expect(page.locator('#tester-curl')).toContainText('Bearer $TOKEN');
    await page.getByRole('button', { name: 'Reveal the token' }).click();
    const token = (await page.locator('#tester-token').textContent())!;
    expect(token.length).toBeGreaterThan(20);
    await expect(page.locator('#tester-curl')).toContainText(`Bearer ${token}`);
  });

  test(`${method} run in a popup`, async ({ page }) => {
    await setUp(page, { method, popup: true });
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Start run' }).click();
    const popup = await popupOpened;
    // The popup closes itself as soon as it has handed the answer over: listen before it can.
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
    await closed;
    await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');
    await expectAllPass(page);
    await expect(page.locator('#tester-who')).toContainText('Ana Admin');
    await expect(page.locator('#tester-history')).toContainText('Popup');
  });
}

test('deny: the advice says the sign-in was declined', async ({ page }) => {
  await setUp(page, { method: 'Implicit' });
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Failed: Sign-in declined');
  await expect(page.locator('#tester-advice')).toContainText('Fix:');
  await expect(page.locator('#tester-fields')).toContainText('access_denied');
});

test('unknown client: no redirect back, the hint, then the popup closed', async ({ page }) => {
  await setUp(page, { clientId: 'not-a-client' });
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByRole('heading', { name: 'Unknown client' })).toBeVisible();
  expect(page.url()).toContain(`${ORG}/oauth/authorize`);
  await page.goBack();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Waiting for the login page…');
  await expect(page.locator('#tester-result')).toContainText('registered for it exactly');
  // Back without a response: said so, with a way out of the wait.
  const back = page.locator('#tester-came-back');
  await expect(back).toContainText('Run 1 came back without a response.');
  await back.getByRole('button', { name: 'Cancel the run' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Failed: The login page did not send the browser back');
  await expect(back).toHaveCount(0);

  await page.getByLabel(/^Popup/).check();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Start run' }).click();
  const popup = await popupOpened;
  await expect(popup.getByRole('heading', { name: 'Unknown client' })).toBeVisible();
  await popup.close();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 2: Failed: The popup was closed before the sign-in finished');
  await expect(page.locator('#tester-advice')).toContainText('read it before closing');
});

test('wrong grant type for the method is named', async ({ page }) => {
  await setUp(page, { method: 'PKCE', clientId: IMPLICIT });
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByRole('heading', { name: 'Wrong grant type for this client' })).toBeVisible();
});

test('a tampered state fails the run; a replayed response is refused', async ({ page }) => {
  await setUp(page, { method: 'Implicit' });
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.locator('input[name=state]').evaluate((el: HTMLInputElement) => (el.value = 'forged'));
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Failed: State mismatch');
  await expect(page.locator('#tester-checks li').first()).toHaveClass('fail');

  await page.getByRole('button', { name: 'Start run' }).click();
  const decision = page.waitForResponse((r) => r.url() === `${ORG}/oauth/authorize` && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  const callback = (await decision).headers()['location'];
  await expect(page.locator('#tester-outcome')).toHaveText('Run 2: Signed in');
  await page.goto(callback);
  await expect(page.locator('#tester-outcome')).toHaveText('Run 3: Failed: State reused');
});

test('pasted address: a redirect to another app is checked the same way', async ({ page, watch }) => {
  watch.allowed.push('https://apps.mypurecloud.com/');
  await page.route('https://apps.mypurecloud.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>CRM</title><p>Embedded app</p>' }),
  );
  await setUp(page, { method: 'Implicit', clientId: EF, redirect: 'https://apps.mypurecloud.com/crm/index.html' });
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page).toHaveURL(/^https:\/\/apps\.mypurecloud\.com\/crm\/index\.html#access_token=/);
  const landed = page.url();
  await page.goto('/tester');
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Waiting for the login page…');
  await page.getByLabel('Landed somewhere else? Paste the address').fill(landed);
  await page.getByRole('button', { name: 'Check this address' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');
  await expect(page.locator('#tester-who')).toContainText('CRM Embeddable Framework');
  const checks = page.locator('#tester-checks li');
  await expect(checks.filter({ hasText: 'Callback removed from the address' })).toHaveClass('skip');
  await expect(checks.filter({ hasText: 'Endpoints over https' })).toHaveClass('pass');
  await expect(checks.filter({ hasText: 'State sent and matched' })).toHaveClass('pass');
});

test('export: the runs as JSON, with no token in the file', async ({ page }) => {
  await setUp(page, { method: 'Implicit' });
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');
  await page.getByRole('button', { name: 'Reveal the token' }).click();
  const token = (await page.locator('#tester-token').textContent())!;
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export runs as JSON (tokens redacted)' }).click();
  const file = readFileSync(await (await downloading).path(), 'utf8');
  const json = JSON.parse(file);
  expect(json.oauthConsoleRuns).toHaveLength(1);
  expect(json.oauthConsoleRuns[0].outcome).toBe('SignedIn');
  expect(json.oauthConsoleRuns[0].callback).toContain('access_token=[redacted]');
  expect(file).not.toContain(token);
  // Nor anywhere in storage.
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).not.toContain(token);
});

test('a blocked popup says so', async ({ page }) => {
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await setUp(page, { popup: true });
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Failed: The browser blocked the popup');
  await expect(page.locator('#tester-advice')).toContainText('redirect mode');
  // The trace breaks where it broke: the authorize request never left.
  await expect(page.locator('#tester-steps > li').first()).toHaveClass('failed');
  await expect(page.locator('#tester-steps > li').first()).toContainText('the authorize request was never sent');
  await expect(page.locator('#tester-steps > li.not-reached')).toHaveCount(5);
});

test('implicit shows the retirement and offers PKCE', async ({ page }) => {
  await setUp(page, { method: 'Implicit' });
  await expect(page.locator('#tester-implicit-note')).toContainText('March 2027');
  await page.getByRole('button', { name: 'Try with PKCE' }).click();
  await expect(page.getByLabel('Authorization code with PKCE')).toBeChecked();
  await expect(page.getByLabel('Client id')).toHaveValue(PKCE);
});

test('mix-up: an "OAuth server" that bounces to Genesys never gets the code', async ({ page, watch }) => {
  // The evil server: its authorize sends the browser on to the sandbox org's login with the
  // state and challenge it received and the console's own client id; its token URL counts visits.
  const { createServer } = await import('node:http');
  const tokenHits: string[] = [];
  const evil = createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    if (url.pathname === '/authorize') {
      const q = new URLSearchParams({
        client_id: PKCE,
        redirect_uri: `${APP}/`,
        response_type: 'code',
        state: url.searchParams.get('state')!,
        code_challenge: url.searchParams.get('code_challenge')!,
        code_challenge_method: 'S256',
      });
      res.writeHead(302, { Location: `${ORG}/oauth/authorize?${q}` }).end();
    } else {
      tokenHits.push(`${req.method} ${url.pathname}`);
      res.writeHead(400, { 'Access-Control-Allow-Origin': '*' }).end('{}');
    }
  });
  await new Promise<void>((ok) => evil.listen(8799, '127.0.0.1', ok));
  const EVIL = 'http://127.0.0.1:8799';
  watch.allowed.push(EVIL);
  try {
    await page.goto('/tester');
    await page.getByLabel('Environment').selectOption('server');
    await page.getByLabel('Authorization endpoint').fill(`${EVIL}/authorize`);
    await page.getByLabel('Token endpoint').fill(`${EVIL}/token`);
    await expect(page.getByLabel('Redirect URI')).toHaveValue(new RegExp(`^${APP}/callback/[0-9a-f]{12}$`));
    await page.getByLabel('Client id').fill('any-client');
    await page.getByRole('button', { name: 'Start run' }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:8787\/oauth\/authorize/);
    await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
    await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Failed: Mix-up refused');
    await expect(page.locator('#tester-advice')).toContainText('another server');
    expect(tokenHits, 'the evil token URL never saw the code').toEqual([]);
  } finally {
    await new Promise((ok) => evil.close(ok));
  }
});

test('switching the method keeps a client id the developer typed', async ({ page }) => {
  await setUp(page);
  await expect(page.getByLabel('Client id')).toHaveValue(PKCE);
  await page.getByLabel('Implicit grant').check();
  await expect(page.getByLabel('Client id')).toHaveValue(IMPLICIT);
  await page.getByLabel('Client id').fill('my-own-client');
  await page.getByLabel('Authorization code with PKCE').check();
  await expect(page.getByLabel('Client id')).toHaveValue('my-own-client');
  await page.getByLabel('Implicit grant').check();
  await page.getByRole('button', { name: 'Try with PKCE' }).click();
  await expect(page.getByLabel('Client id')).toHaveValue('my-own-client');
});

test('the implicit retirement note is for Genesys environments only', async ({ page }) => {
  await setUp(page, { method: 'Implicit' });
  await expect(page.locator('#tester-implicit-note')).toContainText('March 2027');
  await page.getByLabel('Environment').selectOption('region:eu-west-1');
  await expect(page.locator('#tester-implicit-note')).toContainText('March 2027');
  await page.getByLabel('Environment').selectOption('server');
  await page.getByLabel('Authorization endpoint').fill('https://auth.example.com/oauth2/authorize');
  await page.getByLabel('Token endpoint').fill('https://auth.example.com/oauth2/token');
  await expect(page.locator('#tester-implicit-note')).toHaveCount(0);
  await expect(page.getByLabel('Implicit grant')).toBeChecked();
  // Genesys Cloud's own login host entered as "any server" is Genesys Cloud.
  await page.getByLabel('Authorization endpoint').fill('https://login.mypurecloud.com/oauth/authorize');
  await expect(page.locator('#tester-implicit-note')).toContainText('March 2027');
});

test("a run's Genesys Cloud token is revoked when the runs are cleared, and at sign-out", async ({ page, request }) => {
  const accepted = async (token: string) =>
    (await request.get(`${ORG}/api/v2/tokens/me`, { headers: { Authorization: `Bearer ${token}` } })).status();
  const run = async (n: number) => {
    await setUp(page);
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('button', { name: 'Sign in as Dev Developer' }).click();
    await expect(page.locator('#tester-outcome')).toHaveText(`Run ${n}: Signed in`);
    await page.getByRole('button', { name: 'Reveal the token' }).click();
    const token = (await page.locator('#tester-token').textContent())!;
    expect(await accepted(token)).toBe(200);
    return token;
  };
  const first = await run(1);
  await page.getByRole('button', { name: /^Clear runs/ }).click();
  await expect(page.locator('#tester-history')).toHaveCount(0);
  await expect.poll(() => accepted(first)).toBe(401);

  // Signed in as an admin, a run's token goes with the sign-out.
  await signIn(page, 'PKCE');
  const second = await run(1);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  expect(await accepted(second)).toBe(401);
});

test("before a run: what the signed-in admin's org knows of the client", async ({ page }) => {
  await signIn(page, 'PKCE');
  await page.goto('/tester');
  const view = page.locator('#tester-org-view');
  await page.getByLabel('Client id').fill(PKCE);
  await expect(view).toHaveText('Sandbox Org knows this client: its redirect URI, grant and state suit this run.');
  await page.getByLabel('Implicit grant').check();
  await page.getByLabel('Client id').fill(PKCE);
  await expect(view).toContainText('Sandbox Org says, before the run:');
  await expect(view).toContainText('Grant type: The client\'s grant is Code Authorization; Implicit');
  await page.getByLabel(/^Authorization code with PKCE/).check();
  // A disabled client whose redirect URIs are its app's.
  await page.getByLabel('Client id').fill('c0ffee00-0000-4000-8000-000000000008');
  await expect(view).toContainText('State: The client is disabled');
  await expect(view).toContainText(/Redirect URI: \S+ is not registered/);
  await expect(view.getByRole('link', { name: 'Open the client' })).toHaveAttribute('href', '/clients/c0ffee00-0000-4000-8000-000000000008');
  // An id the org does not hold.
  await page.getByLabel('Client id').fill('c0ffee00-0000-4000-8000-0000000000ff');
  await expect(view).toContainText('Client: This org has no OAuth client with the id c0ffee00-0000-4000-8000-0000000000ff');
});
