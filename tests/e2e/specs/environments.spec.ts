// Several environments in one tab: signed in to the sandbox org and to a second org (reached as
// custom URLs), the admin switches between them without a new sign-in, every page names the one
// it shows, and clients are copied from one into the other in a few clicks.
import { test, expect, signIn, sessionToken, ORG, orgClients } from './fixtures';
import { SECOND_ORG } from '../servers';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const PKCE_CLIENT = '5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02';

async function signInToSecondOrg(page: Page) {
  await page.locator('#env-switch').click();
  await page.getByRole('link', { name: 'Sign in to another environment' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to another environment' })).toBeVisible();
  await expect(page.getByText('Sandbox Org · Local sandbox org stays signed in')).toBeVisible();
  await page.getByLabel('Environment').selectOption('custom');
  await page.getByLabel('Login base URL').fill(SECOND_ORG);
  await page.getByLabel('API base URL').fill(SECOND_ORG);
  await page.getByLabel('Client id').fill(PKCE_CLIENT);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:8789\/oauth\/authorize/);
  await expect(page.getByText('asks to sign you in to Sandbox Test Org')).toBeVisible();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  // The session shown until now shows until the new one is complete.
  await expect(page.locator('#band-org')).toHaveText('Sandbox Test Org');
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
}

async function shows(page: Page, org: string, env: RegExp) {
  await expect(page.locator('#band-org')).toHaveText(org);
  await expect(page.locator('#band-env')).toHaveText(env);
}

test.beforeEach(async ({ request, watch }) => {
  await request.post(`${SECOND_ORG}/sandbox/reset`);
  watch.allowed.push(SECOND_ORG);
});

test('two environments switched without a new sign-in; every page names the one it shows', async ({ page, request }) => {
  await request.post(`${ORG}/sandbox/seed`, { data: { count: 2 } });
  await signIn(page, 'PKCE');
  await shows(page, 'Sandbox Org', /^Local sandbox org$/);
  await signInToSecondOrg(page);
  await shows(page, 'Sandbox Test Org', /^Custom · http:\/\/127\.0\.0\.1:8789$/);
  await expect(page.locator('#env-switch')).toHaveText('Environments (2)');

  // From now on, no page of either org's login host is visited.
  const logins: string[] = [];
  page.on('request', (r) => { if (/\/oauth\/authorize|\/oauth\/token/.test(r.url())) logins.push(r.url()); });

  await page.goto('/clients');
  await expect(page.locator('table.clients tbody tr').first()).toBeVisible();
  await expect(page.getByRole('link', { name: /^Bulk client 00001/ })).toHaveCount(0);
  await page.locator('#env-switch').click();
  const fromTest = page.waitForRequest((r) => r.url().startsWith(`${ORG}/api/v2/oauth/clients`));
  await page.getByRole('button', { name: 'Switch to Sandbox Org' }).click();
  await fromTest;
  await shows(page, 'Sandbox Org', /^Local sandbox org$/);
  await expect(page.getByText('Now in Sandbox Org · Local sandbox org. Nothing was signed out.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Bulk client 00001/ })).toBeVisible();

  // A client's page, then a switch: the other org has no such client, so the list shows.
  await page.getByRole('link', { name: /^Bulk client 00001/ }).click();
  await expect(page.getByRole('heading', { name: /^Bulk client 00001/ })).toBeVisible();
  await page.locator('#env-switch').click();
  await page.getByRole('button', { name: 'Switch to Sandbox Test Org' }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await shows(page, 'Sandbox Test Org', /8789/);
  await expect(page.locator('table.clients tbody tr').first()).toBeVisible();
  await expect(page.getByRole('link', { name: /^Bulk client 00001/ })).toHaveCount(0);

  // The open menu passes axe, light and dark, and Escape closes it.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('#env-switch').click();
    await expect(page.getByRole('button', { name: 'Switch to Sandbox Org' })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), scheme).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Switch to Sandbox Org' })).toBeHidden();
    await expect(page.locator('#env-switch')).toBeFocused();
  }

  // Every page names the environment it shows, and a reload keeps both sessions.
  for (const path of ['/', '/clients', '/clients/new', '/clients/import', '/authorizations', '/tester']) {
    await page.goto(path);
    await shows(page, 'Sandbox Test Org', /8789/);
    await expect(page.locator('#env-switch')).toHaveText('Environments (2)');
  }
  expect(logins, 'no sign-in while switching').toEqual([]);

  // Signing out of one leaves the other, to switch to.
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.locator('#still-signed-in')).toContainText('Sandbox Org · Local sandbox org');
  await expect(page.locator('#still-signed-in').getByRole('button')).toHaveText('Switch to it');
  await page.locator('#still-signed-in').getByRole('button', { name: 'Switch to Sandbox Org · Local sandbox org' }).click();
  await shows(page, 'Sandbox Org', /^Local sandbox org$/);
  await expect(page.locator('#env-switch')).toHaveText('Environments (1)');
});

test('clients copied from one environment into another: exported, switched and imported in a few clicks', async ({ page, request }) => {
  await request.post(`${ORG}/sandbox/seed`, { data: { count: 3 } });
  await signIn(page, 'PKCE');
  await signInToSecondOrg(page);
  await page.locator('#env-switch').click();
  await page.getByRole('button', { name: 'Switch to Sandbox Org' }).click();
  await page.goto('/clients');
  await page.getByLabel('Search').fill('Bulk client');
  await page.getByLabel('Select all 3 filtered clients').check();
  await page.getByRole('button', { name: 'Copy to Sandbox Test Org · Custom · http://127.0.0.1:8789…' }).click();
  await expect(page).toHaveURL(/\/clients\/import$/);
  await shows(page, 'Sandbox Test Org', /8789/);
  await expect(page.locator('#import-summary')).toHaveText('“Copied from Sandbox Org · Local sandbox org”: 3 clients · 0 with problems · 3 to send');
  expect((await orgClients(request, SECOND_ORG)).filter((c) => c.name.startsWith('Bulk client'))).toHaveLength(0);
  await page.getByRole('button', { name: 'Import 3 clients' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Import: 3 of 3 finished · 3 imported · 0 skipped · 0 failed');
  const fields = (c: any) => [c.name, c.authorizedGrantType, c.accessTokenValiditySeconds, c.scope, c.roleDivisions];
  const source = (await orgClients(request)).filter((c) => c.name.startsWith('Bulk client')).map(fields).sort();
  const copied = (await orgClients(request, SECOND_ORG)).filter((c) => c.name.startsWith('Bulk client')).map(fields).sort();
  expect(copied).toEqual(source);
  // Once imported, the copy is not offered again.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Import clients' })).toBeVisible();
  await expect(page.locator('#import-summary')).toHaveCount(0);
});

test('a copy waits for its own environment: a reload keeps it, the source org never sees it', async ({ page, request }) => {
  await request.post(`${ORG}/sandbox/seed`, { data: { count: 1 } });
  await signIn(page, 'PKCE');
  await signInToSecondOrg(page);
  await page.locator('#env-switch').click();
  await page.getByRole('button', { name: 'Switch to Sandbox Org' }).click();
  await shows(page, 'Sandbox Org', /^Local sandbox org$/);
  await page.goto('/clients');
  await page.getByLabel('Search').fill('Bulk client');
  await page.getByLabel('Select all 1 filtered clients').check();
  await page.getByRole('button', { name: /^Copy to Sandbox Test Org/ }).click();
  await expect(page.locator('#import-summary')).toContainText('1 client · 0 with problems · 1 to send');
  await page.reload();
  await expect(page.locator('#import-summary')).toContainText('1 client · 0 with problems · 1 to send');
  // Back in the source org, its import page does not offer the copy.
  await page.locator('#env-switch').click();
  await page.getByRole('button', { name: 'Switch to Sandbox Org' }).click();
  await shows(page, 'Sandbox Org', /^Local sandbox org$/);
  await expect(page.getByRole('heading', { name: 'Import clients' })).toBeVisible();
  await expect(page.locator('#import-summary')).toHaveCount(0);
});

test('signing out: of a shelved environment revokes its token; the inactivity limit ends and revokes all', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  const first = await sessionToken(page);
  await signInToSecondOrg(page);
  const second = await sessionToken(page);
  const status = async (org: string, token: string) =>
    (await request.get(`${org}/api/v2/tokens/me`, { headers: { Authorization: `Bearer ${token}` } })).status();
  expect([await status(ORG, first), await status(SECOND_ORG, second)]).toEqual([200, 200]);
  // Each token goes only to its own org.
  expect(await status(SECOND_ORG, first)).toBe(401);

  // Out of the shelved sandbox org: its token is revoked, the test org stays shown.
  await page.locator('#env-switch').click();
  await page.getByRole('button', { name: 'Sign out of Sandbox Org · Local sandbox org' }).click();
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await shows(page, 'Sandbox Test Org', /8789/);
  await expect(page.locator('#env-switch')).toHaveText('Environments (1)');
  await expect.poll(() => status(ORG, first)).toBe(401);
  const stored = await page.evaluate(() => Object.values(sessionStorage).join('\n'));
  expect(stored).not.toContain(first);

  // Signed in to both again, the local inactivity limit ends both and revokes both tokens.
  await page.evaluate(() => localStorage.setItem('oauth-console.pref.idle-limit-s', '3'));
  await page.locator('#env-switch').click();
  await page.getByRole('link', { name: 'Sign in to another environment' }).click();
  await page.getByLabel('Environment').selectOption('sandbox');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.locator('#band-org')).toHaveText('Sandbox Org');
  const third = await sessionToken(page);
  await expect(page.locator('#env-switch')).toHaveText('Environments (2)');
  await expect(page.getByText('You were signed out after 3 s without activity')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('#env-switch')).toHaveCount(0);
  await expect.poll(() => status(ORG, third)).toBe(401);
  await expect.poll(() => status(SECOND_ORG, second)).toBe(401);
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => /session|shelf/.test(k)))).toEqual([]);
});

