import { test, expect, signIn } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('sign-in, clients, the client form and view, and the tester pass axe', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Genesys Cloud' })).toBeVisible();
  expect(await violations(page), 'sign-in').toEqual([]);

  await signIn(page, 'PKCE');
  expect(await violations(page), 'signed in').toEqual([]);
  await page.goto('/clients');
  await expect(page.locator('table.clients tbody tr[aria-rowindex]')).toHaveCount(12);
  expect(await violations(page), 'clients').toEqual([]);

  await page.goto('/clients/new');
  await page.getByRole('button', { name: 'SCIM', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('');
  await page.getByLabel('Name', { exact: true }).press('Tab');
  await expect(page.locator('#client-name-errors')).toContainText('A name is required.');
  expect(await violations(page), 'new client (Client Credentials, with an error)').toEqual([]);
  await page.getByRole('button', { name: 'Browser app with PKCE' }).click();
  expect(await violations(page), 'new client (PKCE)').toEqual([]);

  await page.goto('/clients/c0ffee00-0000-4000-8000-000000000005');
  await expect(page.getByRole('heading', { name: 'Nightly export' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  expect(await violations(page), 'client view with the delete dialog').toEqual([]);

  await page.goto('/tester');
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');
  expect(await violations(page), 'tester result').toEqual([]);
});

test('dark mode keeps its contrast', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  expect(await violations(page), 'sign-in (dark)').toEqual([]);
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await expect(page.locator('table.clients tbody tr[aria-rowindex]')).toHaveCount(12);
  expect(await violations(page), 'clients (dark)').toEqual([]);
  await page.goto('/clients/new');
  await page.getByRole('button', { name: 'Browser app with PKCE' }).click();
  await page.getByLabel('Authorized redirect URIs').fill('http://example.com/');
  expect(await violations(page), 'new client (dark)').toEqual([]);
});

test('usage, bulk results, import preview and authorized apps pass axe, light and dark', async ({ page }) => {
  await signIn(page, 'PKCE');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/clients/c0ffee00-0000-4000-8000-000000000003');
    await expect(page.locator('#usage-total')).toBeVisible();
    expect(await violations(page), `client usage (${scheme})`).toEqual([]);

    await page.goto('/clients');
    await page.getByLabel('Usage (30 days)').check();
    await page.getByLabel('Select SSO bridge').check();
    await page.getByLabel('Select Nightly export').check();
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Enable' }).click();
    await page.getByLabel('Type “2” to confirm').fill('2');
    expect(await violations(page), `bulk confirmation (${scheme})`).toEqual([]);
    await page.getByRole('button', { name: 'Enable 2 clients' }).click();
    await expect(page.locator('#bulk-run')).toHaveAttribute('aria-busy', 'false');
    await expect(page.locator('td.col-usage').first()).not.toHaveText('…');
    expect(await violations(page), `clients with usage and bulk results (${scheme})`).toEqual([]);

    await page.goto('/clients/import');
    const entries = [
      { name: 'Nightly export', authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: [{ roleId: 'b6b1e1a0-0000-4000-8000-000000000002', divisionId: '*' }] },
      { name: 'Too short', authorizedGrantType: 'CODE', accessTokenValiditySeconds: 10, registeredRedirectUri: ['https://ok.example/cb'], scope: ['users:readonly'] },
    ];
    await page.locator('#import-file').setInputFiles({ name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(entries)) });
    await expect(page.locator('#import-summary')).toBeVisible();
    expect(await violations(page), `import preview (${scheme})`).toEqual([]);

    await page.goto('/authorizations');
    await expect(page.locator('#apps tbody tr').first()).toBeVisible();
    expect(await violations(page), `authorized apps (${scheme})`).toEqual([]);
  }
});

test("the form's problem list, a closed popup's result and a 390 px phone pass axe, light and dark", async ({ page }) => {
  await signIn(page, 'PKCE');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/clients/new');
    await page.getByRole('button', { name: 'Browser app with PKCE' }).click();
    await page.getByRole('button', { name: 'Create client' }).click();
    await expect(page.locator('#problem-list')).toBeVisible();
    expect(await violations(page), `the form's problems (${scheme})`).toEqual([]);

    await page.goto('/tester');
    await page.getByLabel(/^Popup/).check();
    const opened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Start run' }).click();
    await (await opened).close();
    await expect(page.locator('#tester-outcome')).toContainText('The popup was closed before the sign-in finished');
    expect(await violations(page), `a closed popup's result (${scheme})`).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', '/clients', '/tester']) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
      expect(await violations(page), `${path} at 390 px (${scheme})`).toEqual([]);
    }
  }
});
