// Screens loaded when first opened (src/screens.rs, split by `make dist`): each comes from its
// own part on a cold cache with no page error or CSP violation (the watch fixture), the return
// from the login host loads none of them before the user's name is shown, a part that cannot
// be fetched says so and can be tried again, and a screen left while its part loads is not built.
import { test, expect, signIn, startSignIn } from './fixtures';
import type { Page } from '@playwright/test';

const CLIENT = 'c0ffee00-0000-4000-8000-000000000003'; // "CRM Embeddable Framework", seeded
const PART = /\/(split_[a-z_]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;
const screenOf = (url: string) => url.match(/\/split_([a-z_]+)-[0-9a-f]{16}\.wasm$/)?.[1];

/** Every screen part this page fetched, in order. */
function partsFetched(page: Page): string[] {
  const parts: string[] = [];
  page.on('request', (r) => {
    const s = screenOf(r.url());
    if (s) parts.push(s);
  });
  return parts;
}

test('every lazy screen opens from its own part on a cold cache, fetched when it is opened', async ({ page }) => {
  const parts = partsFetched(page);
  // The idle prefetch after sign-in held back (the return-trip test below sees it run): each part
  // has to come when its screen is opened, not from the prefetch.
  await page.addInitScript(() => {
    (window as any).requestIdleCallback = () => 0;
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  // The sign-in screen needs no screen part.
  expect(parts).toEqual([]);
  await signIn(page);

  const screens: [string, () => Promise<void>][] = [
    ['clients', async () => {
      await page.getByRole('link', { name: 'OAuth clients', exact: true }).click();
      await expect(page.locator('table.clients tbody tr[aria-rowindex]')).toHaveCount(12);
    }],
    ['client', async () => {
      await page.getByRole('link', { name: 'CRM Embeddable Framework' }).click();
      await expect(page.getByRole('heading', { name: 'CRM Embeddable Framework' })).toBeVisible();
    }],
    ['editor', async () => {
      await page.goto(`/clients/${CLIENT}/edit`);
      await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
    }],
    ['import', async () => {
      await page.goto('/clients/import');
      await expect(page.getByRole('heading', { name: /Import/ })).toBeVisible();
    }],
    ['authorizations', async () => {
      await page.getByRole('link', { name: 'Authorized apps' }).click();
      await expect(page.getByRole('heading', { name: /Authorized apps/ })).toBeVisible();
    }],
    ['migrate', async () => {
      await page.getByRole('link', { name: 'Move off implicit' }).click();
      await expect(page.getByRole('heading', { name: /implicit/i }).first()).toBeVisible();
    }],
    ['tester', async () => {
      await page.getByRole('link', { name: 'Login tester' }).click();
      await expect(page.getByRole('heading', { name: 'Login tester' })).toBeVisible();
    }],
  ];
  for (const [part, open] of screens) {
    expect(parts, `the ${part} part, before its screen was opened`).not.toContain(part);
    await open();
    expect(parts, `the ${part} screen came from its part`).toContain(part);
  }
  // A new client: the editor's part, already here.
  await page.goto('/clients/new');
  await expect(page.getByRole('button', { name: /Create/ })).toBeVisible();
  // Each part fetched once per page load at most (reloads above start again from the cache).
  expect(new Set(parts).size).toBe(7);
});

test('the return from the login host loads no screen part, and builds no sign-in form, before the user’s name is shown', async ({ page }) => {
  // On every page load (the return is one): when the name is shown, and whether a form came first.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const w = window as any;
      if (!w.__nameAt && document.getElementById('header-user')?.textContent === 'Ana Admin') w.__nameAt = performance.now();
      // While the sign-in completes only its progress shows: a form would be built for nothing.
      if (!w.__nameAt && document.getElementById('client-id')) w.__formBeforeName = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  for (const method of ['PKCE', 'Implicit'] as const) {
    await startSignIn(page, method);
    await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
    await expect(page.locator('#header-user')).toHaveText('Ana Admin');
    // Idle afterwards, the screens are fetched ahead of a click.
    await expect.poll(() => page.evaluate((re) => performance.getEntriesByType('resource').filter((e) => new RegExp(re).test(e.name)).length, PART.source), { timeout: 15_000 }).toBeGreaterThan(7);
    const { at, early } = await page.evaluate((re) => {
      const at = (window as any).__nameAt as number;
      return { at, early: performance.getEntriesByType('resource').filter((e) => new RegExp(re).test(e.name) && e.startTime <= at).map((e) => e.name) };
    }, PART.source);
    expect(typeof at, 'the moment the name was shown').toBe('number');
    expect(early, `${method}: parts fetched before the name`).toEqual([]);
    expect(await page.evaluate(() => (window as any).__formBeforeName ?? false), `${method}: a sign-in form built before the name`).toBe(false);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  }
});

test('a screen whose part cannot be fetched says so, and loads when tried again', async ({ page, watch }) => {
  let refuse = true;
  await page.route(/\/split_clients-[0-9a-f]{16}\.wasm$/, (route) => (refuse ? route.abort('connectionfailed') : route.continue()));
  await signIn(page);
  await page.getByRole('link', { name: 'OAuth clients', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('This screen could not be loaded');
  refuse = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('table.clients tbody tr[aria-rowindex]')).toHaveCount(12);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The loader logs the refused fetch; nothing else went wrong.
  watch.problems.splice(0, watch.problems.length, ...watch.problems.filter((p) => !/console error: TypeError: Failed to fetch/.test(p)));
});

test('leaving a screen while its part is on the way builds nothing of it, and nothing breaks', async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let asked = 0;
  await page.route(/\/split_clients-[0-9a-f]{16}\.wasm$/, async (route) => {
    asked++;
    await held;
    await route.continue();
  });
  await signIn(page);
  await page.getByRole('link', { name: 'OAuth clients', exact: true }).click();
  await expect(page.getByText('Loading this screen…')).toBeVisible();
  await expect.poll(() => asked).toBeGreaterThan(0);
  // Elsewhere meanwhile: the Login tester, then signed out.
  await page.getByRole('link', { name: 'Login tester' }).click();
  await expect(page.getByRole('heading', { name: 'Login tester' })).toBeVisible();
  release();
  await page.waitForTimeout(500);
  await expect(page.getByRole('heading', { name: 'Login tester' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'OAuth clients' })).toHaveCount(0);
  // And the list opens when asked again (its part is here now).
  await page.getByRole('link', { name: 'OAuth clients', exact: true }).click();
  await expect(page.locator('table.clients tbody tr[aria-rowindex]')).toHaveCount(12);
});
