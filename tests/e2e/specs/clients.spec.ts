import { test, expect, signIn, apiToken, orgClients, ORG } from './fixtures';
import type { Page } from '@playwright/test';

async function openNewClient(page: Page) {
  await signIn(page, 'PKCE');
  await page.getByRole('link', { name: 'OAuth clients', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'OAuth clients' })).toBeVisible();
  await page.getByRole('link', { name: 'New client' }).click();
  await expect(page.getByRole('heading', { name: 'New OAuth client' })).toBeVisible();
}

test('list: search, filter by grant and state, sort, counts and badges', async ({ page }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  const rows = page.locator('table.clients tbody tr[aria-rowindex]');
  await expect(rows).toHaveCount(12);
  await expect(page.getByText('12 of 12 clients')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Clients per grant type' })).toContainText('Token Implicit Grant (Browser): 3');
  await expect(rows.filter({ hasText: 'CRM Embeddable Framework' })).toContainText('Implicit — stops working by March 2027');
  await expect(rows.filter({ hasText: 'Retired dashboard' })).toContainText(/Inactive — deleted on \d{4}-\d\d-\d\d/);

  await page.locator('body').press('/');
  await expect(page.getByLabel('Search', { exact: true })).toBeFocused();
  await page.getByLabel('Search', { exact: true }).fill('scim');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('SCIM provisioning');
  await page.getByLabel('Search', { exact: true }).fill('apps.mypurecloud.com/crm');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Search', { exact: true }).fill('');
  await page.getByLabel('Grant type', { exact: true }).selectOption('CLIENT-CREDENTIALS');
  await expect(rows).toHaveCount(3);
  await page.getByLabel('Grant type', { exact: true }).selectOption('');
  await page.getByLabel('State', { exact: true }).selectOption('disabled');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Paused partner app');
  await page.getByLabel('State', { exact: true }).selectOption('');

  // A refresh reloads the clients and keeps what the list shows.
  await page.getByLabel('Search', { exact: true }).fill('scim');
  await page.getByLabel('Grant type', { exact: true }).selectOption('CLIENT-CREDENTIALS');
  await expect(rows).toHaveCount(1);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v2/oauth/clients')),
    page.getByRole('button', { name: 'Refresh' }).click(),
  ]);
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('scim');
  await expect(page.getByLabel('Grant type', { exact: true })).toHaveValue('CLIENT-CREDENTIALS');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Search', { exact: true }).fill('');
  await page.getByLabel('Grant type', { exact: true }).selectOption('');

  await expect(rows.first()).toContainText('CRM Embeddable Framework');
  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText('SSO bridge');
  await page.getByRole('button', { name: /^Grant/ }).click();
  await expect(rows.first()).toContainText('Client Credentials');
});

test('SCIM procedure: role in the home division, 450-day tokens, secret shown once', async ({ page, request }) => {
  await openNewClient(page);
  await page.getByRole('button', { name: 'SCIM', exact: true }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('SCIM');
  await expect(page.getByLabel('Client Credentials')).toBeChecked();
  await expect(page.getByRole('list', { name: 'Divisions of SCIM Integration' }).getByRole('listitem')).toHaveText(['Home (home)×']);
  await expect(page.getByLabel('Supervisor')).toBeDisabled();
  await page.getByLabel('Name', { exact: true }).fill('SCIM for Okta');
  await page.getByRole('button', { name: '450 days — SCIM only' }).click();
  await expect(page.locator('#duration-reading')).toHaveText('= 450 d');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { name: 'Created “SCIM for Okta”' })).toBeVisible();
  const secret = page.locator('#client-secret');
  await expect(secret).toHaveText(/^•+$/);
  await expect(page.getByText('This secret is shown only now')).toBeVisible();
  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(secret).toHaveText(/^[A-Za-z0-9]{43}$/);
  const id = await page.locator('#created-client-id').textContent();

  const held = (await orgClients(request)).find((c) => c.id === id);
  expect(held.name).toBe('SCIM for Okta');
  expect(held.accessTokenValiditySeconds).toBe(38880000);
  expect(held.roleDivisions).toEqual([
    { roleId: 'b6b1e1a0-0000-4000-8000-000000000005', divisionId: 'd1a2b3c4-0000-4000-8000-000000000001' },
  ]);
  // The secret is nowhere in storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain(await secret.textContent());
});

