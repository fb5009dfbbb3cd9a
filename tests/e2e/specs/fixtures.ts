import { createHash } from 'node:crypto';
import { test as base, expect, type Page, type APIRequestContext } from '@playwright/test';

export const APP = 'http://127.0.0.1:8080';
export const ORG = 'http://127.0.0.1:8787';
/** Where sign-ins to the sandbox org come back: its own callback route, `callback/` and 12 hex
 *  digits of SHA-256 over "<authorize endpoint> <token endpoint>" (as for any server but Genesys Cloud). */
export const SANDBOX_CALLBACK = `${APP}/callback/${createHash('sha256').update(`${ORG}/oauth/authorize ${ORG}/oauth/token`).digest('hex').slice(0, 12)}`;

/** What a page did that it must not: errors, CSP violations, requests beyond the app and the org. */
type Watch = { problems: string[]; allowed: string[] };

export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ page, request }, use) => {
      await request.post(`${ORG}/sandbox/reset`);
      const problems: string[] = [];
      // A CSP violation is reported by the page itself too, not only by the console's wording.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message} ${e.stack}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/Failed to load resource|net::ERR_/.test(m.text())) {
          problems.push(`console error: ${m.text()}`);
        }
        if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
      });
      const allowed: string[] = [];
      page.on('request', (r) => {
        const u = r.url();
        const ok = [APP, ORG, 'data:', ...allowed].some((p) => u.startsWith(p));
        if (!ok) problems.push(`third-party request: ${u}`);
      });
      const watch = { problems, allowed };
      await use(watch);
      expect(watch.problems, 'no page errors, CSP violations or third-party requests').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Starts a sign-in from the form and stops at the sandbox org's sign-in page. */
export async function startSignIn(page: Page, method: 'PKCE' | 'Implicit' = 'PKCE') {
  await page.goto('/');
  if (method === 'Implicit') await page.getByLabel('Implicit grant').check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:8787\/oauth\/authorize/);
}

/** Signs in as Ana Admin and waits for the signed-in screen. */
export async function signIn(page: Page, method: 'PKCE' | 'Implicit' = 'PKCE') {
  await startSignIn(page, method);
  await page.getByRole('button', { name: 'Sign in as Ana Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
}

/** The state the app sent, read from the sandbox org's sign-in page. */
export async function pendingState(page: Page): Promise<string> {
  return page.locator('input[name=state]').inputValue();
}

export async function sessionToken(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('oauth-console.session') ?? '{}').token);
}

/** A user token for Ana Admin, by the sandbox org's sign-in form (for checking what the org holds). */
export async function apiToken(request: APIRequestContext, org = ORG): Promise<string> {
  const r = await request.post(`${org}/oauth/authorize`, {
    form: {
      client_id: '5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01',
      redirect_uri: 'http://127.0.0.1:8080/',
      response_type: 'token',
      state: 'e2e',
      user_id: 'a11ce000-0000-4000-8000-000000000001',
    },
    maxRedirects: 0,
  });
  const location = r.headers()['location'];
  return new URLSearchParams(location.split('#')[1]).get('access_token')!;
}

/** The org's clients, as the API lists them. */
export async function orgClients(request: APIRequestContext, org = ORG): Promise<any[]> {
  const token = await apiToken(request, org);
  const r = await request.get(`${org}/api/v2/oauth/clients`, { headers: { Authorization: `Bearer ${token}` } });
  return (await r.json()).entities;
}
