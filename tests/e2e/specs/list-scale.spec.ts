import { test, expect, signIn, ORG } from './fixtures';

// The list at 10,000 clients (plus the org's own): only the rows in view are in the page, and
// search, sort, counts and opening a client far down all still work.
test('the list at 10,000 clients: windowed, searchable, sortable, every client reachable', async ({ page, request }) => {
  test.setTimeout(60_000);
  const seeded = await (await request.post(`${ORG}/sandbox/seed`, { data: { count: 10_000 } })).json();
  const total = seeded.clients;
  expect(total).toBe(10_012);
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await expect(page.locator('#client-count')).toHaveText(`${total} of ${total} clients`, { timeout: 20_000 });
  const table = page.locator('table.clients');
  await expect(table).toHaveAttribute('aria-rowcount', String(total + 1));
  const rows = page.locator('table.clients tbody tr[aria-rowindex]');
  expect(await rows.count()).toBeLessThan(60);
  await expect(rows.first()).toHaveAttribute('aria-rowindex', '2');
  await expect(rows.first()).toContainText('Bulk client 00001');

  // Search, from somewhere down the list: one client among ten thousand.
  const wrap = page.locator('.list-window');
  await wrap.evaluate((el) => (el.scrollTop = 1_000 * 44));
  await expect(rows.first()).not.toHaveAttribute('aria-rowindex', '2');
  await page.getByLabel('Search', { exact: true }).fill('bulk client 09999');
  await expect(page.locator('#client-count')).toHaveText(`1 of ${total} clients`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Bulk client 09999');
  await page.getByLabel('Search', { exact: true }).fill('');
  await expect(page.locator('#client-count')).toHaveText(`${total} of ${total} clients`);
  // The cleared search fills the whole box again, from the top (no blank below a short result).
  await expect(rows.first()).toHaveAttribute('aria-rowindex', '2');
  const fill = await wrap.evaluate((el) => {
    const last = [...el.querySelectorAll('tbody tr[aria-rowindex]')].pop()!.getBoundingClientRect();
    return last.bottom - el.getBoundingClientRect().bottom;
  });
  expect(fill, 'rendered rows reach the bottom of the box').toBeGreaterThanOrEqual(0);

  // Sort by name, descending: the org's own clients come first, the bulk ones last.
  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText('SSO bridge');

  // Far down: scroll to the middle of the list and open the client there.
  await wrap.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(rows.first()).not.toHaveAttribute('aria-rowindex', '2');
  const middle = rows.filter({ has: page.locator('a') }).nth(10);
  const index = Number(await middle.getAttribute('aria-rowindex'));
  expect(index).toBeGreaterThan(4_000);
  expect(index).toBeLessThan(6_500);
  const name = (await middle.locator('a').innerText()).trim();
  await middle.locator('a').click();
  await expect(page.getByRole('heading', { name })).toBeVisible();

  // Back at the bottom of the list: the last client is reachable too.
  await page.goBack();
  await expect(page.locator('#client-count')).toHaveText(`${total} of ${total} clients`, { timeout: 20_000 });
  await wrap.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(rows.last()).toHaveAttribute('aria-rowindex', String(total + 1));
  // … and shown inside the box (the last row is in its visible part).
  const inside = await wrap.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const last = [...el.querySelectorAll('tbody tr[aria-rowindex]')].pop()!.getBoundingClientRect();
    return last.top >= box.top && last.bottom <= box.bottom + 1;
  });
  expect(inside).toBe(true);
});

test('the list at 10,000 clients on a 390 px phone: one scroll (the page\'s), and the rows in view drawn', async ({ page, request }) => {
  test.setTimeout(60_000);
  const total = (await (await request.post(`${ORG}/sandbox/seed`, { data: { count: 10_000 } })).json()).clients;
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await expect(page.locator('#client-count')).toHaveText(`${total} of ${total} clients`, { timeout: 20_000 });
  const rows = page.locator('table.clients tbody tr[aria-rowindex]');
  // The list is no scroller of its own: the page scrolls, and the list draws what is in view.
  const list = page.locator('.list-window');
  expect(await list.evaluate((e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(1);
  const rowUnderCentre = () => page.evaluate(() => {
    const row = document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('tr[aria-rowindex]');
    return row ? Number(row.getAttribute('aria-rowindex')) : 0;
  });
  for (const at of [0.25, 0.5, 0.75]) {
    await page.evaluate((f) => window.scrollTo(0, document.documentElement.scrollHeight * f), at);
    await expect.poll(rowUnderCentre).toBeGreaterThan(total * at - 400);
    expect(await rows.count()).toBeLessThan(60);
  }
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(rows.last()).toHaveAttribute('aria-rowindex', String(total + 1));
  await expect(rows.last()).toBeInViewport();
});
