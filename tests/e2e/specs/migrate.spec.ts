// Moving off the implicit grant (/migrate): the whole path for one client (inventory → PKCE
// client → tested in the Login tester → recorded → old one retired), the status as a second
// admin sees it, every chosen client at once under 429s with the report, and axe light and dark.
import { test, expect, signIn, ORG, orgClients } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

const IN_USE = 'c0ffee00-0000-4000-8000-0000000000d1';
const REPLACED = 'c0ffee00-0000-4000-8000-0000000000d3';
const APP_URI = 'https://desktop.example.com/';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openMigration(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Move off implicit' }).click();
  await expect(page.getByRole('heading', { name: 'Move off the implicit grant' })).toBeVisible();
}

test('one client the whole way: PKCE client, tested in the Tester, recorded, old one retired; a second admin sees each step', async ({ page, request, browser, watch }) => {
  await request.post(`${ORG}/sandbox/seed`, { data: { scenario: 'implicit' } });
  watch.allowed.push(APP_URI);
  await page.route(`${APP_URI}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>Desktop</title><p>Agent desktop</p>' }),
  );
  await signIn(page, 'PKCE');
  await openMigration(page);
  await expect(page.locator('#countdown')).toContainText('days until implicit sign-in stops (by March 2027');
  // The org's implicit clients: the seeded three (one retired), and the estate's four (one replaced).
  await expect(page.locator('#migration-counts')).toHaveText('7 implicit clients: 5 not started · 1 with a PKCE client · 0 tested · 1 retired');
  await expect(page.locator(`#stage-${REPLACED}`)).toHaveText('PKCE client created');
  const row = page.locator(`#move-${IN_USE}`);
  await expect(row.locator('td.uris')).toHaveText(APP_URI);
  await expect(row.locator('td.usage')).toHaveText(/^[\d,]+ · last \d{4}-\d\d-\d\d$/);

  // Create its replacement.
  await row.getByRole('button', { name: 'Create PKCE client' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Create PKCE clients: 1 of 1 finished · 1 created · 0 skipped · 0 failed');
  await expect(page.locator(`#stage-${IN_USE}`)).toHaveText('PKCE client created');
  const made = (await orgClients(request)).filter((c) => c.name === 'Agent desktop (PKCE)');
  expect(made).toHaveLength(1);
  const old = (await orgClients(request)).find((c) => c.id === IN_USE);
  expect(made[0]).toMatchObject({
    authorizedGrantType: 'CODE',
    registeredRedirectUri: old.registeredRedirectUri,
    scope: old.scope,
    accessTokenValiditySeconds: old.accessTokenValiditySeconds,
    state: 'active',
  });
  expect(made[0].description).toContain(`Replaces implicit client ${IN_USE} (Agent desktop).`);
  await expect(row.locator('code.id')).toHaveText(made[0].id);
  await expect(row.getByRole('button', { name: 'Create PKCE client' })).toHaveCount(0);

  // Another admin, in another browser, sees the same status.
  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(second, 'PKCE');
  await openMigration(second);
  await expect(second.locator(`#stage-${IN_USE}`)).toHaveText('PKCE client created');

  // The developers' snippets name the new client.
  await row.getByText('What the developers of Agent desktop change').click();
  await expect(row.locator('pre.snippet').first()).toContainText(`client.loginPKCEGrant("${made[0].id}", "${APP_URI}")`);

  // Test it: the Tester opens prefilled; the sign-in lands on the app's own address, pasted back.
  await row.getByRole('button', { name: 'Test it in the Login tester' }).click();
  await expect(page.locator('#tester-purpose')).toContainText('Testing the PKCE client of “Agent desktop”.');
  await expect(page.getByLabel('Client id')).toHaveValue(made[0].id);
  await expect(page.getByLabel('Redirect URI')).toHaveValue(APP_URI);
  await expect(page.getByLabel('PKCE')).toBeChecked();
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page).toHaveURL(/^https:\/\/desktop\.example\.com\/\?code=/);
  const landed = page.url();
  await page.goto('/tester');
  await page.getByLabel('Landed somewhere else? Paste the address').fill(landed);
  await page.getByRole('button', { name: 'Check this address' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');

  // Back on the migration page: the run is offered to be recorded in the org.
  await openMigration(page);
  await expect(row.locator('.tested-here')).toContainText(/^Login tester, \d{4}-\d\d-\d\d: Signed in\./);
  await row.getByRole('button', { name: 'Record as tested' }).click();
  await expect(page.locator(`#stage-${IN_USE}`)).toHaveText('Tested');
  await second.reload();
  await expect(second.locator(`#stage-${IN_USE}`)).toHaveText('Tested');

  // Retire the old one: still in use, so its name must be typed.
  await row.getByRole('button', { name: 'Retire Agent desktop' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(/It served [\d,]+ requests in the last 7 days/);
  await expect(dialog).toContainText('Genesys Cloud deletes it');
  const confirm = dialog.getByRole('button', { name: 'Retire it' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type “Agent desktop” to confirm').fill('Agent desktop');
  await confirm.click();
  await expect(page.locator(`#stage-${IN_USE}`)).toHaveText('Old one retired');
  const retired = (await orgClients(request)).find((c) => c.id === IN_USE);
  expect(retired.state).toBe('inactive');
  expect(retired.dateToDelete).toMatch(/^\d{4}-\d\d-\d\dT00:00:00/);
  await other.close();
});

test('every client not started at once, while the org answers 429 to every third request: one PKCE client each, and the report', async ({ page, request }) => {
  await request.post(`${ORG}/sandbox/seed`, { data: { scenario: 'implicit' } });
  await signIn(page, 'PKCE');
  await openMigration(page);
  await expect(page.locator('#migration-counts')).toHaveText('7 implicit clients: 5 not started · 1 with a PKCE client · 0 tested · 1 retired');
  await request.post(`${ORG}/sandbox/faults`, { data: { tooManyEvery: 3, retryAfter: 1 } });
  await page.getByRole('button', { name: 'Choose every one not started' }).click();
  await page.getByRole('button', { name: 'Create PKCE clients for 5 chosen' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Create PKCE clients: 5 of 5 finished · 5 created · 0 skipped · 0 failed', { timeout: 30_000 });
  await request.post(`${ORG}/sandbox/faults`, { data: {} });
  await expect(page.locator('#migration-counts')).toHaveText('7 implicit clients: 0 not started · 6 with a PKCE client · 0 tested · 1 retired');
  const clients = await orgClients(request);
  const pkce = clients.filter((c) => c.name.endsWith(' (PKCE)') && c.description?.includes('Replaces implicit client'));
  // One per implicit client that needed one, plus the one the org held already (and the console's own PKCE client is not one).
  expect(pkce.map((c) => c.name).sort()).toEqual(
    ['Agent desktop (PKCE)', 'CRM Embeddable Framework (PKCE)', 'Field partner app (PKCE)', 'Intranet widget (PKCE)', 'Wallboard (PKCE)', 'oauth-console (implicit) (PKCE)'],
  );
  await expect(page.getByRole('button', { name: 'Create PKCE clients for the chosen' })).toBeDisabled();

  // The report holds each client's use once the org has told it.
  await expect(page.locator(`#move-${IN_USE} td.usage`)).toHaveText(/ · last /, { timeout: 15_000 });
  await expect(page.locator('#report-pending')).toHaveCount(0);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Report (CSV)' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^implicit-migration-\d{4}-\d\d-\d\d\.csv$/);
  const lines = readFileSync((await csv.path())!, 'utf8').split('\r\n');
  expect(lines[0]).toBe('name,old id,new id,redirect URIs,requests (30 days),last used,status');
  const desktop = lines.find((l) => l.startsWith('Agent desktop,'))!;
  const newId = pkce.find((c) => c.name === 'Agent desktop (PKCE)').id;
  expect(desktop).toMatch(new RegExp(`^Agent desktop,${IN_USE},${newId},${APP_URI},\\d+,\\d{4}-\\d\\d-\\d\\d,created$`));
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Report (JSON)' }).click()]);
  const report = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(report.clients).toHaveLength(7);
  expect(report.clients.find((c: any) => c.oldId === IN_USE)).toMatchObject({ newId, status: 'created', redirectUris: [APP_URI] });

  // axe, light and dark, with a hand-off open.
  await page.locator(`#move-${IN_USE}`).getByText('What the developers of Agent desktop change').click();
  expect(await violations(page), 'migration, light').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await violations(page), 'migration, dark').toEqual([]);
});

test('import: implicit entries are offered as Code Authorization clients, and created so', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients/import');
  const file = [
    { name: 'Kiosk app', authorizedGrantType: 'TOKEN', accessTokenValiditySeconds: 28800, description: 'Lobby kiosk',
      registeredRedirectUri: ['https://kiosk.example.com/'], scope: ['presence', 'user-basic-info'] },
    { name: 'Store app', authorizedGrantType: 'TOKEN', registeredRedirectUri: ['https://store.example.com/cb'], scope: ['users:readonly'] },
  ];
  await page.locator('#import-file').setInputFiles({ name: 'implicit.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const offer = page.locator('#import-implicit-as-code');
  await expect(offer).toContainText('Create the 2 implicit client(s) as Code Authorization clients, used with PKCE');
  await expect(offer.getByRole('checkbox')).toBeChecked();
  const rows = page.locator('#import-entries tbody tr');
  await expect(rows.nth(0)).toContainText('Created as “Kiosk app”, a Code Authorization client (PKCE)');
  // Not silent: unchecked, the entries stay implicit (and the org would refuse them).
  await offer.getByRole('checkbox').uncheck();
  await expect(rows.nth(0)).toContainText('Created as “Kiosk app”');
  await expect(rows.nth(0)).not.toContainText('Code Authorization client (PKCE)');
  await offer.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Import 2 clients' }).click();
  await expect(page.locator('#bulk-tally')).toHaveText('Import: 2 of 2 finished · 2 imported · 0 skipped · 0 failed');
  await expect(page.locator('#bulk-items')).toContainText('Kiosk app (as Code Authorization)');
  const made = (await orgClients(request)).filter((c) => c.name === 'Kiosk app' || c.name === 'Store app');
  expect(made.map((c) => c.authorizedGrantType)).toEqual(['CODE', 'CODE']);
  expect(made.find((c) => c.name === 'Kiosk app')).toMatchObject({
    accessTokenValiditySeconds: 28800, description: 'Lobby kiosk', registeredRedirectUri: ['https://kiosk.example.com/'], scope: ['presence', 'user-basic-info'],
  });
});
