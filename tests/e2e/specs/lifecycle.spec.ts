// A client's end, as the vendor's admin page has it: a delete removes a client younger than 30
// days for good and keeps an older one seven days, restorable from the list and from its page;
// an admin who lacks one of a client's roles is told before editing.
import { test, expect, signIn, ORG, SANDBOX_CALLBACK, apiToken, orgClients } from './fixtures';

const OLD_REPORTING = 'c0ffee00-0000-4000-8000-00000000000b'; // seeded: deleted, in its grace period
const NIGHTLY = 'c0ffee00-0000-4000-8000-000000000005'; // seeded 45 days ago, active
const QUEUE_SYNC = 'c0ffee00-0000-4000-8000-00000000000c'; // has the Supervisor role, which Ana lacks
const DAY = /\d{4}-\d\d-\d\d/;

test('a deleted client in its grace period: when it goes, and Restore from the list', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  const row = page.locator('table.clients tbody tr[aria-rowindex]').filter({ hasText: 'Old reporting app' });
  await expect(row.locator('.badge')).toHaveAttribute('title', new RegExp(`^Deleted — restorable until ${DAY.source}$`));
  await expect(row.locator('td.col-state')).toContainText('Deleted — restorable until');
  await page.getByLabel('State', { exact: true }).selectOption('deleted');
  await expect(page.locator('#client-count')).toHaveText('1 of 12 clients');

  await row.getByRole('button', { name: 'Restore Old reporting app' }).click();
  await expect(page.getByText('Restored “Old reporting app”: it is active again.')).toBeVisible();
  await page.getByLabel('State', { exact: true }).selectOption('');
  await expect(row.locator('.badge')).toHaveCount(0);
  await expect(row.getByRole('button', { name: /Restore/ })).toHaveCount(0);
  const org = (await orgClients(request)).find((c) => c.id === OLD_REPORTING);
  expect(org.state).toBe('active');
  expect(org.dateToDelete ?? null).toBeNull();
  // Everything else came back as it was.
  expect(org.registeredRedirectUri).toEqual(['https://reports.example.com/callback']);
  expect(org.scope).toEqual(['analytics:readonly']);
});

test('delete an older client: the confirmation says it is kept seven days; the list shows it restorable; Restore from its page', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${NIGHTLY}`);
  await expect(page.getByRole('heading', { name: 'Nightly export' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(/created more than 30 days ago, so Genesys Cloud deactivates it for seven days and removes it for good on \d{4}-\d\d-\d\d; until then it can be restored/);
  await expect(dialog).toContainText('Other organizations that authorized this client lose access, and apps that use its credentials stop working.');
  await expect(dialog).toContainText('It is made inactive first, then deleted.');
  await dialog.getByLabel('Type “Nightly export” to confirm').fill('Nightly export');
  await dialog.getByRole('button', { name: 'Delete client' }).click();

  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByText(/Deleted “Nightly export”: Genesys Cloud removes it for good on \d{4}-\d\d-\d\d\. Until then it can be restored\./)).toBeVisible();
  const row = page.locator('table.clients tbody tr[aria-rowindex]').filter({ hasText: 'Nightly export' });
  await expect(row.getByRole('button', { name: 'Restore Nightly export' })).toBeVisible();
  expect((await orgClients(request)).find((c) => c.id === NIGHTLY).state).toBe('deleted');

  await row.getByRole('link', { name: 'Nightly export' }).click();
  await expect(page.locator('#state-note')).toContainText(/This client is deleted: Genesys Cloud removes it for good on \d{4}-\d\d-\d\d/);
  await expect(page.locator('#client-state')).toHaveText(/^deleted — removed for good on \d{4}-\d\d-\d\d$/);
  // Deleted: nothing to do but restore it.
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('Restored: the client is active again.')).toBeVisible();
  await expect(page.locator('#client-state')).toHaveText('active');
  const back = (await orgClients(request)).find((c) => c.id === NIGHTLY);
  expect(back.state).toBe('active');
  // Its roles, in every division, came back as they were.
  expect(back.roleDivisions).toHaveLength(3);
});

test('delete a client created this month: removed for good, and the confirmation says so', async ({ page, request }) => {
  const made = await (await request.post(`${ORG}/api/v2/oauth/clients`, {
    headers: { Authorization: `Bearer ${await apiToken(request)}` },
    data: { name: 'Fresh app', authorizedGrantType: 'CODE', accessTokenValiditySeconds: 3600, registeredRedirectUri: ['https://fresh.example.com/cb'], scope: ['users:readonly'] },
  })).json();
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${made.id}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('It was created less than 30 days ago, so Genesys Cloud removes it for good: it cannot be restored.');
  await expect(dialog).toContainText('Other organizations that authorized this client lose access');
  await dialog.getByLabel('Type “Fresh app” to confirm').fill('Fresh app');
  await dialog.getByRole('button', { name: 'Delete client' }).click();
  await expect(page.getByText('Deleted “Fresh app”.')).toBeVisible();
  await expect(page.locator('table.clients tbody tr[aria-rowindex]').filter({ hasText: 'Fresh app' })).toHaveCount(0);
  expect((await orgClients(request)).some((c) => c.id === made.id)).toBe(false);
});

test('a client with a role the admin lacks: said on its page and in the form before anything is typed', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${QUEUE_SYNC}`);
  await expect(page.getByRole('heading', { name: 'Queue monitor sync' })).toBeVisible();
  await expect(page.locator('#roles-note')).toContainText('You cannot change this client: it has a role you do not hold (“Supervisor”).');
  await expect(page.getByRole('button', { name: 'Disable' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.locator('#form-lock')).toContainText('You cannot change this client: it has a role you do not hold (“Supervisor”).');
  await expect(page.locator('#problem-count')).toHaveText('Fix 1 problem to save:');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('#problem-list').getByRole('button', { name: /^Roles: You cannot change this client/ })).toBeVisible();
  const before = (await orgClients(request)).find((c) => c.id === QUEUE_SYNC);
  expect(before.description).toBe('Seeded CLIENT-CREDENTIALS client');
});