test('each environment wears its own colour on every page, with its org’s name; a chosen colour is kept', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'PKCE');
  const band = page.locator('#place-band');
  await expect(band.locator('#band-org')).toHaveText('Sandbox Org');
  await expect(band.locator('#band-env')).toHaveText('Local sandbox org');
  const first = await band.getAttribute('data-colour');
  expect(first).toBeTruthy();
  await signInToSecondOrg(page);
  await expect(band.locator('#band-org')).toHaveText('Sandbox Test Org');
  await expect(band.locator('#band-env')).toHaveText(/^Custom · http:\/\/127\.0\.0\.1:8789$/);
  const second = await band.getAttribute('data-colour');
  expect(second, 'two places of one tab never wear one colour').not.toBe(first);
  // The band is on every page, the colour drawn (not only named).
  for (const path of ['/clients', '/authorizations', '/migrate', '/tester']) {
    await page.goto(path);
    await expect(band).toHaveAttribute('data-colour', second!);
  }
  const drawn = await band.evaluate((el) => getComputedStyle(el).borderBottomColor);
  await page.screenshot({ path: 'test-results/two-environments-second.png' });
  // Another colour, kept for this place (after a reload too); the other place keeps its own.
  const other = ['blue', 'green', 'purple', 'orange', 'teal', 'magenta'].find((c) => c !== first && c !== second)!;
  await page.getByLabel('Colour').selectOption(other);
  await expect(band).toHaveAttribute('data-colour', other);
  expect(await band.evaluate((el) => getComputedStyle(el).borderBottomColor)).not.toBe(drawn);
  await page.reload();
  await expect(band).toHaveAttribute('data-colour', other);
  await page.locator('#env-switch').click();
  await page.getByRole('button', { name: 'Switch to Sandbox Org' }).click();
  await expect(band.locator('#band-org')).toHaveText('Sandbox Org');
  await expect(band).toHaveAttribute('data-colour', first!);
  await page.screenshot({ path: 'test-results/two-environments-first.png' });

  // A place without a colour yet never takes one another place of the tab wears: the first one
  // now wears the colour the second was given, the second's is forgotten, and it comes back
  // with another one.
  const secondKey = await page.evaluate((o) => Object.keys(localStorage).find((k) => k.startsWith('oauth-console.pref.colour.') && localStorage.getItem(k) === JSON.stringify(o)), other);
  expect(secondKey).toBeTruthy();
  await page.getByLabel('Colour').selectOption(second!);
  await expect(band).toHaveAttribute('data-colour', second!);
  await page.evaluate((k) => localStorage.removeItem(k), secondKey!);
  await page.locator('#env-switch').click();
  await page.getByRole('button', { name: 'Switch to Sandbox Test Org' }).click();
  await expect(band.locator('#band-org')).toHaveText('Sandbox Test Org');
  const again = await band.getAttribute('data-colour');
  expect(again, 'the colour its name gives is taken: the next one').not.toBe(second);
});
