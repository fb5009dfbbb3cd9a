// The Tester draws each run step by step: a PKCE run against the sandbox org with every step and
// no secret shown or exported; a run that an independent OAuth server refuses at the token step,
// marked there with the server's words; endpoints filled from a server's metadata, and a server
// without metadata saying so.
import { test, expect } from './fixtures';
import { OTHER_SERVER } from '../servers';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const APP = 'http://127.0.0.1:8080';

async function anyServer(page: Page, issuer: string) {
  await page.goto('/tester');
  await page.getByLabel('Environment').selectOption('server');
  await page.getByLabel('Issuer (to fill the endpoints from its metadata)').fill(issuer);
  await page.getByRole('button', { name: 'Fill from its metadata' }).click();
}

const steps = (page: Page) => page.locator('#tester-steps > li');

test('a PKCE run: every step drawn and listed, secrets masked on the page, in the picture and in the export', async ({ page }) => {
  const sent: Record<string, string> = {};
  page.on('request', (r) => {
    if (r.url().endsWith('/oauth/token')) Object.assign(sent, Object.fromEntries(new URLSearchParams(r.postData() ?? '')));
  });
  let token = '';
  page.on('response', async (r) => { if (r.url().endsWith('/oauth/token')) token = (await r.json()).access_token; });
  await page.goto('/tester');
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('button', { name: 'Sign in as Dev Developer' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');

  await expect(steps(page)).toHaveCount(6);
  await expect(page.locator('#tester-steps > li.ok')).toHaveCount(6);
  const titles = await steps(page).locator('strong').allInnerTexts();
  expect(titles).toEqual(['Authorize request', 'Sign-in at the login host', 'Callback', 'Token request', 'Who the token is', 'Who signed in']);
  await expect(steps(page).nth(3)).toContainText('POST /oauth/token');
  await expect(steps(page).nth(1).locator('.step-outcome')).toHaveText(/^done · \d+ ms$/);
  await expect(steps(page).nth(3).locator('.step-outcome')).toHaveText(/^OK · \d+ ms$/);
  await expect(steps(page).nth(4).locator('.step-outcome')).toHaveText(/^OK · \d+ ms$/);
  const img = page.locator('#tester-trace img');
  await expect(img).toHaveAttribute('alt', 'Sequence of run 1: 6 steps, none broke.');
  // The picture is a well-formed image the browser draws.
  await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(760);
  // It follows the page's colour scheme: its background light, then dark.
  const background = () => img.evaluate((i) => {
    const c = document.createElement('canvas');
    c.width = 20;
    c.height = 20;
    const g = c.getContext('2d')!;
    g.drawImage(i as HTMLImageElement, 0, 0);
    return Math.max(...g.getImageData(5, 5, 1, 1).data.slice(0, 3));
  });
  expect(await background()).toBeGreaterThan(200);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).toBeLessThan(60);
  await page.emulateMedia({ colorScheme: 'light' });

  // The authorize request decoded: state and challenge shown, the verifier hidden.
  await steps(page).nth(0).locator('summary').click();
  const authorize = steps(page).nth(0).locator('dl');
  await expect(authorize).toContainText('code_challenge_methodS256');
  await expect(authorize).toContainText('[hidden: kept in this tab for the token request]');
  await steps(page).nth(2).locator('summary').click();
  await steps(page).nth(3).locator('summary').click();
  await expect(steps(page).nth(2).locator('dl')).toContainText('code[masked]');
  await expect(steps(page).nth(3).locator('dl')).toContainText('code_verifier[masked]');

  expect(sent.code && sent.code_verifier && token).toBeTruthy();
  const shown = await page.locator('#tester-result').innerText();
  for (const secret of [sent.code, sent.code_verifier, token]) expect(shown).not.toContain(secret);

  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the picture (SVG)' }).click()]);
  expect(svg.suggestedFilename()).toBe('oauth-console-run-1.svg');
  const picture = readFileSync((await svg.path())!, 'utf8');
  expect(picture).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(picture.match(/<g class="step">/g)).toHaveLength(6);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Export runs as JSON/ }).click()]);
  const text = readFileSync((await json.path())!, 'utf8');
  const run = JSON.parse(text).oauthConsoleRuns[0];
  expect(run.trace.map((s: any) => [s.title, s.status])).toEqual(titles.map((t) => [t, 'Ok']));
  for (const secret of [sent.code, sent.code_verifier, token]) {
    expect(text).not.toContain(secret);
    expect(picture).not.toContain(secret);
  }
});