test('Embeddable Framework procedure: PKCE by default, saved at the first try, a typed name kept; the framework.js snippet', async ({ page, request }) => {
  await openNewClient(page);
  await page.getByLabel('Name', { exact: true }).fill('Agent desktop');
  await page.getByRole('button', { name: 'Embeddable Framework', exact: true }).click();
  // A template does not overwrite what the admin typed.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Agent desktop');
  await expect(page.getByLabel('Code Authorization')).toBeChecked();
  // Implicit is still there, as a legacy choice that says it is refused.
  await expect(page.locator('label.choice').filter({ hasText: 'Token Implicit Grant (Browser)' })).toContainText('legacy: Genesys Cloud refuses new clients of this grant since March 2026');
  await expect(page.getByLabel('Authorized redirect URIs')).toHaveValue('https://apps.mypurecloud.com/crm/index.html');
  await expect(page.getByLabel('Token duration (seconds)')).toHaveValue('64800');
  await expect(page.locator('#duration-reading')).toHaveText('= 18 h');
  await expect(page.getByRole('list', { name: 'Chosen scopes' }).getByRole('listitem')).toHaveCount(14);
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { name: 'Created “Agent desktop”' })).toBeVisible();
  const id = await page.locator('#created-client-id').textContent();
  await expect(page.locator('#framework-snippet')).toContainText(`"mypurecloud.com": "${id}"`);
  await expect(page.locator('#framework-note')).toContainText('supports PKCE');
  // A browser app with PKCE is not told to keep a secret it does not use.
  await expect(page.locator('.created')).toContainText('A browser app that signs in with PKCE does not use this secret');
  await expect(page.locator('.created')).not.toContainText('Copy it to your secret store');
  const held = (await orgClients(request)).find((c) => c.id === id);
  expect(held.authorizedGrantType).toBe('CODE');
  expect(held.scope).toContain('conversations');
});

test('an implicit client, where the org still allows one: the framework.js snippet, and its page names the cutoff', async ({ page, request }) => {
  await request.post(`${ORG}/sandbox/settings`, { data: { implicitPolicy: 'open' } });
  await openNewClient(page);
  await page.getByRole('button', { name: 'Embeddable Framework', exact: true }).click();
  await page.getByLabel('Token Implicit Grant (Browser)').check();
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { name: 'Created “Embeddable Framework”' })).toBeVisible();
  const id = await page.locator('#created-client-id').textContent();
  await expect(page.locator('#framework-snippet')).toContainText(`"mypurecloud.com": "${id}"`);
  expect((await orgClients(request)).find((c) => c.id === id).authorizedGrantType).toBe('TOKEN');
  await page.getByRole('link', { name: 'View the client' }).click();
  await expect(page.locator('#grant-note')).toHaveText('Implicit sign-in stops working by March 2027: move its apps to Authorization Code + PKCE (Move off implicit).');
});

