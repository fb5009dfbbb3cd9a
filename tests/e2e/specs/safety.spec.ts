// What a careful admin must not be able to do by one slip: stop a live client without being
// told what stops, or end their own session by stopping the client this console signed in with
// without being told so apart; and whatever happens, the app never panics.
import { test, expect, signIn, ORG, apiToken, orgClients } from './fixtures';

const CONSOLE_PKCE = '5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02';
const CRM = 'c0ffee00-0000-4000-8000-000000000003'; // the Embeddable Framework client, used every weekday
const NIGHTLY = 'c0ffee00-0000-4000-8000-000000000005'; // unused for the last 12 days

test('disabling a live client asks first, in the org’s name, with its recent use; one notice after', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${CRM}`);
  await page.getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Disable “CRM Embeddable Framework” in Sandbox Org?');
  await expect(dialog).toContainText('Apps that use it lose their tokens at once');
  await expect(dialog.locator('#confirm-use')).toHaveText(/^It served [\d,]+ requests in the last 7 days: an app still signs in with it/);
  await expect(dialog.locator('#confirm-own')).toHaveCount(0);
  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await orgClients(request)).find((c) => c.id === CRM).state).toBe('active');

  await page.getByRole('button', { name: 'Disable' }).click();
  await dialog.getByRole('button', { name: 'Disable client' }).click();
  await expect(page.locator('#client-state')).toHaveText('disabled');
  await expect(page.locator('#state-note')).toContainText('This client is disabled');
  // Said once: the state note explains, the result only says it is done.
  await expect(page.getByText(/tokens (it issued )?no longer work/)).toHaveCount(1);
  expect((await orgClients(request)).find((c) => c.id === CRM).state).toBe('disabled');
});

test('the console’s own client: marked in the list and on its page; disabling it is confirmed apart, ends the session without a panic, and says how to get back in', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  const row = page.locator('table.clients tbody tr[aria-rowindex]').filter({ hasText: 'oauth-console (PKCE)' });
  await expect(row.locator('#own-client-badge')).toBeVisible();
  await expect(page.locator('#own-client-badge')).toHaveCount(1);
  await row.getByRole('link', { name: 'oauth-console (PKCE)' }).click();
  await expect(page.locator('#own-client')).toContainText('This console is signed in with this client');
  // Not deleted from its own session: the delete's second request would go out with a dead token.
  await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await expect(page.locator('#own-client')).toContainText('it can be deleted only from a session signed in with another client');
  // Nor disabled through its editor.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('State').selectOption('disabled');
  await expect(page.locator('#client-state-errors')).toContainText('This console is signed in with this client: saving it disabled or inactive would end your session');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByLabel('State')).toBeFocused();
  await expect(page.locator('#problem-list')).toContainText('State: This console is signed in with this client');
  expect((await orgClients(request)).find((c) => c.id === CONSOLE_PKCE).state).toBe('active');
  await page.getByLabel('State').selectOption('active');
  await page.goto(`/clients/${CONSOLE_PKCE}`);

  await page.getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('#confirm-own')).toContainText('This console is signed in with “oauth-console (PKCE)”. Disabling it ends your session at once');
  const confirm = dialog.getByRole('button', { name: 'Disable client' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type “oauth-console (PKCE)” to confirm').fill('oauth-console (PKCE)');
  await confirm.click();

  await expect(page.getByRole('heading', { name: 'Sign in to Genesys Cloud' })).toBeVisible();
  await expect(page.getByText('Your session ended: you disabled “oauth-console (PKCE)”, the OAuth client this console signed in with')).toBeVisible();
  await expect(page.getByText(/Sign in with another client of the org, or ask an admin to enable/)).toBeVisible();
  // The disabled client is not offered again.
  await expect(page.getByLabel('Client id')).toHaveValue('');
  expect((await orgClients(request)).find((c) => c.id === CONSOLE_PKCE).state).toBe('disabled');
  // The fixture finds no page error (no panic) after the test.
  await page.waitForTimeout(500);
});

test('the signed-in client stopped elsewhere: the pages that meet the 401 end the session without a panic', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${CONSOLE_PKCE}`);
  await expect(page.locator('#usage')).toHaveAttribute('aria-busy', 'false');
  // Another admin disables it.
  const token = await apiToken(request);
  const c = (await orgClients(request)).find((x) => x.id === CONSOLE_PKCE);
  const put = await request.put(`${ORG}/api/v2/oauth/clients/${CONSOLE_PKCE}`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { ...c, state: 'disabled' },
  });
  expect(put.ok()).toBeTruthy();
  // The page asks the org again: the answer is a 401.
  await page.getByRole('button', { name: '30 days' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Genesys Cloud' })).toBeVisible();
  await expect(page.getByText(/Your session ended/)).toBeVisible();
  await page.waitForTimeout(500);
});

test('a batch lists the chosen clients in the org’s name and leaves the console’s own client as it is', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  // The console's own client alone: nothing to confirm, only why it is left.
  await page.getByRole('checkbox', { name: 'Select oauth-console (PKCE)' }).check();
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('#bulk-own')).toContainText('“oauth-console (PKCE)” is left as it is: this console is signed in with it; do it from a session signed in with another client of the org.');
  await page.locator('#bulk-own').getByRole('button', { name: 'Close' }).click();
  await page.getByRole('checkbox', { name: 'Select Nightly export' }).check();
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('dialog');
  // Counted: the clients it acts on; listed: every chosen one, the console's own said apart.
  await expect(dialog.getByRole('heading')).toHaveText('Disable 1 client in Sandbox Org?');
  await expect(dialog.locator('#bulk-names li')).toHaveText(['oauth-console (PKCE)', 'Nightly export']);
  await expect(dialog.locator('#bulk-own')).toContainText('“oauth-console (PKCE)” is left as it is: this console is signed in with it; disable it from its own page');
  await dialog.getByLabel('Type “1” to confirm').fill('1');
  await dialog.getByRole('button', { name: 'Disable 1 client' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Disable: 2 of 2 finished · 1 disabled · 1 skipped · 0 failed', { timeout: 20_000 });
  const org = await orgClients(request);
  expect(org.find((c) => c.id === NIGHTLY).state).toBe('disabled');
  expect(org.find((c) => c.id === CONSOLE_PKCE).state).toBe('active');
  // Still signed in.
  await expect(page.getByRole('heading', { name: 'OAuth clients' })).toBeVisible();
});
