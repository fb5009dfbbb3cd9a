// Writes dist/_headers: the production headers for the built page, with a Content-Security-Policy
// that allows exactly the inline module script Trunk writes (by its sha256 hash, computed here,
// after the build) and connections to the Genesys Cloud hosts of src/env/mod.rs; the same policy goes
// into index.html as a <meta http-equiv> (what a meta tag can carry).
//
// usage: node scripts/headers.mjs [dist] [--sandbox]   (extra connect-src hosts: CSP_CONNECT_EXTRA="https://a https://b")
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(root, 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

// Every inline script (Trunk's loader), hashed exactly as the browser sees its text.
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
);
if (hashes.length === 0) throw new Error(`no inline script found in ${dist}/index.html`);

// The region domains, read from the one file that knows them.
const envRs = readFileSync(join(root, 'src/env/mod.rs'), 'utf8');
const domains = [...envRs.matchAll(/domain: "([^"]+)"/g)].map((m) => m[1]);
if (domains.length < 18) throw new Error(`expected the 18 regions in src/env/mod.rs, found ${domains.length}`);
// The local sandbox orgs only for a build that has them (`--sandbox`: `make serve` and the tests).
const withSandbox = process.argv.includes('--sandbox');
const sandboxes = ['SANDBOX_BASE', 'SANDBOX_SECOND_BASE'].map((name) => envRs.match(new RegExp(`${name}: &str = "([^"]+)"`))[1]);
const connect = [
  "'self'",
  ...domains.flatMap((d) => [`https://login.${d}`, `https://api.${d}`]),
  ...(withSandbox ? sandboxes : []),
  ...(process.env.CSP_CONNECT_EXTRA ?? '').split(/\s+/).filter(Boolean),
];

const csp = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data:",
  `connect-src ${connect.join(' ')}`,
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// The same policy in the page itself, for a host that drops _headers (defence in depth): all a
// <meta> can carry, which leaves out frame-ancestors (the browser ignores it there, and says so).
const metaCsp = csp.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${metaCsp.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`;
const charset = /<meta charset="utf-8"\s*\/?>/i;
if (!charset.test(html)) throw new Error(`${dist}/index.html has no <meta charset="utf-8">`);
// Before every script and the <base>: a policy applies only to what follows it. Rewritten, not
// added twice, when the build is headed again.
const page = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/g, '').replace(charset, (m) => `${m}\n    ${meta}`);
writeFileSync(join(dist, 'index.html'), page);

const headers = {
  'Content-Security-Policy': csp,
  // Ignored over plain http (loopback); over https, the browser keeps to https for a year.
  'Strict-Transport-Security': 'max-age=31536000',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};
const lines = ['/*', ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`), ''];
writeFileSync(join(dist, '_headers'), lines.join('\n'));
console.log(`wrote ${join(dist, '_headers')} (${hashes.length} inline script hash, ${connect.length} connect-src sources)`);
