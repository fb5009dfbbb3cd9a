// Export and import: the chosen clients to JSON (no secret) and Terraform, deleted, then imported
// back from the file with the same fields; conflicts handled by the admin's choice; files that
// are not clients refused with nothing changed.
import { test, expect, signIn, ORG, orgClients, apiToken } from './fixtures';
import { readFileSync } from 'node:fs';

const fields = (c: any) => ({
  name: c.name, description: c.description, grant: c.authorizedGrantType, duration: c.accessTokenValiditySeconds,
  uris: c.registeredRedirectUri ?? [], scope: c.scope ?? [], roles: c.roleDivisions ?? [], state: c.state,
});

test('export three clients, delete them, import the file: the org holds them again as they were', async ({ page, request }) => {
  await request.post(`${ORG}/sandbox/seed`, { data: { count: 3 } });
  const before = (await orgClients(request)).filter((c) => c.name.startsWith('Bulk client')).map(fields);
  expect(before).toHaveLength(3);
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await page.getByLabel('Search').fill('Bulk client');
  await page.getByLabel('Select all 3 filtered clients').check();

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(json.suggestedFilename()).toBe('oauth-clients-sandbox-org.json');
  const path = await json.path();
  const text = readFileSync(path!, 'utf8');
  const file = JSON.parse(text);
  expect(file.format).toBe('oauth-console.clients');
  expect(file.clients).toHaveLength(3);
  expect(text).not.toMatch(/secret/i);
  expect(file.roles).toEqual([{ id: 'b6b1e1a0-0000-4000-8000-000000000002', name: 'Developer' }]);
  await expect(page.getByText('Exported 3 clients as JSON. No secret is in the file.')).toBeVisible();

  const [tf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Terraform' }).click()]);
  const hcl = readFileSync((await tf.path())!, 'utf8');
  expect(hcl.match(/resource "genesyscloud_oauth_client"/g)).toHaveLength(3);
  expect(hcl).toContain('data "genesyscloud_auth_role" "role_developer" {\n  name = "Developer"\n}');
  expect(hcl).toContain('role_id     = data.genesyscloud_auth_role.role_developer.id');

  // Delete them (young clients: removed for good).
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByLabel('Type “3” to confirm').fill('3');
  await page.getByRole('button', { name: 'Delete 3 clients' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Delete: 3 of 3 finished · 3 deleted · 0 skipped · 0 failed');
  expect((await orgClients(request)).filter((c) => c.name.startsWith('Bulk client'))).toHaveLength(0);

  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import clients' })).toBeVisible();
  await page.locator('#import-file').setInputFiles(path!);
  const name = path!.split('/').pop()!; // the downloaded file, as the picker names it
  await expect(page.locator('#import-loaded')).toHaveText(`Loaded: ${name}`);
  await expect(page.locator('#import-summary')).toHaveText(/”: 3 clients · 0 with problems · 3 to send$/);
  await expect(page.locator('#import-entries tbody tr')).toHaveCount(3);
  await page.getByRole('button', { name: 'Import 3 clients' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Import: 3 of 3 finished · 3 imported · 0 skipped · 0 failed');
  const after = (await orgClients(request)).filter((c) => c.name.startsWith('Bulk client'));
  const byName = (a: any[]) => [...a].sort((x, y) => x.name.localeCompare(y.name));
  expect(byName(after.map(fields))).toEqual(byName(before));
  // Done: what was done is shown, and nothing is offered to send again (one more click would
  // have made every client twice).
  await expect(page.locator('#import-sent')).toContainText(`“${name}” was imported`);
  await expect(page.locator('#import-go')).toHaveCount(0);
  await expect(page.locator('#import-entries')).toHaveCount(0);
  await expect(page.locator('#import-loaded')).toHaveText(`Imported: ${name}`);
  // The new clients' secrets, shown once, as after a create: each named, masked until revealed.
  const secrets = page.locator('#import-secrets');
  await expect(secrets.locator('.secret')).toHaveCount(3);
  // A service's client: its secret is exchanged for a token below.
  const first = byName(after.filter((c) => c.authorizedGrantType === 'CLIENT-CREDENTIALS'))[0];
  expect(first, 'a Client Credentials client among the three').toBeTruthy();
  await secrets.locator('li').filter({ hasText: first.name }).getByRole('button', { name: 'Reveal' }).click();
  const shown = await secrets.getByLabel(`Client secret of ${first.name}`, { exact: true }).textContent();
  expect(shown).not.toContain('•');
  // It is that client's secret: the org gives a token for it.
  const token = await request.post(`${ORG}/oauth/token`, {
    headers: { Authorization: 'Basic ' + Buffer.from(`${first.id}:${shown}`).toString('base64') },
    form: { grant_type: 'client_credentials' },
  });
  expect(token.status()).toBe(200);
  // In this page's memory only.
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain(shown!);
  // The same file chosen again is a new choice: now every name exists, and the preview skips them unless told otherwise.
  await page.locator('#import-file').setInputFiles(path!);
  await expect(page.locator('#import-entries tbody tr').first()).toContainText('Skipped: a client of this name exists');
  await page.getByLabel('Create them with a new name (“… (imported)”)').check();
  await expect(page.getByRole('button', { name: 'Import 3 clients' })).toBeEnabled();
  await expect(page.locator('#import-entries tbody tr').first()).toContainText('(imported)”');
});

test('files that are not clients are refused and change nothing; bad entries are shown and left out', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients/import');
  const count = async () => (await orgClients(request)).length;
  const n = await count();
  const put = (name: string, text: string | Buffer) =>
    page.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

  await put('page.json', '<html><script>alert(1)</script></html>');
  await expect(page.locator('#import-error')).toContainText('“page.json” cannot be imported');
  await expect(page.locator('#import-error')).toContainText('The file is not JSON');
  await put('junk.json', Buffer.alloc(10 * 1024 * 1024, 'x'));
  await expect(page.locator('#import-error')).toContainText('an import reads at most 5 MB');
  await put('other.json', JSON.stringify({ format: 'something-else', clients: [] }));
  await expect(page.locator('#import-error')).toContainText('its format is "something-else"');
  await expect(page.locator('#import-go')).toHaveCount(0);

  const entries = [
    { name: '<img src=x onerror=alert(1)>', authorizedGrantType: 'CODE', registeredRedirectUri: ['https://ok.example/cb'], scope: ['users:readonly'] },
    { name: 'Way too short', authorizedGrantType: 'CODE', accessTokenValiditySeconds: 10, registeredRedirectUri: ['https://ok.example/cb'], scope: ['users:readonly'] },
    { name: 'Ghost role', authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: [{ roleId: 'nope', divisionId: '*' }] },
    { name: 'Script in a URI', authorizedGrantType: 'CODE', registeredRedirectUri: ['javascript:alert(1)'], scope: ['users:readonly'] },
  ];
  await put('mixed.json', JSON.stringify(entries));
  await expect(page.locator('#import-summary')).toHaveText('“mixed.json”: 4 clients · 3 with problems · 1 to send');
  const rows = page.locator('#import-entries tbody tr');
  await expect(rows.nth(0)).toContainText('<img src=x onerror=alert(1)>');
  await expect(rows.nth(1)).toContainText('At least 300 seconds');
  await expect(rows.nth(2)).toContainText('Role nope, which the file does not name, is not in this org.');
  await expect(rows.nth(3)).toContainText('Skipped');
  expect(await count()).toBe(n);
  await page.getByRole('button', { name: 'Import 1 client' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Import: 4 of 4 finished · 1 imported · 3 skipped · 0 failed');
  const names = (await orgClients(request)).map((c) => c.name);
  expect(names).toContain('<img src=x onerror=alert(1)>');
  expect(names).not.toContain('Way too short');
  expect(await count()).toBe(n + 1);
});

test("a replacement shows what it changes in the org's client and is confirmed on its own", async ({ page, request }) => {
  const token = await apiToken(request);
  const made = await (await request.post(`${ORG}/api/v2/oauth/clients`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { name: 'Replace me', authorizedGrantType: 'CODE', accessTokenValiditySeconds: 3600, registeredRedirectUri: ['https://app.example/cb'], scope: ['users:readonly'] },
  })).json();
  await signIn(page, 'PKCE');
  await page.goto('/clients/import');
  const file = [{ name: 'Replace me', authorizedGrantType: 'CODE', accessTokenValiditySeconds: 7200, registeredRedirectUri: ['https://app.example/cb', 'https://app.example/cb2'], scope: ['users:readonly'] }];
  await page.locator('#import-file').setInputFiles({ name: 'one.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByLabel("Replace the org's client with the file's").check();
  const row = page.locator('#import-entries tbody tr').first();
  await expect(row.locator('ul.diff li')).toHaveText([
    'Token duration: 3600 s → 7200 s',
    'Redirect URIs: https://app.example/cb → https://app.example/cb, https://app.example/cb2',
  ]);
  const go = page.getByRole('button', { name: 'Import 1 client' });
  await expect(go).toBeDisabled();
  await page.getByLabel("Replace 1 of the clients of Sandbox Org with the file's, as shown above").check();
  await go.click();
  await expect(page.locator('#bulk-tally')).toHaveText('Import: 1 of 1 finished · 1 imported · 0 skipped · 0 failed');
  const now = (await orgClients(request)).find((c) => c.id === made.id);
  expect(now.accessTokenValiditySeconds).toBe(7200);
  expect(now.registeredRedirectUri).toEqual(['https://app.example/cb', 'https://app.example/cb2']);
});
