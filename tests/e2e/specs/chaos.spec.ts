import { test, expect, ORG } from './fixtures';
import type { Page, APIRequestContext, Locator } from '@playwright/test';

// A chaos run: UI operations against a sandbox org that answers 10% 5xx (writes processed then
// their answer lost half of the time), 5% 429 with Retry-After, 50–500 ms latency, and ends
// every token once mid-edit. Then the org's clients must be exactly the intended ones: no edit
// lost, no client duplicated. `make test` runs a light run; `make bench` sets CHAOS_OPS=100.
const OPS = Number(process.env.CHAOS_OPS ?? 16);
const FAULTS = { serverErrorPercent: 10, tooManyPercent: 5, retryAfter: 1, latencyMs: 50, latencyMaxMs: 500, seed: 20261127 };

type Intended = { id: string; description: string; state: 'active' | 'disabled'; deleted: boolean };

/** A small seeded generator: the operations, like the org's faults, are drawn from a seed. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function orgState(request: APIRequestContext): Promise<any[]> {
  return (await (await request.get(`${ORG}/sandbox/state`)).json()).clients;
}

/** Waits for the first of these to show, and says which. */
async function first(page: Page, outcomes: Record<string, Locator>, timeout = 30_000): Promise<string> {
  const all = Object.values(outcomes).reduce((a, b) => a.or(b));
  await expect(all.first()).toBeVisible({ timeout });
  for (const [name, l] of Object.entries(outcomes)) {
    if (await l.first().isVisible()) return name;
  }
  return 'none';
}

/** Opens a page whose reads may fail; a page that shows its failure is loaded again. */
async function open(page: Page, path: string, ready: Locator) {
  for (let i = 0; i < 4; i++) {
    await page.goto(path);
    const r = await first(page, { ready, failed: page.getByRole('alert') });
    if (r === 'ready') return;
  }
  throw new Error(`could not open ${path}`);
}

/** Clicks until the action's success shows (an alert means: not done, go again). */
async function until(page: Page, click: () => Promise<void>, success: Locator, what: string) {
  for (let i = 0; i < 6; i++) {
    await click();
    const r = await first(page, { success, failed: page.getByRole('alert') });
    if (r === 'success') return;
  }
  throw new Error(`${what} never succeeded`);
}

async function signInAgain(page: Page) {
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
}

test(`chaos: ${OPS} UI operations against a faulty org lose no edit and duplicate no client`, async ({ page, request }) => {
  test.setTimeout(60_000 + OPS * 15_000);
  const rnd = generator(20261127);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const intended = new Map<string, Intended>();
  const live = () => [...intended].filter(([, c]) => !c.deleted).map(([n]) => n);
  const expiryAt = Math.floor(OPS / 2);
  let created = 0;

  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await request.post(`${ORG}/sandbox/faults`, { data: FAULTS });

  for (let i = 0; i < OPS; i++) {
    const r = rnd();
    const op = i === expiryAt ? 'edit' : live().length < 2 || r < 0.25 ? 'create' : r < 0.5 ? 'edit' : r < 0.7 ? 'toggle' : r < 0.85 ? 'regenerate' : 'delete';
    if (op === 'create') {
      const name = `Chaos ${++created}`;
      await open(page, '/clients/new', page.getByRole('button', { name: 'Browser app with PKCE' }));
      await page.getByRole('button', { name: 'Browser app with PKCE' }).click();
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Authorized redirect URIs').fill(`https://chaos-${created}.example.com/cb`);
      const made = page.getByRole('heading', { name: `Created “${name}”` }).or(page.getByText(`The org created “${name}”`));
      for (let t = 0; ; t++) {
        expect(t, `create ${name} succeeds`).toBeLessThan(6);
        await page.getByRole('button', { name: 'Create client' }).click();
        const r = await first(page, { made, failed: page.getByRole('alert') });
        if (r === 'made') break;
        // Only "Not created" may be tried again; anything else is looked up, as an admin would.
        const said = await page.getByRole('alert').first().innerText();
        if (!said.includes('Not created') && (await orgState(request)).some((c) => c.name === name)) break;
      }
      const id = (await orgState(request)).find((c) => c.name === name)?.id;
      expect(id, `${name} is in the org`).toBeTruthy();
      intended.set(name, { id, description: 'Single-page app signing in with Authorization Code + PKCE', state: 'active', deleted: false });
      continue;
    }
    const name = pick(live());
    const c = intended.get(name)!;
    if (op === 'edit') {
      const description = `edit ${i} of ${name}`;
      await open(page, `/clients/${c.id}/edit`, page.getByRole('heading', { name: `Edit “${name}”` }));
      await page.getByLabel('Description (optional)').fill(description);
      if (i === expiryAt) {
        // The session ends mid-edit: the draft survives a new sign-in and is saved then.
        await request.post(`${ORG}/sandbox/expire-tokens`);
        await page.getByRole('button', { name: 'Save changes' }).click();
        await expect(page.getByText('Your session ended')).toBeVisible({ timeout: 30_000 });
        await signInAgain(page);
        await expect(page.getByLabel('Description (optional)')).toHaveValue(description, { timeout: 30_000 });
      }
      await until(page, () => page.getByRole('button', { name: 'Save changes' }).click(), page.getByText(`Saved “${name}”.`), `edit ${name}`);
      c.description = description;
    } else if (op === 'toggle') {
      await open(page, `/clients/${c.id}`, page.getByRole('heading', { name }));
      const [button, state] = c.state === 'active' ? (['Disable', 'disabled'] as const) : (['Enable', 'active'] as const);
      await until(
        page,
        async () => {
          await page.getByRole('button', { name: button, exact: true }).click();
          // A disable is confirmed first.
          if (button === 'Disable') await page.getByRole('dialog').getByRole('button', { name: 'Disable client' }).click();
        },
        page.locator('#client-state', { hasText: new RegExp(`^${state}`) }),
        `${button} ${name}`,
      );
      c.state = state;
    } else if (op === 'regenerate' || op === 'delete') {
      await open(page, `/clients/${c.id}`, page.getByRole('heading', { name }));
      const label = op === 'delete' ? 'Delete' : 'Regenerate secret';
      const success = op === 'delete' ? page.getByText(`Deleted “${name}”.`) : page.getByRole('heading', { name: 'New client secret' });
      await until(
        page,
        async () => {
          await page.getByRole('button', { name: label, exact: true }).click();
          const dialog = page.getByRole('dialog');
          await dialog.getByLabel(`Type “${name}” to confirm`).fill(name);
          await dialog.getByRole('button', { name: label }).click();
        },
        success,
        `${label} ${name}`,
      );
      if (op === 'delete') c.deleted = true;
    }
  }

  await request.post(`${ORG}/sandbox/faults`, { data: {} });
  const held = (await orgState(request)).filter((c) => c.name.startsWith('Chaos '));
  const counts = new Map<string, number>();
  held.forEach((c) => counts.set(c.name, (counts.get(c.name) ?? 0) + 1));
  expect([...counts].filter(([, n]) => n > 1), 'no duplicate client').toEqual([]);
  for (const [name, want] of intended) {
    const got = held.find((c) => c.name === name);
    if (want.deleted) {
      expect(got, `${name} is deleted`).toBeUndefined();
    } else {
      expect(got, `${name} is held`).toBeTruthy();
      expect({ name, description: got.description, state: got.state }).toEqual({ name, description: want.description, state: want.state });
    }
  }
  expect(held.length, 'nothing beyond the intended clients').toBe(live().length);
});
