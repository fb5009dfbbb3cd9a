// A URL the browser reads differently from how it looks is refused where it is typed: the
// `\@` trick (the console once judged it as the host after the @, while the browser calls the
// host before the backslash, with the admin's token) reaches neither host.
import { test, expect, APP } from './fixtures';
import { OTHER_SERVER } from '../servers';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const TRICK = 'http://127.0.0.1:18666\\@127.0.0.1:18787';

/** Two listeners on the hosts the trick names, counting every request that reaches them. */
async function listeners() {
  const hits: string[] = [];
  const servers = await Promise.all([18666, 18787].map((port) => new Promise<http.Server>((resolve) => {
    const s = http.createServer((req, res) => {
      hits.push(`${port} ${req.method} ${req.url}`);
      res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
    });
    s.listen(port, '127.0.0.1', () => resolve(s));
  })));
  expect(servers.map((s) => (s.address() as AddressInfo).port)).toEqual([18666, 18787]);
  return { hits, close: () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))) };
}

test('the \\@ URL in both custom fields is refused beside each, and no request leaves', async ({ page }) => {
  const { hits, close } = await listeners();
  const sent: string[] = [];
  page.on('request', (r) => { if (/:18666|:18787/.test(r.url())) sent.push(r.url()); });
  try {
    await page.goto('/');
    await page.getByLabel('Environment').selectOption('custom');
    await page.getByLabel('Login base URL').fill(TRICK);
    await page.getByLabel('API base URL').fill(TRICK);
    for (const [label, id] of [['Login base URL', 'custom-login'], ['API base URL', 'custom-api']]) {
      await expect(page.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator(`#${id}-errors`)).toContainText(`${label} must not contain a backslash`);
    }
    await page.getByLabel('Client id').fill('5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeDisabled();
    // Enter in a field sends nothing either.
    await page.getByLabel('API base URL').press('Enter');
    await expect(page).toHaveURL('http://127.0.0.1:8080/');

    // The Tester's two endpoints, the same.
    await page.goto('/tester');
    await page.getByLabel('Environment').selectOption('server');
    await page.getByLabel('Authorization endpoint').fill(`${TRICK}/authorize`);
    await page.getByLabel('Token endpoint').fill(`${TRICK}/token`);
    await expect(page.locator('#server-authorize-errors')).toContainText('Authorization endpoint must not contain a backslash');
    await expect(page.locator('#server-token-errors')).toContainText('Token endpoint must not contain a backslash');
    await expect(page.getByRole('button', { name: 'Start run' })).toBeDisabled();
    await page.getByLabel('Token endpoint').press('Enter');
    await expect(page).toHaveURL(/\/tester$/);
    // Give any stray request time to arrive before counting.
    await page.waitForTimeout(300);
  } finally {
    await close();
  }
  expect(sent).toEqual([]);
  expect(hits).toEqual([]);
});

test('a stored environment with the \\@ URL is not loaded', async ({ page }) => {
  const remember = (env: object) => page.evaluate((e) => localStorage.setItem('oauth-console.pref.env', JSON.stringify(e)), env);
  await page.goto('/');
  // A good one is preselected…
  await remember({ custom: { login_base: 'https://login.example.com', api_base: 'https://api.example.com' } });
  await page.reload();
  await expect(page.getByLabel('Environment')).toHaveValue('custom');
  await expect(page.getByLabel('Login base URL')).toHaveValue('https://login.example.com/');
  // …the trick is not: it is read through the URL type as it loads.
  await remember({ custom: { login_base: TRICK, api_base: TRICK } });
  await page.reload();
  await expect(page.getByLabel('Environment')).toHaveValue('sandbox');
});

test('served without its headers, the page still keeps to its Content-Security-Policy', async ({ page, watch }) => {
  const { hits, close } = await listeners();
  // A host that ignores _headers: the page arrives without the header.
  await page.route('http://127.0.0.1:8080/', async (route) => {
    const r = await route.fetch();
    const headers = { ...r.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response: r, headers });
  });
  try {
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toBeUndefined();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    const blocked = await page.evaluate(async () => {
      const seen = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
      const sent = await fetch('http://127.0.0.1:18666/api/v2/users/me').then(() => 'sent', () => 'refused');
      return [sent, await seen];
    });
    expect(blocked).toEqual(['refused', 'connect-src']);
  } finally {
    await close();
  }
  expect(hits).toEqual([]);
  // The violation this test provoked is the one expected; nothing else may be.
  // (A page that Playwright fulfils counts as a public one for Chromium's local network access:
  // the console's own call to the sandbox org on loopback is refused there, not by the policy.)
  const provoked = (p: string) => p.includes('127.0.0.1:18666') || p.includes('the `loopback` address space');
  watch.problems.splice(0, watch.problems.length, ...watch.problems.filter((p) => !provoked(p)));
});

// The Tester's popup has no opener: a login page (on another site: localhost is not 127.0.0.1)
// that tries `opener.location = …` finds none, the console tab stays where it is, and the answer
// still comes back, on the run's own channel.
test('a login page in the Tester popup cannot reach the console tab', async ({ page, watch }) => {
  watch.allowed.push(OTHER_SERVER);
  await page.goto('/tester');
  await page.getByLabel('Environment').selectOption('server');
  await page.getByLabel('Authorization endpoint').fill(`${OTHER_SERVER.replace('127.0.0.1', 'localhost')}/hostile/authorize`);
  await page.getByLabel('Token endpoint').fill(`${OTHER_SERVER}/token`);
  await page.getByLabel('Client id').fill('any-client');
  await page.getByLabel(/^Popup/).check();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Start run' }).click();
  const popup = await popupOpened;
  await expect(popup.locator('#opener')).toHaveText('opener: none');
  expect(await popup.evaluate(() => window.opener)).toBeNull();
  // The popup closes itself once the console tab has taken the answer: listen before it can.
  const closed = popup.waitForEvent('close');
  await popup.getByRole('link', { name: 'Approve' }).click();
  await closed;
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');
  await expect(page.locator('#tester-history')).toContainText('Popup');
  expect(page.url()).toBe(`${APP}/tester`);
});
