// The apps authorized in the org: other orgs' apps and this org's clients, searchable and
// sortable; one of this org's clients links to its page.
import { test, expect, signIn } from './fixtures';

test('authorized apps: every app with its organization, search, sort, and a link to our own client', async ({ page }) => {
  await signIn(page, 'PKCE');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Authorized apps' }).click();
  await expect(page.getByRole('heading', { name: 'Authorized apps' })).toBeVisible();
  const rows = page.locator('#apps tbody tr');
  // Two other orgs' apps, the EF client, and the console's PKCE client this sign-in authorized.
  await expect(page.locator('#app-count')).toHaveText('4 of 4 apps');
  const acme = rows.filter({ hasText: 'Acme Wallboards' });
  await expect(acme).toContainText('Acme Partner Org');
  await expect(acme).toContainText('analytics:readonly, routing:readonly, users:readonly');
  await expect(acme).toContainText('Authorized');
  await expect(acme.getByRole('link')).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Globex Survey' })).toContainText('Revoked');
  await expect(rows.filter({ hasText: 'oauth-console (PKCE)' })).toContainText('Sandbox Org');

  await page.getByLabel('Search').fill('globex');
  await expect(page.locator('#app-count')).toHaveText('1 of 4 apps');
  await page.getByLabel('Search').fill('');
  await page.getByRole('button', { name: 'Authorized' }).click();
  await expect(page.getByRole('columnheader', { name: 'Authorized' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toContainText('Globex Survey');
  await page.getByRole('button', { name: 'Authorized' }).click();
  await expect(rows.first()).toContainText('oauth-console (PKCE)');

  await rows.filter({ hasText: 'CRM Embeddable Framework' }).getByRole('link', { name: 'CRM Embeddable Framework' }).click();
  await expect(page).toHaveURL(/\/clients\/c0ffee00-0000-4000-8000-000000000003$/);
  await expect(page.getByRole('heading', { name: 'CRM Embeddable Framework' })).toBeVisible();
});