test('login doctor: a run to a client registered with a trailing slash is diagnosed, fixed through the form, and then signs in', async ({ page, request }) => {
  const made = await (await request.post(`${ORG}/api/v2/oauth/clients`, {
    headers: { Authorization: `Bearer ${await apiToken(request)}` },
    data: { name: 'Slashed app', authorizedGrantType: 'CODE', accessTokenValiditySeconds: 3600, registeredRedirectUri: [`${SANDBOX_CALLBACK}/`], scope: ['users:readonly'] },
  })).json();
  const run = async () => {
    await page.goto('/tester');
    await page.getByLabel('Client id').fill(made.id);
    await page.getByRole('button', { name: 'Start run' }).click();
  };
  // Signed out: the run never comes back, and the card says what an admin session would add.
  await run();
  await expect(page.getByRole('heading', { name: 'Redirect URI not registered' })).toBeVisible();
  await page.goBack();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Waiting for the login page…');
  await expect(page.locator('#tester-doctor-hint')).toContainText("Signed in as an admin of this org (OAuth clients), this card would also show the org's view of the client");

  // Signed in to the same org: the org's view, the exact difference, and the fix.
  await signIn(page, 'PKCE');
  await page.goto('/tester');
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Waiting for the login page…');
  const doctor = page.locator('#tester-doctor');
  await expect(doctor.locator('li.fail')).toContainText(`${SANDBOX_CALLBACK} is not registered. The closest registered one, ${SANDBOX_CALLBACK}/, differs by a trailing slash`);
  await expect(doctor.locator('li').filter({ hasText: 'Grant type' })).toHaveClass(/pass/);
  await expect(doctor.locator('li').filter({ hasText: 'State' })).toHaveClass(/pass/);
  // A link made elsewhere edits nothing: neither the old parameter nor a guessed value.
  for (const query of ['add_redirect_uri=https%3A%2F%2Fevil.example%2Fcb', 'fix=guessed']) {
    await page.goto(`/clients/${made.id}/edit?${query}`);
    await expect(page.getByLabel('Redirect URIs')).toHaveValue(`${SANDBOX_CALLBACK}/`);
    if (query.startsWith('fix')) await expect(page.locator('#from-tester')).toContainText('was not made by the Login tester in this tab, or was used already: nothing was added.');
  }
  await page.goto('/tester');
  await page.locator('#tester-fix').click();

  await expect(page).toHaveURL(new RegExp(`/clients/${made.id}/edit\\?fix=[A-Za-z0-9_-]{43}$`));
  const fixUrl = page.url();
  // Shown first, added only when the admin says so.
  await expect(page.locator('#from-tester')).toContainText(`The Login tester offers to add this redirect URI to the client:${SANDBOX_CALLBACK}`);
  await expect(page.getByLabel('Redirect URIs')).toHaveValue(`${SANDBOX_CALLBACK}/`);
  await page.getByRole('button', { name: 'Add it to the redirect URIs' }).click();
  await expect(page.locator('#from-tester')).toContainText(`Added ${SANDBOX_CALLBACK} to the redirect URIs, from the Login tester.`);
  expect((await orgClients(request)).find((c) => c.id === made.id).registeredRedirectUri, 'nothing changes before Save').toEqual([`${SANDBOX_CALLBACK}/`]);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved “Slashed app”.')).toBeVisible();
  expect((await orgClients(request)).find((c) => c.id === made.id).registeredRedirectUri).toEqual([`${SANDBOX_CALLBACK}/`, SANDBOX_CALLBACK]);

  // The same run now signs in, and the doctor finds nothing wrong.
  await run();
  await page.getByRole('button', { name: 'Sign in as Dev Developer' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 2: Signed in');
  await expect(page.locator('#tester-doctor li')).not.toHaveCount(0);
  await expect(page.locator('#tester-doctor li.fail')).toHaveCount(0);
});
