// A server this copy of the console may not contact (outside its Content-Security-Policy): the
// Tester says so before the run and after it, and how to allow it, instead of blaming the server.
import { test, expect } from './fixtures';
import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const OUTSIDE = 'http://127.0.0.1:8798';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a server outside the policy: warned before the run, the run said blocked, not blamed on the server', async ({ page, watch }) => {
  // The same independent OAuth server as the trace tests use, on a port the policy does not list.
  const server = spawn('node', ['oauth-server.mjs', '8798'], { stdio: 'ignore' });
  try {
    await expect.poll(() => fetch(`${OUTSIDE}/.well-known/oauth-authorization-server`).then((r) => r.status, () => 0)).toBe(200);
    watch.allowed.push(OUTSIDE);
    await page.goto('/tester');
    await page.getByLabel('Environment').selectOption('server');
    // Its metadata is not asked either: said exactly.
    await page.getByLabel('Issuer (to fill the endpoints from its metadata)').fill(OUTSIDE);
    await page.getByRole('button', { name: 'Fill from its metadata' }).click();
    await expect(page.locator('#tester-discovery [role=alert]')).toContainText(`${OUTSIDE}/.well-known/oauth-authorization-server: not asked. This copy of the console may contact only`);
    await page.getByLabel('Authorization endpoint').fill(`${OUTSIDE}/authorize`);
    await page.getByLabel('Token endpoint').fill(`${OUTSIDE}/token`);
    await page.getByLabel('Client id').fill('any-client');
    const warning = page.locator('#tester-csp-warning');
    await expect(warning).toContainText(`${OUTSIDE} is not among them`);
    await expect(warning).toContainText(`CSP_CONNECT_EXTRA="${OUTSIDE}" make dist`);
    // The run still goes (its login page is a navigation); its token request never leaves.
    await page.getByRole('button', { name: 'Start run' }).click();
    await expect(page.locator('#tester-outcome')).toHaveText("Run 1: Failed: This console's Content-Security-Policy blocked the request");
    const advice = page.locator('#tester-advice');
    await expect(advice).toContainText(`${OUTSIDE} is not among them`);
    await expect(advice).not.toContainText('CORS');
    // The step that broke says why, too.
    await expect(page.locator('#tester-steps > li.failed .step-outcome')).toContainText("blocked by this page's Content-Security-Policy: the request never left the browser");
    await expect(page.locator('#tester-outcome')).toBeFocused();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await violations(page), `the CSP-blocked result (${scheme})`).toEqual([]);
    }
  } finally {
    server.kill();
  }
  // The browser reported the blocks (the fixture hears them): expected here, and only these.
  const blocked = watch.problems.filter((p) => p.includes(OUTSIDE));
  expect(blocked.length).toBeGreaterThan(0);
  watch.problems.splice(0, watch.problems.length, ...watch.problems.filter((p) => !p.includes(OUTSIDE)));
});

test('a server the policy lists: no warning; one outside it: warned as it is typed', async ({ page }) => {
  await page.goto('/tester');
  await page.getByLabel('Environment').selectOption('server');
  await page.getByLabel('Authorization endpoint').fill(`${OUTSIDE}/authorize`);
  await page.getByLabel('Token endpoint').fill(`${OUTSIDE}/token`);
  const warning = page.locator('#tester-csp-warning');
  await expect(warning).toContainText(`${OUTSIDE} is not among them`);
  // The independent server the tests' copy lists (CSP_CONNECT_EXTRA): no warning.
  await page.getByLabel('Token endpoint').fill('http://127.0.0.1:8797/token');
  await expect(warning).toHaveCount(0);
  // Implicit asks no token endpoint: nothing to warn of.
  await page.getByLabel('Token endpoint').fill(`${OUTSIDE}/token`);
  await expect(warning).toBeVisible();
  await page.getByLabel('Implicit grant').check();
  await expect(warning).toHaveCount(0);
});
