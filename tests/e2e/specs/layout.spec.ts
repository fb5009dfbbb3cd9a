// Every column readable at 1280 px with usage on, the list sorted by usage, the header on one
// line, and on a 390 px phone no page wider than the screen and one scroll.
import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';

/** Cells (and header parts) whose text is cut: wider than their box. */
async function cut(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => [...document.querySelectorAll<HTMLElement>(sel)]
    .filter((e) => e.scrollWidth > e.clientWidth + 1)
    .map((e) => `${e.className}: ${e.innerText.slice(0, 40)} (${e.scrollWidth} > ${e.clientWidth})`), selector);
}

/** How far the focused element sticks out of its table cell and of the window (0: not at all). */
async function focusedHidden(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const r = el.getBoundingClientRect();
    const cell = (el.closest('td') ?? document.documentElement).getBoundingClientRect();
    const out = (a: DOMRect, b: DOMRect) => Math.max(0, b.left - a.left, a.right - b.right, b.top - a.top, a.bottom - b.bottom);
    const win = new DOMRect(0, 0, innerWidth, innerHeight);
    return Math.max(out(r, cell), out(r, win), r.width === 0 ? 1 : 0);
  });
}

test('at 1280 px with usage on: no cell cut, Restore in view and focused visibly, sorted by usage', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  const rows = page.locator('table.clients tbody tr[aria-rowindex]');
  await expect(rows).toHaveCount(12);
  // The header's links on one line, each on one line.
  const nav = await page.locator('header nav a').evaluateAll((as) => as.map((a) => [a.getClientRects().length, Math.round(a.getBoundingClientRect().top)]));
  expect(nav.length).toBe(4);
  expect(new Set(nav.map(([lines, top]) => `${lines}@${top}`)).size, JSON.stringify(nav)).toBe(1);
  expect(nav[0][0]).toBe(1);

  await page.getByLabel('Usage (30 days)').check();
  await expect(page.locator('#usage-asking')).toHaveCount(0);
  await expect(page.locator('td.col-usage').filter({ hasText: '…' })).toHaveCount(0);
  expect(await cut(page, 'table.clients th, table.clients td')).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: 'test-results/list-with-usage.png' });

  // The deleted client's Restore: shown, reached by Tab, its focus seen.
  const old = rows.filter({ hasText: 'Old reporting app' });
  await expect(old.locator('td.col-state')).toContainText('Deleted');
  const restore = old.getByRole('button', { name: 'Restore Old reporting app' });
  await expect(restore).toBeVisible();
  await old.getByRole('button', { name: 'Copy the client id of Old reporting app' }).focus();
  await page.keyboard.press('Tab');
  await expect(restore).toBeFocused();
  expect(await focusedHidden(page)).toBe(0);
  expect(await restore.evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe('none');

  // Sorted by usage: the most used first, then the other way; clients not told yet last.
  const header = page.getByRole('columnheader', { name: /Usage \(30 days\)/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('#usage-asking')).toHaveCount(0);
  const used = async () => (await page.locator('td.col-usage').allInnerTexts()).map((t) => (t === 'not used' ? 0 : Number(t.split(' ')[0].replace(/,/g, ''))));
  const up = await used();
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const down = await used();
  expect(down).toEqual([...down].sort((a, b) => b - a));
  expect(down[0]).toBeGreaterThan(1000);
  // Hiding the column ends its sort.
  await page.getByLabel('Usage (30 days)').uncheck();
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
});

test('a 390 px phone: no page wider than the screen, and the list scrolls with the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'PKCE');
  await page.screenshot({ path: 'test-results/phone-home.png', fullPage: true });
  const header = await page.locator('header').boundingBox();
  expect(header!.height).toBeLessThan(160);
  for (const path of ['/', '/clients', '/clients/c0ffee00-0000-4000-8000-000000000003', '/clients/new', '/clients/import', '/authorizations', '/migrate', '/tester']) {
    await page.goto(path);
    await expect(page.locator('main h1, main h2').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const [wide, screen] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    expect(wide, `${path} is ${wide} px wide`).toBeLessThanOrEqual(screen);
  }
  // The Tester with a run: its runs table stacks.
  await page.goto('/tester');
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('button', { name: 'Sign in as Dev Developer' }).click();
  await expect(page.locator('#tester-history')).toContainText('PKCE');
  // Everything the result shows, the org's view of the client last (its long redirect URI).
  await expect(page.locator('#tester-doctor li').first()).toBeVisible();
  await expect(page.locator('#tester-org-view')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await page.locator('#tester-history').evaluate((t) => t.getBoundingClientRect().right)).toBeLessThanOrEqual(390);

  await page.goto('/clients');
  const list = page.locator('.list-window');
  await expect(page.locator('table.clients tbody tr[aria-rowindex]')).toHaveCount(12);
  // One scroll: the list is not a scroller of its own; the page scrolls to its last row.
  expect(await list.evaluate((e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(1);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.locator('table.clients tbody tr[aria-rowindex]').last()).toBeInViewport();
  // A deleted client still says so, and Restore is at hand.
  const old = page.locator('table.clients tbody tr[aria-rowindex]').filter({ hasText: 'Old reporting app' });
  await expect(old.locator('td.col-state .badge')).toBeVisible();
  await expect(old.getByRole('button', { name: 'Restore Old reporting app' })).toBeVisible();
  expect(await old.getByRole('button', { name: 'Restore Old reporting app' }).evaluate((b) => b.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
  const idCell = page.locator('table.clients tbody tr[aria-rowindex] td.col-id').first();
  expect(await idCell.evaluate((e) => e.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
});
