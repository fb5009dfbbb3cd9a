// Benchmark report: the gzip -9 size of every file of a release build (the folder named, else dist/;
// `make bench` names target/release-dist, the build an org deploys) and their total,
// printed as a table and written to target/bench/sizes.json.
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.argv[2] ? join(root, process.argv[2]) : join(root, 'dist');
const files = readdirSync(dist)
  .filter((f) => f !== '_headers' && statSync(join(dist, f)).isFile())
  .sort()
  .map((name) => {
    const bytes = readFileSync(join(dist, name));
    const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
    return { name, raw: bytes.length, gzip };
  });
const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });

const w = Math.max(...files.map((f) => f.name.length), 5);
const row = (a, b, c) => `${a.padEnd(w)}  ${String(b).padStart(10)}  ${String(c).padStart(10)}`;
console.log(row('file', 'raw bytes', 'gzip -9'));
for (const f of files) console.log(row(f.name, f.raw, f.gzip));
console.log(row('total', total.raw, total.gzip));

// Before and after: the sizes recorded before the last reshape (benches/size-baseline.json).
const baseline = JSON.parse(readFileSync(join(root, 'benches', 'size-baseline.json'), 'utf8'));
const wasm = files.find((f) => f.name.endsWith('.wasm'));
const delta = (now, then) => `${now - then >= 0 ? '+' : ''}${now - then}`;
console.log(row('wasm before', baseline.wasm.raw, baseline.wasm.gzip));
console.log(row('wasm change', delta(wasm.raw, baseline.wasm.raw), delta(wasm.gzip, baseline.wasm.gzip)));
console.log(row('total before', baseline.total.raw, baseline.total.gzip));
console.log(row('total change', delta(total.raw, baseline.total.raw), delta(total.gzip, baseline.total.gzip)));

// For scale: the vendor's own browser bundle (npm purecloud-platform-client-v2), when the
// registry can be reached.
const out = join(root, 'target', 'bench');
mkdirSync(out, { recursive: true });
let vendor = null;
try {
  const dir = join(out, 'vendor');
  mkdirSync(dir, { recursive: true });
  const { execFileSync } = await import('node:child_process');
  const tgz = execFileSync('npm', ['pack', 'purecloud-platform-client-v2@262.0.0', '--silent'], { cwd: dir, encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', tgz], { cwd: dir });
  const js = readFileSync(join(dir, 'package/dist/web-cjs/purecloud-platform-client-v2.min.js'));
  vendor = { file: 'purecloud-platform-client-v2@262.0.0 web-cjs min.js', raw: js.length, gzip: gzipSync(js, { level: constants.Z_BEST_COMPRESSION }).length };
  console.log(row('vendor SDK bundle', vendor.raw, vendor.gzip));
} catch (e) {
  console.log(`vendor SDK bundle: not measured (${e.message.split('\n')[0]})`);
}
// The bench's own pages, served beside the app by the browser bench (tests/e2e/bench.config.ts):
// a static page (the cold-load anchor) and the vendor SDK's implicit sign-in page (the round-trip
// anchor), which signs in through the SDK's gateway setting against the sandbox org.
const pages = join(out, 'pages');
mkdirSync(pages, { recursive: true });
writeFileSync(join(pages, '_headers'), '/*\n  X-Content-Type-Options: nosniff\n');
writeFileSync(join(pages, 'static.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title><link rel="icon" href="data:,"></head>
<body><main><h1>Sign in to Genesys Cloud</h1><form><label>Client id <input></label>
<button type="button">Sign in</button></form></main></body></html>
`);
if (vendor) {
  writeFileSync(join(pages, 'sdk.min.js'), readFileSync(join(out, 'vendor/package/dist/web-cjs/purecloud-platform-client-v2.min.js')));
  writeFileSync(join(pages, 'vendor.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vendor SDK implicit sign-in</title><link rel="icon" href="data:,">
<script src="sdk.min.js"></script></head>
<body><p id="user">…</p>
<script>
const platformClient = require('platformClient');
const client = platformClient.ApiClient.instance;
client.setGateway({ protocol: 'http', host: '127.0.0.1', port: 8787 });
const id = new URLSearchParams(location.search).get('client') || sessionStorage.getItem('client');
sessionStorage.setItem('client', id);
client.loginImplicitGrant(id, location.origin + location.pathname)
  .then(() => new platformClient.UsersApi().getUsersMe())
  .then((me) => { document.getElementById('user').textContent = me.name; })
  .catch((e) => { document.getElementById('user').textContent = 'error: ' + (e.message || JSON.stringify(e)); });
</script></body></html>
`);
}
const report = { measuredAt: new Date().toISOString(), dist: { files, total }, before: baseline, vendorSdkBundle: vendor };
writeFileSync(join(out, 'sizes.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${join(out, 'sizes.json')}`);
