// The keyboard and a screen reader: a skip link first, a back link that is not "the current
// page", a row's copy button named after its client, a notice's Dismiss read apart.
import { test, expect, signIn } from './fixtures';

const NIGHTLY = 'c0ffee00-0000-4000-8000-000000000005';

test('a skip link is the first stop and takes focus past the header', async ({ page }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  await expect(page.locator('table.clients tbody tr').first()).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the page' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // The next stop is in the page, not the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});

test('the editor’s back link is not the current page; a row’s copy button names its client', async ({ page }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients');
  const row = page.locator('table.clients tbody tr[aria-rowindex]').filter({ hasText: 'Nightly export' });
  await expect(row.getByRole('button', { name: 'Copy the client id of Nightly export' })).toHaveCount(1);
  await page.goto(`/clients/${NIGHTLY}/edit`);
  const back = page.getByRole('link', { name: '← Back' });
  await expect(back).toBeVisible();
  await expect(back).not.toHaveAttribute('aria-current', /.*/);
  await back.click();
  await expect(page).toHaveURL(new RegExp(`/clients/${NIGHTLY}$`));
});

test('a notice’s Dismiss is read apart from its message', async ({ page }) => {
  await signIn(page, 'PKCE');
  // A token the org no longer accepts: the session ends, and the sign-in screen says why.
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('oauth-console.session')!);
    s.token = 'revoked-elsewhere';
    sessionStorage.setItem('oauth-console.session', JSON.stringify(s));
  });
  await page.reload();
  await expect(page.getByText(/Your session ended/)).toBeVisible();
  const notice = page.locator('.notice').filter({ has: page.getByRole('button', { name: 'Dismiss' }) }).first();
  await expect(notice).toBeVisible();
  const text = await notice.innerText();
  expect(text).toMatch(/\s+Dismiss$/);
  expect(text).not.toMatch(/\S(["”.])?Dismiss/);
});
