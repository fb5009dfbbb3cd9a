// A client's API usage on its page: the org's asynchronous query (with progress while it runs),
// the totals, the last day of use, the busiest endpoints and a bar per day, for 7 and 30 days.
import { test, expect, signIn, ORG, apiToken } from './fixtures';

const CONSOLE_IMPLICIT = '5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01'; // used here by the test's own token only
const NIGHTLY = 'c0ffee00-0000-4000-8000-000000000005'; // seeded: used nightly until 12 days ago
const SSO = 'c0ffee00-0000-4000-8000-000000000006'; // seeded: never used
const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);

test('usage of a client the test used: progress while the org computes, then its calls counted', async ({ page, request }) => {
  const token = await apiToken(request);
  for (let i = 0; i < 5; i++) {
    const r = await request.get(`${ORG}/api/v2/oauth/scopes`, { headers: { Authorization: `Bearer ${token}` } });
    expect(r.status()).toBe(200);
  }
  // The org answers Running three times: the page says it is waiting.
  await request.post(`${ORG}/sandbox/settings`, { data: { usageRunningPolls: 3 } });
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${CONSOLE_IMPLICIT}`);
  const usage = page.locator('#usage');
  await expect(usage.getByText(/The org is computing the usage… \(read [1-3]\)/)).toBeVisible();
  await expect(usage).toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('#usage-total')).toHaveText(`5 requests in the last 7 days · last used ${day(0)}`);
  await expect(usage).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('#usage-classes')).toHaveText('2xx: 5 · 3xx: 0 · 4xx: 0 · of which 429: 0 · 5xx: 0');
  await expect(page.locator('#usage-top')).toHaveText('GET /api/v2/oauth/scopes — 5');
  const bars = page.locator('#usage-chart rect');
  await expect(bars).toHaveCount(7);
  await expect(bars.last()).toHaveAttribute('data-date', day(0));
  await expect(bars.last().locator('title')).toHaveText(`${day(0)}: 5 requests`);
  expect(Number(await bars.last().getAttribute('height'))).toBe(120);
  expect(Number(await bars.first().getAttribute('height'))).toBe(0);
  await expect(page.locator('#usage-chart')).toHaveAttribute('aria-label', 'Requests per day over the last 7 days: 5 in all, at most 5 on one day');

  // Asked again, the org counts what has happened since.
  await request.get(`${ORG}/api/v2/oauth/scopes`, { headers: { Authorization: `Bearer ${token}` } });
  await page.getByRole('button', { name: '30 days' }).click();
  await expect(page.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#usage-total')).toHaveText(`6 requests in the last 30 days · last used ${day(0)}`);
  await expect(bars).toHaveCount(30);
});

test('a client unused for a week, and one never used', async ({ page }) => {
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${NIGHTLY}`);
  await expect(page.locator('#usage-total')).toHaveText('0 requests in the last 7 days · not used in the last 7 days');
  await expect(page.locator('#usage-top')).toHaveCount(0);
  await page.getByRole('button', { name: '30 days' }).click();
  await expect(page.locator('#usage-total')).toHaveText(`1,080 requests in the last 30 days · last used ${day(12)}`);
  await expect(page.locator('#usage-top')).toHaveText('POST /api/v2/analytics/conversations/details/query — 1,080');
  const drawn = page.locator('#usage-chart rect:not([height="0.0"])');
  await expect(drawn).toHaveCount(18);
  await expect(drawn.last()).toHaveAttribute('data-date', day(12));

  await page.goto(`/clients/${SSO}`);
  await expect(page.locator('#usage-total')).toHaveText('0 requests in the last 7 days · not used in the last 7 days');
});

test('a usage query the org refuses says why, and the rest of the page stays', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${SSO}`);
  await expect(page.locator('#usage-total')).toBeVisible();
  // The next request (the usage summary) answers 503 three times over: the read gives up.
  await request.post(`${ORG}/sandbox/faults`, { data: { serverErrors: 4 } });
  await page.getByRole('button', { name: '30 days' }).click();
  await expect(page.locator('#usage').getByRole('alert')).toContainText("Could not load the client's usage");
  await expect(page.getByRole('heading', { name: 'SSO bridge' })).toBeVisible();
  await page.locator('#usage').getByRole('button', { name: 'Ask again' }).click();
  await expect(page.locator('#usage-total')).toHaveText('0 requests in the last 30 days · not used in the last 30 days');
});

test('the list: a usage column for the rows in view, and the clients not used in 30 days', async ({ page }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await expect(page.locator('#client-count')).toHaveText('12 of 12 clients');
  await page.getByLabel('Usage (30 days)').check();
  await expect(page.getByRole('columnheader', { name: 'Usage (30 days)' })).toBeVisible();
  const row = (name: string) => page.locator('table.clients tbody tr[aria-rowindex]').filter({ hasText: name });
  await expect(row('CRM Embeddable Framework').locator('td.col-usage')).toHaveText(/^[\d,]+ · last \d{4}-\d\d-\d\d$/);
  await expect(row('SSO bridge').locator('td.col-usage')).toHaveText('not used');
  await expect(row('Nightly export').locator('td.col-usage')).toHaveText(`1,080 · last ${day(12)}`);
  await expect(page.locator('#usage-asking')).toHaveCount(0);

  // The console's own PKCE client is used by this session; the EF, SCIM and export clients by the seed.
  await page.getByLabel('Not used in 30 days').check();
  await expect(page.locator('#client-count')).toHaveText('8 of 12 clients');
  await expect(row('SSO bridge')).toBeVisible();
  await expect(row('CRM Embeddable Framework')).toHaveCount(0);
  await expect(row('oauth-console (PKCE)')).toHaveCount(0);
  await page.getByLabel('Search').fill('kiosk');
  await expect(page.locator('#client-count')).toHaveText('1 of 12 clients');
});

test('a usage cell the org could not tell is asked again on demand', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await page.getByLabel('Search').fill('kiosk');
  await expect(page.locator('#client-count')).toHaveText('1 of 12 clients');
  // The usage summary answers 503 four times over: the read gives up.
  await request.post(`${ORG}/sandbox/faults`, { data: { serverErrors: 4 } });
  await page.getByLabel('Usage (30 days)').check();
  const cell = page.locator('table.clients tbody tr[aria-rowindex] td.col-usage');
  await expect(cell).toHaveText('unknown', { timeout: 10_000 });
  await expect(page.locator('#usage-untold')).toContainText('The org could not tell the usage of 1 client(s): their cells say so.');
  await page.locator('#usage-untold').getByRole('button', { name: 'Ask again' }).click();
  await expect(cell).toHaveText('not used');
  await expect(page.locator('#usage-untold')).toHaveCount(0);
});
