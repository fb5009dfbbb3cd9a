// Several environments in one tab: signed in to the sandbox org and to a second org (reached as
// custom URLs), the admin switches between them without a new sign-in, every page names the one
// it shows, and clients are copied from one into the other in a few clicks.
import { test, expect, signIn, ORG, orgClients } from './fixtures';
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
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
}

async function shows(page: Page, org: string, env: RegExp) {
  await expect(page.locator('#header-org')).toHaveText(org);
  await expect(page.locator('#header-env')).toHaveText(env);
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
  await page.locator('#still-signed-in').getByRole('button', { name: 'Switch to it' }).click();
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
  await page.getByRole('button', { name: 'Copy to Sandbox Test Org…' }).click();
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
  // The copy is taken once: the import page opened again starts empty.
  await page.reload();
  await expect(page.locator('#import-summary')).toHaveCount(0);
});