test('a retired implicit grant is explained, and the same client is created for PKCE', async ({ page, request }) => {
  await openNewClient(page);
  await page.getByRole('button', { name: 'Embeddable Framework', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Agent desktop');
  await page.getByLabel('Token Implicit Grant (Browser)').check();
  await page.getByRole('button', { name: 'Create client' }).click();
  const retired = page.locator('#implicit-retired');
  await expect(retired).toContainText('Genesys Cloud no longer creates implicit-grant clients');
  await expect(page.locator(`#${'client-grant'}-errors`)).toContainText('March 2026');
  expect((await orgClients(request)).some((c) => c.name === 'Agent desktop')).toBe(false);
  await retired.getByRole('button', { name: 'Create it as Code Authorization (PKCE)' }).click();
  await expect(page.getByRole('heading', { name: 'Created “Agent desktop”' })).toBeVisible();
  // The procedure ended as a Code Authorization client: still the framework.js snippet, and what
  // the framework needs to sign in with it.
  const created = await page.locator('#created-client-id').textContent();
  await expect(page.locator('#framework-snippet')).toContainText(`"mypurecloud.com": "${created}"`);
  await expect(page.locator('#framework-note')).toContainText('supports PKCE');
  const held = (await orgClients(request)).find((c) => c.name === 'Agent desktop');
  expect(held.authorizedGrantType).toBe('CODE');
  expect(held.registeredRedirectUri).toEqual(['https://apps.mypurecloud.com/crm/index.html']);
});

test('a hostile client name in the framework.js snippet stays a string', async ({ page, request }) => {
  await request.post(`${ORG}/sandbox/settings`, { data: { implicitPolicy: 'open' } });
  const hostile = 'a\\",x:globalThis.pwned=1,//</script>\u2028\'';
  const token = await apiToken(request);
  const made = await (
    await request.post(`${ORG}/api/v2/oauth/clients`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        name: hostile, authorizedGrantType: 'TOKEN', accessTokenValiditySeconds: 64800,
        registeredRedirectUri: ['https://apps.mypurecloud.com/crm/index.html'], scope: ['users'],
      },
    })
  ).json();
  expect(made.id, JSON.stringify(made)).toBeTruthy();
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${made.id}`);
  const snippet = (await page.locator('#framework-snippet').textContent())!;
  // Evaluated here, in the test, as an agent's framework.js would run it: only the object.
  const win: any = {};
  const sandbox: any = {};
  new Function('window', 'globalThis', snippet)(win, sandbox);
  expect(Object.keys(win)).toEqual(['Framework']);
  expect(win.Framework.config.name).toBe(hostile);
  expect(win.Framework.config.clientIds).toEqual({ 'mypurecloud.com': made.id });
  expect(sandbox.pwned).toBeUndefined();
  expect((globalThis as any).pwned).toBeUndefined();
});

test('PKCE procedure and field errors beside their fields', async ({ page, request }) => {
  await openNewClient(page);
  await page.getByRole('button', { name: 'Browser app with PKCE' }).click();
  const create = page.getByRole('button', { name: 'Create client' });
  // Nothing is said before anything is typed, and Create stays reachable.
  await expect(create).toBeEnabled();
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(page.getByLabel('Authorized redirect URIs')).toHaveAttribute('aria-invalid', 'false');

  // A field's errors show once it is left.
  const name = page.getByLabel('Name', { exact: true });
  await name.fill('');
  await expect(page.locator('#client-name-errors')).toBeEmpty();
  await name.press('Tab');
  await expect(page.locator('#client-name-errors')).toContainText('A name is required.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  const duration = page.getByLabel('Token duration (seconds)');
  await duration.fill('299');
  await duration.press('Tab');
  await expect(page.locator('#client-duration-errors')).toContainText('At least 300 seconds');
  await duration.fill('172801');
  await expect(page.locator('#client-duration-errors')).toContainText('At most 172800 seconds');
  // 86400.5 is no duration (it was once read as 864005 s, 10 days).
  await duration.fill('86400.5');
  await expect(page.locator('#duration-reading')).toHaveText('');
  await expect(page.locator('#client-duration-errors')).toContainText('whole seconds');
  await expect(page.locator('#client-redirects-errors')).toBeEmpty();

  // A try shows every problem, lists each as a link to its field and moves to the first.
  await create.click();
  await expect(name).toBeFocused();
  await expect(page.locator('#client-redirects-errors')).toContainText('Add at least one redirect URI');
  await expect(page.locator('#problem-count')).toHaveText('Fix 3 problems to save:');
  const list = page.locator('#problem-list');
  await expect(list.getByRole('button')).toHaveText([
    'Name: A name is required.',
    /^Token duration: Enter the token duration in whole seconds/,
    'Authorized redirect URIs: Add at least one redirect URI: the browser returns there after sign-in.',
  ]);
  await list.getByRole('button', { name: /^Authorized redirect URIs/ }).click();
  await expect(page.getByLabel('Authorized redirect URIs')).toBeFocused();
  expect(page.url()).not.toContain('#');
  expect((await orgClients(request)).some((c) => c.name === '')).toBe(false);

  await page.getByLabel('Authorized redirect URIs').fill('http://app.example.com/cb\njavascript:alert(1)\nhttps://app.example.com/cb#top\nhttp://localhost:3000/cb\nhttp://localhost:3000/cb\nhttps://*.example.com/cb\nhttps://user:pw@app.example.com/cb');
  const uriErrors = page.locator('#client-redirects-errors');
  await expect(uriErrors).not.toContainText('Line 1');
  await expect(page.locator('#redirects-warnings')).toContainText('Line 1: Plain http off localhost');
  await expect(uriErrors).toContainText('Line 2: javascript:, data: and vbscript: URIs are never allowed.');
  await expect(uriErrors).toContainText('Line 3: Remove the fragment');
  await expect(page.locator('#redirects-warnings')).toContainText('Line 5: Duplicate of line 4');
  await expect(uriErrors).toContainText('Line 6: A wildcard (*) is not a host: the org matches a redirect URI exactly');
  await expect(uriErrors).toContainText('Line 7: This URI must not hold a user name or password before the host');
  await page.getByRole('button', { name: 'Remove scope user-basic-info' }).click();
  await expect(page.locator('#client-scopes-errors')).toContainText('Pick at least one scope.');
  await expect(page.locator('#problem-count')).toHaveText(/Fix \d+ problems to save:/);

  await page.getByLabel('Name', { exact: true }).fill('Team dashboard');
  await page.getByLabel('Token duration (seconds)').fill('3,600');
  await expect(page.locator('#duration-reading')).toHaveText('= 1 h');
  await page.getByLabel('Authorized redirect URIs').fill('https://dash.example.com/\nhttp://localhost:3000/cb');
  await page.getByLabel('Search scopes').fill('analytics:read');
  await page.getByRole('checkbox', { name: /analytics:readonly/ }).check();
  await expect(page.locator('#problem-list')).toHaveCount(0);
  await create.click();
  await expect(page.getByRole('heading', { name: 'Created “Team dashboard”' })).toBeVisible();
  const held = (await orgClients(request)).find((c) => c.name === 'Team dashboard');
  expect(held).toMatchObject({
    authorizedGrantType: 'CODE',
    accessTokenValiditySeconds: 3600,
    registeredRedirectUri: ['https://dash.example.com/', 'http://localhost:3000/cb'],
    scope: ['analytics:readonly'],
  });
});

test("the org's own field errors come back beside the field", async ({ page }) => {
  await signIn(page, 'PKCE');
  // A draft that names a scope the org no longer has: only the org can tell.
  await page.evaluate(() =>
    sessionStorage.setItem(
      // A draft belongs to one environment and org.
      `oauth-console.draft.sandbox.${JSON.parse(sessionStorage.getItem('oauth-console.session')!).org.id}.new`,
      JSON.stringify({
        name: 'Stale scopes', description: '', grant: 'CODE', duration: '86400',
        redirect_uris: 'https://app.example.com/', scopes: ['gone:forever'], role_divisions: [],
        state: 'active', date_to_delete: '',
      }),
    ),
  );
  await page.goto('/clients/new');
  await expect(page.getByText('Your unsaved draft is restored.')).toBeVisible();
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.locator('#client-scopes-errors')).toContainText('"gone:forever" is not a scope.');
  await expect(page.getByRole('alert').filter({ hasText: 'see the fields' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove scope gone:forever' }).click();
  await expect(page.locator('#client-scopes-errors')).not.toContainText('gone:forever');
});

test('regenerate the secret and delete, each after typing the name', async ({ page, request }) => {
  const token = await apiToken(request);
  const made = await (
    await request.post(`${ORG}/api/v2/oauth/clients`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        name: 'Nightly ETL', authorizedGrantType: 'CLIENT-CREDENTIALS', accessTokenValiditySeconds: 3600,
        roleDivisions: [{ roleId: 'b6b1e1a0-0000-4000-8000-000000000002', divisionId: '*' }],
      },
    })
  ).json();
  const basic = (secret: string) => ({
    headers: { Authorization: 'Basic ' + Buffer.from(`${made.id}:${secret}`).toString('base64') },
    form: { grant_type: 'client_credentials' },
  });
  expect((await request.post(`${ORG}/oauth/token`, basic(made.secret))).status()).toBe(200);

  await signIn(page, 'PKCE');
  let rolesFetched = 0;
  page.on('request', (r) => (rolesFetched += r.url().includes('/api/v2/authorization/roles') ? 1 : 0));
  await page.goto(`/clients/${made.id}`);
  await expect(page.getByRole('heading', { name: 'Nightly ETL' })).toBeVisible();
  await expect(page.getByText('Developer — All divisions')).toBeVisible();

  await page.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable client' }).click();
  await expect(page.locator('#client-state')).toHaveText(/^disabled/);
  await page.getByRole('button', { name: 'Enable' }).click();
  await expect(page.locator('#client-state')).toHaveText(/^active/);

  await page.getByRole('button', { name: 'Regenerate secret' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Regenerate secret' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type “Nightly ETL” to confirm').fill('Nightly');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type “Nightly ETL” to confirm').fill('Nightly ETL');
  const secretPost = page.waitForRequest((r) => r.url().endsWith(`/${made.id}/secret`) && r.method() === 'POST');
  await confirm.click();
  // A body-less POST still says JSON, as the vendor's SDK does.
  expect((await secretPost).headers()['content-type']).toBe('application/json');
  await expect(page.getByRole('heading', { name: 'New client secret' })).toBeVisible();
  await page.getByRole('button', { name: 'Reveal' }).click();
  const fresh = (await page.locator('#client-secret').textContent())!;
  expect(fresh).not.toBe(made.secret);
  expect((await request.post(`${ORG}/oauth/token`, basic(made.secret))).status()).toBe(401);
  expect((await request.post(`${ORG}/oauth/token`, basic(fresh))).status()).toBe(200);
  // The new secret is shown once: it stays while the admin works on.
  await page.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable client' }).click();
  await expect(page.locator('#client-state')).toHaveText(/^disabled/);
  await expect(page.getByRole('heading', { name: 'New client secret' })).toBeVisible();
  expect(rolesFetched, 'role names are loaded once, not after every action').toBe(1);

  await page.getByRole('button', { name: 'Delete' }).click();
  const typed = page.getByRole('dialog').getByLabel('Type “Nightly ETL” to confirm');
  await expect(typed).toBeFocused();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Tab');
  await expect(typed).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByLabel('Type “Nightly ETL” to confirm').fill('Nightly ETL');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete client' }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByText('Deleted “Nightly ETL”.')).toBeVisible();
  expect((await orgClients(request)).some((c) => c.id === made.id)).toBe(false);
});

test('a draft survives a forced token expiry and a new sign-in', async ({ page, request }) => {
  await openNewClient(page);
  await page.getByRole('button', { name: 'Browser app with PKCE' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Survivor');
  await page.getByLabel('Authorized redirect URIs').fill('https://survivor.example.com/');
  await request.post(`${ORG}/sandbox/expire-tokens`);
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Your session ended')).toBeVisible();
  expect(page.url()).toMatch(/\/clients\/new$/);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page).toHaveURL(/\/clients\/new$/);
  await expect(page.getByText('Your unsaved draft is restored.')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Survivor');
  await expect(page.getByLabel('Authorized redirect URIs')).toHaveValue('https://survivor.example.com/');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { name: 'Created “Survivor”' })).toBeVisible();
  expect((await orgClients(request)).filter((c) => c.name === 'Survivor')).toHaveLength(1);
  const drafts = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('oauth-console.draft.')));
  expect(drafts).toEqual([]);
});

test('missing SCIM Integration: restore the default roles after confirming', async ({ page, request }) => {
  const token = await apiToken(request);
  await request.delete(`${ORG}/api/v2/authorization/roles/b6b1e1a0-0000-4000-8000-000000000005`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await openNewClient(page);
  await page.getByRole('button', { name: 'SCIM', exact: true }).click();
  await expect(page.locator('#scim-missing')).toContainText('This org has no “SCIM Integration” role');
  await page.getByRole('button', { name: 'Restore default roles' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restore default roles' }).click();
  await expect(page.getByText('The default roles are restored.')).toBeVisible();
  await expect(page.locator('#scim-missing')).toHaveCount(0);
  await expect(page.getByText('SCIM Integration', { exact: true })).toBeVisible();
});

test('edit replaces the whole client; a Password client keeps its grant read-only', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients/c0ffee00-0000-4000-8000-000000000008');
  await expect(page.getByRole('heading', { name: 'Paused partner app' })).toBeVisible();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: 'Edit “Paused partner app”' })).toBeVisible();
  await expect(page.getByLabel('Authorized redirect URIs')).toHaveValue('https://partner.example.com/callback');
  await page.getByLabel('Name', { exact: true }).fill('Partner app');
  await page.getByLabel('Authorized redirect URIs').fill('https://partner.example.com/callback\nhttps://partner.example.com/v2/callback');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { name: 'Partner app' })).toBeVisible();
  await expect(page.getByText('Saved “Partner app”.')).toBeVisible();
  const held = (await orgClients(request)).find((c) => c.id === 'c0ffee00-0000-4000-8000-000000000008');
  expect(held).toMatchObject({
    name: 'Partner app',
    state: 'disabled',
    authorizedGrantType: 'CODE',
    scope: ['users:readonly'],
    registeredRedirectUri: ['https://partner.example.com/callback', 'https://partner.example.com/v2/callback'],
  });

  await page.goto('/clients/c0ffee00-0000-4000-8000-000000000007/edit');
  await expect(page.getByRole('group', { name: 'Grant type' })).toContainText('Password — kept as it is');
  await expect(page.getByRole('radio')).toHaveCount(0);
  await page.getByLabel('Description (optional)').fill('Kiosk in the lobby');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved “Legacy kiosk”.')).toBeVisible();
  const kiosk = (await orgClients(request)).find((c) => c.id === 'c0ffee00-0000-4000-8000-000000000007');
  expect(kiosk).toMatchObject({ authorizedGrantType: 'PASSWORD', description: 'Kiosk in the lobby' });
});

test('rate limited: the list waits out 429 answers (Retry-After) and loads', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await request.post(`${ORG}/sandbox/faults`, { data: { tooMany: 2, retryAfter: 1 } });
  await page.getByRole('link', { name: 'OAuth clients', exact: true }).click();
  await expect(page.getByText('Loading the org’s OAuth clients…'.replace('’', "'"))).toBeVisible();
  await expect(page.locator('table.clients tbody tr[aria-rowindex]')).toHaveCount(12, { timeout: 10_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

/** The org's record of a client, without what every save changes. */
async function record(request: any, id: string) {
  const c = (await orgClients(request)).find((x) => x.id === id);
  expect(c, id).toBeTruthy();
  const { dateModified, modifiedBy, description, ...rest } = c;
  return { rest, description };
}

test('a role in several divisions: shown per role, and an edit of the description keeps every pair', async ({ page, request }) => {
  const id = 'c0ffee00-0000-4000-8000-000000000005';
  const before = await record(request, id);
  expect(before.rest.roleDivisions).toHaveLength(3);
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${id}`);
  await expect(page.getByText('Developer — Home (home), Sales')).toBeVisible();
  await expect(page.getByText('Master Admin — All divisions')).toBeVisible();
  await page.getByRole('link', { name: 'Edit' }).click();
  const dev = page.getByRole('list', { name: 'Divisions of Developer' });
  await expect(dev.getByRole('listitem')).toHaveText(['Home (home)×', 'Sales×']);
  await expect(page.getByRole('list', { name: 'Divisions of Master Admin' }).getByRole('listitem')).toHaveText(['All divisions×']);
  // Add and remove a division: the form shows it; then put it back as it was.
  // Choosing alone grants nothing (arrow keys on the list are safe); Add does.
  await page.getByLabel('Add a division for Developer').selectOption({ label: 'Support' });
  await expect(dev.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Add the chosen division for Developer' }).click();
  await expect(dev.getByRole('listitem')).toHaveText(['Home (home)×', 'Sales×', 'Support×']);
  await page.getByRole('button', { name: 'Remove Support from Developer' }).click();
  await expect(page.getByRole('checkbox', { name: 'Developer' })).toBeFocused();
  await expect(dev.getByRole('listitem')).toHaveText(['Home (home)×', 'Sales×']);
  await page.getByLabel('Description (optional)').fill('Exports every night at 02:00');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved “Nightly export”.')).toBeVisible();
  const after = await record(request, id);
  expect(after.description).toBe('Exports every night at 02:00');
  expect(after.rest).toEqual(before.rest);

  // A role taken out of one division keeps its other division and every other role's.
  await page.goto(`/clients/${id}/edit`);
  await page.getByRole('button', { name: 'Remove Sales from Developer' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved “Nightly export”.')).toBeVisible();
  expect((await record(request, id)).rest.roleDivisions).toEqual([
    { roleId: 'b6b1e1a0-0000-4000-8000-000000000002', divisionId: 'd1a2b3c4-0000-4000-8000-000000000001' },
    { roleId: 'b6b1e1a0-0000-4000-8000-000000000001', divisionId: '*' },
  ]);
});

test('a legacy client: http and custom-scheme URIs are warnings, and it saves unchanged but for the description', async ({ page, request }) => {
  const id = 'c0ffee00-0000-4000-8000-00000000000a';
  const before = await record(request, id);
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${id}/edit`);
  await expect(page.getByRole('heading', { name: /Edit “Partner portal \(légacy\) 日本語 🚀”/ })).toBeVisible();
  const warnings = page.locator('#redirects-warnings li');
  await expect(warnings).toHaveCount(2);
  await expect(warnings.nth(0)).toContainText('Line 1: Plain http off localhost');
  await expect(warnings.nth(1)).toContainText('Line 2: Custom scheme "com.example.partner:"');
  await expect(page.getByLabel('Authorized redirect URIs')).toHaveAttribute('aria-invalid', 'false');
  // What the vendor refuses is still an error.
  await page.getByLabel('Authorized redirect URIs').fill('http://partner.example.com/oauth/callback\ncom.example.partner://cb#x');
  await page.getByLabel('Authorized redirect URIs').press('Tab');
  await expect(page.locator('#client-redirects-errors')).toContainText('Line 2: Remove the fragment');
  await page.getByLabel('Authorized redirect URIs').fill('http://partner.example.com/oauth/callback\ncom.example.partner://cb');
  await page.getByLabel('Description (optional)').fill('Partner portal — 日本 🚀');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(/Saved “Partner portal/)).toBeVisible();
  const after = await record(request, id);
  expect(after.description).toBe('Partner portal — 日本 🚀');
  expect(after.rest).toEqual(before.rest);
});

test('a client disabled by support: said plainly, and the org’s refusal to enable it shown as the org said it', async ({ page, request }) => {
  const id = 'c0ffee00-0000-4000-8000-000000000008';
  await signIn(page, 'PKCE');
  await page.goto(`/clients/${id}`);
  await expect(page.locator('#state-note')).toContainText('This client is disabled');
  await page.getByRole('button', { name: 'Enable' }).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText('Could not enable the client');
  await expect(refusal).toContainText('disabled by Genesys Cloud support');
  expect((await orgClients(request)).find((c) => c.id === id).state).toBe('disabled');
  // A client the admin disabled is enabled again.
  await page.goto('/clients/c0ffee00-0000-4000-8000-000000000006');
  await page.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable client' }).click();
  await expect(page.locator('#state-note')).toContainText('This client is disabled');
  await page.getByRole('button', { name: 'Enable' }).click();
  await expect(page.getByText('Enabled: the client can get tokens again.')).toBeVisible();
  await expect(page.locator('#state-note')).toHaveCount(0);
});
