// The build an org deploys (`make dist`, here target/release-dist on 127.0.0.1:8090) has no
// local sandbox org: not in the environment picker, not the default on a loopback host, not
// read back from storage, and none of its hosts in the Content-Security-Policy.
import { test, expect } from './fixtures';

const RELEASE = 'http://127.0.0.1:8090';
const SANDBOXES = ['127.0.0.1:8787', '127.0.0.1:8789'];

test.use({ baseURL: RELEASE });

test('the release build offers no local sandbox org, even on loopback', async ({ page, watch }) => {
  watch.allowed.push(RELEASE);
  const response = await page.goto('/');
  const picker = page.getByLabel('Environment');
  await expect(picker).toHaveValue('region:us-east-1');
  await expect(picker.locator('option[value="sandbox"]')).toHaveCount(0);
  await expect(picker.locator('option')).toHaveCount(19);
  // Genesys Cloud comes back to the page's own address.
  await expect(page.locator('#redirect-uri')).toHaveText(`${RELEASE}/`);
  const csp = response!.headers()['content-security-policy'];
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const policy of [csp, meta]) {
    expect(policy).toContain('https://login.mypurecloud.com');
    for (const host of SANDBOXES) expect(policy).not.toContain(host);
  }
});

test('a sandbox environment stored by a build that had it is not read back', async ({ page, watch }) => {
  watch.allowed.push(RELEASE);
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('oauth-console.pref.env', JSON.stringify('sandbox')));
  await page.reload();
  await expect(page.getByLabel('Environment')).toHaveValue('region:us-east-1');
  // Typed in by hand, the choice is refused too.
  await page.getByLabel('Environment').evaluate((s) => {
    const o = document.createElement('option');
    o.value = 'sandbox';
    s.append(o);
    (s as HTMLSelectElement).value = 'sandbox';
    s.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(page.getByText('The local sandbox org is not part of this build')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Sign in/ })).toBeDisabled();
});