test('a run an OAuth server refuses at the token step is marked there with the server\'s error', async ({ page, watch }) => {
  watch.allowed.push(OTHER_SERVER);
  await anyServer(page, OTHER_SERVER);
  await expect(page.locator('#tester-discovery')).toContainText(`Filled from ${OTHER_SERVER}/.well-known/oauth-authorization-server`);
  await expect(page.getByLabel('Authorization endpoint')).toHaveValue(`${OTHER_SERVER}/authorize`);
  await expect(page.getByLabel('Token endpoint')).toHaveValue(`${OTHER_SERVER}/token`);
  await page.getByLabel('Client id').fill('refused-client');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText(/^Run 1: Failed/);
  await expect(steps(page)).toHaveCount(4);
  const failed = page.locator('#tester-steps > li.failed');
  await expect(failed).toHaveCount(1);
  await expect(failed.locator('strong')).toHaveText('Token request');
  await expect(failed.locator('.step-outcome')).toContainText('✗ broke here:');
  await expect(failed.locator('.step-outcome')).toContainText('The code was issued to another client');
  await expect(page.locator('#tester-trace img')).toHaveAttribute('alt', /it broke at step 4 \(Token request\): .*The code was issued to another client/);
  await expect.poll(() => page.locator('#tester-trace img').evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(760);
  await expect(page.locator('#tester-advice')).toContainText('The code was issued to another client. A code is single use');
  // No org to ask about an independent server's client.
  await expect(page.locator('#tester-doctor-hint')).toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await steps(page).nth(3).locator('details').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    expect(await violations(page), `the trace and the discovery (${scheme})`).toEqual([]);
  }
});

test('discovery: an OpenID document fills the endpoints and the run signs in; no metadata or another issuer\'s says so and changes nothing', async ({ page, watch }) => {
  watch.allowed.push(OTHER_SERVER);
  await anyServer(page, `${OTHER_SERVER}/oidc`);
  await expect(page.locator('#tester-discovery')).toContainText(`Filled from ${OTHER_SERVER}/oidc/.well-known/openid-configuration`);
  await expect(page.locator('#tester-discovery')).toContainText(`userinfo ${OTHER_SERVER}/oidc/userinfo`);
  await expect(page.getByLabel('Token endpoint')).toHaveValue(`${OTHER_SERVER}/oidc/token`);
  await page.getByLabel('Client id').fill('any-client');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.locator('#tester-outcome')).toHaveText('Run 1: Signed in');
  await expect(page.locator('#tester-steps > li.ok')).toHaveCount(5);
  await expect(steps(page).nth(4).locator('strong')).toHaveText('Who signed in (userinfo)');
  await expect(page.locator('#tester-who')).toContainText('Olivia Other <olivia@other.example>');

  // A server without metadata: said so, both documents named, the typed endpoints kept.
  await page.getByLabel('Authorization endpoint').fill('https://auth.example.com/a');
  await page.getByLabel('Token endpoint').fill('https://auth.example.com/t');
  await page.getByLabel('Issuer (to fill the endpoints from its metadata)').fill(`${OTHER_SERVER}/bare`);
  await page.getByRole('button', { name: 'Fill from its metadata' }).click();
  const said = page.locator('#tester-discovery [role=alert]');
  await expect(said).toContainText(`${OTHER_SERVER}/bare publishes no metadata this page could read`);
  await expect(said).toContainText(`${OTHER_SERVER}/.well-known/oauth-authorization-server/bare: HTTP 404.`);
  await expect(said).toContainText(`${OTHER_SERVER}/bare/.well-known/openid-configuration: HTTP 404.`);
  await expect(page.getByLabel('Authorization endpoint')).toHaveValue('https://auth.example.com/a');
  await expect(page.getByLabel('Token endpoint')).toHaveValue('https://auth.example.com/t');

  // A document naming another issuer is refused.
  await page.getByLabel('Issuer (to fill the endpoints from its metadata)').fill(`${OTHER_SERVER}/liar`);
  await page.getByLabel('Issuer (to fill the endpoints from its metadata)').press('Enter');
  await expect(said).toContainText('it names the issuer "https://login.example.com"');
  await expect(page.getByLabel('Token endpoint')).toHaveValue('https://auth.example.com/t');
  // A document larger than any metadata: read only up to its cap, cut off, and said so.
  await page.getByLabel('Issuer (to fill the endpoints from its metadata)').fill(`${OTHER_SERVER}/huge`);
  await page.getByLabel('Issuer (to fill the endpoints from its metadata)').press('Enter');
  await expect(said).toContainText(`${OTHER_SERVER}/huge/.well-known/openid-configuration: The answer from ${OTHER_SERVER}/huge/.well-known/openid-configuration is larger than 1024 KB, more than this request ever needs: it was cut off and nothing of it was used.`);
  await expect(page.getByLabel('Token endpoint')).toHaveValue('https://auth.example.com/t');
  // Not an issuer at all: said where it is typed, nothing asked.
  await page.getByLabel('Issuer (to fill the endpoints from its metadata)').fill('auth.example.com');
  await page.getByRole('button', { name: 'Fill from its metadata' }).click();
  await expect(page.locator('.discover [role=alert]').first()).toContainText('The issuer must be an absolute URL such as https://');
});
