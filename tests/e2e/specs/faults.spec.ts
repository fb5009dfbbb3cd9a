import { test, expect, signIn, orgClients, ORG } from './fixtures';
import type { Page } from '@playwright/test';

async function newPkceDraft(page: Page, name: string) {
  await signIn(page, 'PKCE');
  await page.goto('/clients/new');
  await page.getByRole('button', { name: 'Browser app with PKCE' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Authorized redirect URIs').fill(`https://${name.toLowerCase()}.example.com/cb`);
  await settled(page);
}

/** The page's own reads are done, so a counted fault hits the request the test makes next. */
async function settled(page: Page) {
  await expect(page.getByText('Loading scopes, roles and divisions…')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
}

const named = async (request: any, name: string) => (await orgClients(request)).filter((c) => c.name === name);

test('a create whose answer is lost: the console finds the one client the org made', async ({ page, request }) => {
  await newPkceDraft(page, 'Lostanswer');
  await request.post(`${ORG}/sandbox/faults`, { data: { lostAnswers: 1 } });
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('The org created “Lostanswer”, but its answer was lost')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Lostanswer' })).toBeVisible();
  expect(await named(request, 'Lostanswer')).toHaveLength(1);
  await expect(page.getByRole('button', { name: 'Regenerate secret' })).toBeVisible();
});

test('a create refused by a 5xx: "not created", the draft kept, and created once on the next try', async ({ page, request }) => {
  await newPkceDraft(page, 'Unprocessed');
  await request.post(`${ORG}/sandbox/faults`, { data: { serverErrors: 1 } });
  await page.getByRole('button', { name: 'Create client' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Not created');
  await expect(alert).toContainText('HTTP 503');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Unprocessed');
  expect(await named(request, 'Unprocessed')).toHaveLength(0);
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { name: 'Created “Unprocessed”' })).toBeVisible();
  expect(await named(request, 'Unprocessed')).toHaveLength(1);
});

test('429 on a save: the wait is shown with its seconds left, then the save goes through', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients/c0ffee00-0000-4000-8000-000000000006/edit');
  await page.getByLabel('Description (optional)').fill('Bridged');
  await settled(page);
  await request.post(`${ORG}/sandbox/faults`, { data: { tooMany: 1, retryAfter: 3 } });
  await page.getByRole('button', { name: 'Save changes' }).click();
  const wait = page.locator('#api-wait');
  await expect(wait).toContainText('Genesys Cloud asked to slow down (HTTP 429): retry 1 of 3, sending again in');
  await expect(page.getByText('Saved “SSO bridge”.')).toBeVisible({ timeout: 10_000 });
  await expect(wait).toHaveCount(0);
  expect((await named(request, 'SSO bridge'))[0].description).toBe('Bridged');
});

test('a read through 5xx answers is sent again and loads', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await request.post(`${ORG}/sandbox/faults`, { data: { serverErrors: 2 } });
  await page.goto('/clients/c0ffee00-0000-4000-8000-000000000006');
  await expect(page.getByRole('heading', { name: 'SSO bridge' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('offline: said at once, nothing sent, the draft kept; back online it saves', async ({ page, request, context }) => {
  await newPkceDraft(page, 'Offliner');
  let sent = 0;
  page.on('request', (r) => (sent += r.url().startsWith(`${ORG}/api/v2/oauth/clients`) && r.method() === 'POST' ? 1 : 0));
  await context.setOffline(true);
  await expect(page.locator('#offline')).toContainText('You are offline');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByRole('alert')).toContainText('You are offline: nothing was sent.');
  expect(sent).toBe(0);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Offliner');
  await context.setOffline(false);
  await expect(page.locator('#offline')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { name: 'Created “Offliner”' })).toBeVisible();
  expect(await named(request, 'Offliner')).toHaveLength(1);
});
