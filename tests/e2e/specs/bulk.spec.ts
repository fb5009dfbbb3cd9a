// Bulk actions from the list: choose clients (a click, a shift-click range, all filtered), one
// confirmation typing their number, progress, a result per client; paced under injected 429s;
// a failure holds up no one and is retried alone.
import { test, expect, signIn, ORG, orgClients, apiToken } from './fixtures';

const rows = '.list-window table.clients tbody tr[aria-rowindex]';

test('disable 50 clients while the org answers 429 to every 7th request: all done, each result right', async ({ page, request }) => {
  await request.post(`${ORG}/sandbox/seed`, { data: { count: 50 } });
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await page.getByLabel('Search').fill('Bulk client');
  await expect(page.locator('#client-count')).toHaveText('50 of 62 clients');
  await page.getByLabel('Select all 50 filtered clients').check();
  await expect(page.locator('#bulk-count')).toHaveText('50 selected');

  await request.post(`${ORG}/sandbox/faults`, { data: { tooManyEvery: 7, retryAfter: 1 } });
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Disable 50 clients in Sandbox Org?');
  // Every 10th seeded client is disabled already.
  await expect(dialog).toContainText('5 of them need nothing and are skipped.');
  const confirm = dialog.getByRole('button', { name: 'Disable 50 clients' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type “50” to confirm').fill('50');
  await confirm.click();

  await expect(page.locator('#bulk-run')).toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('#bulk-tally')).toHaveText('Disable: 50 of 50 finished · 45 disabled · 5 skipped · 0 failed', { timeout: 60_000 });
  await expect(page.locator('#bulk-run')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('#bulk-paced')).toContainText(/The org asked to slow down \d+ times/);
  const items = page.locator('#bulk-items tbody tr');
  await expect(items).toHaveCount(50);
  await expect(items.filter({ hasText: 'Done: disabled' })).toHaveCount(45);
  await expect(items.filter({ hasText: 'Skipped: already disabled' })).toHaveCount(5);

  await request.post(`${ORG}/sandbox/faults`, { data: {} });
  const bulk = (await orgClients(request)).filter((c) => c.name.startsWith('Bulk client'));
  expect(bulk).toHaveLength(50);
  expect(bulk.filter((c) => c.state !== 'disabled').map((c) => c.name)).toEqual([]);
  // The list shows the org as it is now.
  await page.getByLabel('State', { exact: true }).selectOption('disabled');
  await expect(page.locator('#client-count')).toHaveText('50 of 62 clients');
});

test('a shift-click chooses a range; a refused client fails alone and says why; a failure is retried alone', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  const box = (n: number) => page.locator(rows).nth(n).locator('td.col-pick input');
  await box(1).click();
  await box(4).click({ modifiers: ['Shift'] });
  await expect(page.locator('#bulk-count')).toHaveText('4 selected');
  for (const n of [1, 2, 3, 4]) await expect(box(n)).toBeChecked();
  await expect(box(0)).not.toBeChecked();
  await expect(page.locator('#pick-all')).toHaveJSProperty('indeterminate', true);
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.locator('#bulk-count')).toHaveCount(0);

  // Support holds "Paused partner app" disabled: enabling it fails, the other is enabled.
  await page.getByLabel('Select Paused partner app').check();
  await page.getByLabel('Select Old reporting app').check();
  await page.getByLabel('Select Nightly export').check();
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Enable' }).click();
  await expect(page.getByRole('dialog')).toContainText('2 of them need nothing and are skipped.');
  await page.getByLabel('Type “3” to confirm').fill('3');
  await page.getByRole('button', { name: 'Enable 3 clients' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Enable: 3 of 3 finished · 0 enabled · 2 skipped · 1 failed');
  const items = page.locator('#bulk-items tbody tr');
  await expect(items.filter({ hasText: 'Paused partner app' })).toContainText('Failed: The request was rejected (HTTP 400): This OAuth client was disabled by Genesys Cloud support.');
  await expect(items.filter({ hasText: 'Old reporting app' })).toContainText('Skipped: deleted: restore it first');
  await expect(items.filter({ hasText: 'Nightly export' })).toContainText('Skipped: already active');
  await expect(page.getByRole('alert')).toContainText('1 of 3 clients failed');
  await page.getByRole('button', { name: 'Close results' }).click();
  await page.getByRole('button', { name: 'Clear selection' }).click();

  // The org fails the next four requests (the PUT and its three retries): retried alone, it is done.
  await page.getByLabel('Select SSO bridge').check();
  await request.post(`${ORG}/sandbox/faults`, { data: { serverErrors: 4 } });
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Disable' }).click();
  await page.getByLabel('Type “1” to confirm').fill('1');
  await page.getByRole('button', { name: 'Disable 1 client' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Disable: 1 of 1 finished · 0 disabled · 0 skipped · 1 failed', { timeout: 20_000 });
  await expect(items.first()).toContainText('Failed: ');
  await page.getByRole('button', { name: 'Retry SSO bridge' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Disable: 1 of 1 finished · 1 disabled · 0 skipped · 0 failed');
  expect((await orgClients(request)).find((c) => c.name === 'SSO bridge').state).toBe('disabled');
});

test('make inactive with a deletion date; a date in the past is refused where it is typed', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await page.getByLabel('Select Legacy kiosk').check();
  const date = page.getByLabel('Deletion date (optional)');
  await date.fill('2020-01-01');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#bulk-date-problem')).toHaveText('The deletion date must be today or later.');
  await expect(page.getByRole('button', { name: 'Make inactive' })).toBeDisabled();
  const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await date.fill(later);
  await page.getByRole('button', { name: 'Make inactive' }).click();
  await expect(page.getByRole('dialog')).toContainText(`Deletion date: ${later}.`);
  await page.getByLabel('Type “1” to confirm').fill('1');
  await page.getByRole('button', { name: 'Make inactive 1 client' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Make inactive: 1 of 1 finished · 1 made inactive · 0 skipped · 0 failed');
  const kiosk = (await orgClients(request)).find((c) => c.name === 'Legacy kiosk');
  expect(kiosk.state).toBe('inactive');
  expect(kiosk.dateToDelete.slice(0, 10)).toBe(later);
});

test('a client deleted by someone else during a batch is not brought back', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await page.getByLabel('Select Nightly export').check();
  await page.getByLabel('Select SSO bridge').check();
  // Another admin deletes "Nightly export" (45 days old: kept seven days, state deleted).
  const token = await apiToken(request);
  const auth = { Authorization: `Bearer ${token}` };
  const nightly = (await orgClients(request)).find((c) => c.name === 'Nightly export');
  const { id, secret, dateCreated, dateModified, createdBy, modifiedBy, selfUri, ...body } = nightly;
  expect((await request.put(`${ORG}/api/v2/oauth/clients/${id}`, { headers: auth, data: { ...body, state: 'inactive' } })).status()).toBe(200);
  expect((await request.delete(`${ORG}/api/v2/oauth/clients/${id}`, { headers: auth })).status()).toBeLessThan(300);
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Disable' }).click();
  await page.getByLabel('Type “2” to confirm').fill('2');
  await page.getByRole('button', { name: 'Disable 2 clients' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Disable: 2 of 2 finished · 1 disabled · 0 skipped · 1 failed');
  await expect(page.locator('#bulk-items tbody tr').filter({ hasText: 'Nightly export' })).toContainText('This client was deleted meanwhile: restore it from its page first.');
  expect((await orgClients(request)).find((c) => c.name === 'Nightly export').state).toBe('deleted');
});
