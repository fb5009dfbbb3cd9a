import { test, expect, signIn, startSignIn, pendingState, sessionToken, APP, ORG, SANDBOX_CALLBACK } from './fixtures';

test('the page is served with its production headers', async ({ request }) => {
  const r = await request.get(`${APP}/`);
  const csp = r.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain('unsafe-inline');
  expect(r.headers()['referrer-policy']).toBe('no-referrer');
  expect(r.headers()['strict-transport-security']).toBe('max-age=31536000');
  // The page carries the same policy, but for frame-ancestors (which a <meta> cannot carry).
  const meta = (await r.text()).match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  expect(meta?.replace(/&#39;|&apos;/g, "'")).toBe(csp.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '));
});

test('PKCE sign-in shows who, where and until when, and leaves no code in the address', async ({ page }) => {
  await signIn(page, 'PKCE');
  await expect(page.locator('#header-user')).toHaveText('Ana Admin');
  await expect(page.locator('#band-org')).toHaveText('Sandbox Org');
  await expect(page.locator('#band-env')).toHaveText('Local sandbox org');
  await expect(page.locator('#header-countdown')).toHaveText(/Token 2[34]:\d\d:\d\d/);
  await expect(page.getByText('Authorization code with PKCE')).toBeVisible();
  expect(page.url()).toBe(`${APP}/`);
  // The verifier is gone with its pending record; the token is not in localStorage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + sessionStorage.getItem('oauth-console.pending'));
  expect(stored).not.toContain('"verifier":"');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(await sessionToken(page));
});

test('implicit sign-in: neither the address nor the history entry holds the token', async ({ page }) => {
  await signIn(page, 'Implicit');
  const token = await sessionToken(page);
  expect(token.length).toBeGreaterThan(20);
  expect(await page.evaluate(() => location.href)).toBe(`${APP}/`);
  expect(await page.evaluate(() => location.hash)).toBe('');
  await page.goBack();
  await page.goForward();
  expect(page.url()).not.toContain('access_token');
  expect(page.url()).not.toContain(token);
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await expect(page.locator('#header-user')).toHaveText('Ana Admin');
});

test('deny: access_denied is shown and nobody is signed in', async ({ page }) => {
  await startSignIn(page, 'Implicit');
  await page.getByRole('button', { name: 'Deny' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Sign-in refused: access_denied');
  await expect(alert).toContainText('The user denied the request.');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  expect(await sessionToken(page)).toBeUndefined();
  expect(page.url()).toBe(`${APP}/`);
});

test('a tampered state is rejected with the reason', async ({ page }) => {
  await startSignIn(page, 'PKCE');
  await page.locator('input[name=state]').evaluate((el: HTMLInputElement) => (el.value = el.value + 'x'));
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.getByRole('alert')).toContainText('matches no sign-in started in this tab');
  await expect(page.getByRole('heading', { name: 'Sign in to Genesys Cloud' })).toBeVisible();
  expect(await sessionToken(page)).toBeUndefined();
});

test('a replayed callback is rejected', async ({ page }) => {
  await startSignIn(page, 'Implicit');
  const decision = page.waitForResponse((r) => r.url() === `${ORG}/oauth/authorize` && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  const callback = (await decision).headers()['location'];
  expect(callback).toContain('#access_token=');
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await page.goto(callback);
  await expect(page.getByRole('alert')).toContainText('already used');
  expect(page.url()).toBe(`${APP}/`);

  // A replayed PKCE code in a new tab: its state is unknown there, and nothing is exchanged.
  const other = await page.context().newPage();
  let exchanged = false;
  other.on('request', (r) => (exchanged ||= r.url().endsWith('/oauth/token')));
  await other.goto(`${APP}/?code=stolen&state=${encodeURIComponent('abc')}`);
  await expect(other.getByRole('alert')).toContainText('matches no sign-in');
  expect(exchanged).toBe(false);
  await other.close();
});

test('error_uri is a link only when it is http(s); missing expires_in is refused', async ({ page }) => {
  await startSignIn(page, 'Implicit');
  let state = await pendingState(page);
  await page.goto(`${SANDBOX_CALLBACK}#error=server_error&error_description=Boom+now&error_uri=javascript%3Aalert(1)&state=${encodeURIComponent(state)}`);
  await expect(page.getByRole('alert')).toContainText('Sign-in refused: server_error');
  await expect(page.getByRole('alert')).toContainText('Boom now');
  await expect(page.getByRole('link', { name: 'More about this error' })).toHaveCount(0);

  await startSignIn(page, 'Implicit');
  state = await pendingState(page);
  await page.goto(`${SANDBOX_CALLBACK}#error=invalid_scope&error_uri=https%3A%2F%2Fhelp.example.com%2Fscopes&state=${encodeURIComponent(state)}`);
  await expect(page.getByRole('link', { name: 'More about this error' })).toHaveAttribute('href', 'https://help.example.com/scopes');

  await startSignIn(page, 'Implicit');
  state = await pendingState(page);
  await page.goto(`${SANDBOX_CALLBACK}#access_token=abc&state=${encodeURIComponent(state)}`);
  await expect(page.getByRole('alert')).toContainText('no expires_in');
  expect(await sessionToken(page)).toBeUndefined();
  expect(page.url()).toBe(`${APP}/`);
});

test('a response pasted into the address bar keeps the sign-in form as it was typed', async ({ page }) => {
  await startSignIn(page, 'Implicit');
  const state = await pendingState(page);
  // Back on the callback route, unanswered: the sign-in screen.
  await page.goto(SANDBOX_CALLBACK);
  await page.locator('#client-id').fill('typed-here-not-sent');
  // Pasted: only the fragment changes, no reload. The org refuses the token.
  await page.evaluate((s) => { location.hash = `access_token=abc&expires_in=3600&token_type=bearer&state=${encodeURIComponent(s)}`; }, state);
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await sessionToken(page)).toBeUndefined();
  // The form was never taken down meanwhile: what was typed is still there.
  await expect(page.locator('#client-id')).toHaveValue('typed-here-not-sent');
});

test('an expired token asks to sign in again', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  await request.post(`${ORG}/sandbox/expire-tokens`);
  await page.getByRole('button', { name: 'Check the token with the org' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your session ended' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

  // And on a reload of a tab whose token the org has dropped.
  await signIn(page, 'Implicit');
  await request.post(`${ORG}/sandbox/expire-tokens`);
  await page.reload();
  await expect(page.getByText('Your session ended')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('five minutes before expiry: a warning with a one-click sign-in again', async ({ page }) => {
  await page.clock.install();
  await signIn(page, 'PKCE');
  await expect(page.getByText('Your session ends in')).toHaveCount(0);
  await page.clock.fastForward('23:56:00');
  const banner = page.getByRole('alert').filter({ hasText: 'Your session ends in' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page).toHaveURL(/\/oauth\/authorize\?.*login_hint=ana\.admin%40sandbox\.example/);
  await page.getByRole('button', { name: /Sign in as Ana Admin/ }).click();
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
});

test('sign-out revokes the token at the org', async ({ page, request }) => {
  await signIn(page, 'PKCE');
  const token = await sessionToken(page);
  const before = await request.get(`${ORG}/api/v2/tokens/me`, { headers: { Authorization: `Bearer ${token}` } });
  expect(before.status()).toBe(200);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  expect(page.url()).toBe(`${APP}/`);
  const after = await request.get(`${ORG}/api/v2/tokens/me`, { headers: { Authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  expect(await sessionToken(page)).toBeUndefined();
});

test("sign-out forgets the tab's drafts, Tester runs and pending sign-ins; preferences stay", async ({ page }) => {
  await signIn(page, 'PKCE');
  await page.goto('/clients/new');
  await page.getByLabel('Name', { exact: true }).fill('Half-made client');
  await page.evaluate(() => sessionStorage.setItem('oauth-console.tester-runs', '[]'));
  const ours = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('oauth-console.')).sort());
  expect((await ours()).some((k) => k.startsWith('oauth-console.draft.'))).toBe(true);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  expect(await ours()).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('oauth-console.pref.')).length)).toBeGreaterThan(0);
  await page.goto('/clients/new');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.getByRole('heading', { name: 'New OAuth client' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');
  await expect(page.getByText('Your unsaved draft is restored.')).toHaveCount(0);
});

test('a sandbox org that is not running says so, and how to start it', async ({ page }) => {
  // Asked in the background while the form shows (never on the way of a sign-in that works),
  // asked again on the click when it did not answer.
  let probes = 0;
  await page.route(`${ORG}/**`, (route) => {
    probes += route.request().url().endsWith('/sandbox/health') ? 1 : 0;
    return route.abort('connectionrefused');
  });
  await page.goto('/');
  await expect.poll(() => probes).toBe(1);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The local sandbox org is not running at http://127.0.0.1:8787');
  await expect(alert).toContainText('make serve');
  expect(page.url()).toBe(`${APP}/`);
  expect(probes).toBe(2);
});

test('the client id is remembered per environment and method', async ({ page }) => {
  await page.goto('/');
  const clientId = page.getByLabel('Client id');
  await expect(clientId).toHaveValue('5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02');
  await page.getByLabel('Environment').selectOption('region:eu-west-1');
  await expect(clientId).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeDisabled();
  await page.getByLabel('Environment').selectOption('sandbox');
  await page.getByLabel('Implicit grant').check();
  await expect(clientId).toHaveValue('5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in as Dev Developer' }).click();
  await expect(page.locator('#header-user')).toHaveText('Dev Developer');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Implicit grant')).toBeChecked();
  await expect(clientId).toHaveValue('5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01');
});

test('choices saved by an earlier version (plain text) are still read', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    localStorage.setItem('oauth-console.pref.method', 'implicit');
    localStorage.setItem('oauth-console.pref.client-id.sandbox.implicit', 'remembered-client');
  });
  await page.reload();
  await expect(page.getByLabel('Implicit grant')).toBeChecked();
  await expect(page.getByLabel('Client id')).toHaveValue('remembered-client');
});

test("the org's idle timeout signs the admin out, with the reason", async ({ page, request }) => {
  // The console's PKCE client goes idle after 2 s (the org's other clients keep theirs).
  await request.post(`${ORG}/sandbox/settings`, { data: { clientIdleTimeouts: { '5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02': 2 } } });
  await signIn(page, 'PKCE');
  const token = await sessionToken(page);
  // No activity: the org's idle time passes, the page asks the org and is refused.
  await expect(page.getByText('You were signed out after inactivity')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('heading', { name: 'Sign in to Genesys Cloud' })).toBeVisible();
  expect(await sessionToken(page)).toBeUndefined();
  const after = await request.get(`${ORG}/api/v2/tokens/me`, { headers: { Authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

test('a local inactivity limit signs out and revokes the token; activity keeps the session', async ({ page, request }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('oauth-console.pref.idle-limit-s', '3'));
  await signIn(page, 'PKCE');
  const token = await sessionToken(page);
  await expect(page.getByLabel('Sign out after inactivity')).toHaveValue('3');
  // Pressing keys now and then keeps it.
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(1000);
    await page.keyboard.press('Shift');
  }
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await expect(page.getByText('You were signed out after 3 s without activity')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('heading', { name: 'Sign in to Genesys Cloud' })).toBeVisible();
  await expect
    .poll(async () => (await request.get(`${ORG}/api/v2/tokens/me`, { headers: { Authorization: `Bearer ${token}` } })).status())
    .toBe(401);
});

test('a token the org says belongs to another client is refused and revoked', async ({ page, request }) => {
  await startSignIn(page, 'PKCE');
  await request.post(`${ORG}/sandbox/faults`, { data: { tokensMeClientId: 'c0ffee00-0000-4000-8000-000000000003' } });
  let issued = '';
  // The token the console asked the org about (its body could be gone once the page moved on).
  page.on('request', (r) => {
    if (r.url() === `${ORG}/api/v2/tokens/me`) issued = (r.headers()['authorization'] ?? '').replace(/^Bearer /, '');
  });
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.getByRole('alert')).toContainText('issued to another client');
  await expect(page.getByRole('heading', { name: 'Sign in to Genesys Cloud' })).toBeVisible();
  expect(await sessionToken(page)).toBeUndefined();
  await request.post(`${ORG}/sandbox/faults`, { data: {} });
  expect(issued).not.toBe('');
  await expect
    .poll(async () => (await request.get(`${ORG}/api/v2/tokens/me`, { headers: { Authorization: `Bearer ${issued}` } })).status())
    .toBe(401);
});

test('the sign-in round trip: no probe on the way, tokens/me and users/me at once', async ({ page, request }) => {
  const seen: string[] = [];
  // The sandbox org is asked whether it answers while the form shows: its answer is in before
  // the click.
  const answered = page.waitForResponse((r) => r.url().endsWith('/sandbox/health'));
  await page.goto('/');
  await answered;
  await request.post(`${ORG}/sandbox/faults`, { data: { latencyMs: 300 } });
  page.on('request', (r) => {
    const u = r.url();
    if (u.endsWith('/sandbox/health')) seen.push('probe');
    if (u.includes('/api/v2/tokens/me')) seen.push('tokens/me sent');
    if (u.includes('/api/v2/users/me')) seen.push('users/me sent');
  });
  // Answered when its response arrives (a request whose body the page read may still be
  // reported failed rather than finished, when a view that read the same endpoint goes away).
  page.on('response', (r) => {
    if (r.url().includes('/api/v2/tokens/me')) seen.push('tokens/me answered');
  });
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  expect(seen).not.toContain('probe');
  await expect.poll(() => seen.indexOf('tokens/me answered')).toBeGreaterThan(-1);
  expect(seen.indexOf('users/me sent')).toBeLessThan(seen.indexOf('tokens/me answered'));
  expect(seen.indexOf('tokens/me sent')).toBeLessThan(seen.indexOf('tokens/me answered'));
});
