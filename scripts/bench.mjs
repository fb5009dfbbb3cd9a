// Benchmark report: the gzip -9 size of every file of a release build (the folder named, else dist/;
// `make bench` names target/release-dist, the build an org deploys) and their total, the first
// module, and each screen as a cold cache loads it (its part and the shared chunks), with the
// goals of issue 24; printed as a table and written to target/bench/sizes.json.
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.argv[2] ? join(root, process.argv[2]) : join(root, 'dist');
// Every file a browser may load (not the .gz / .br copies beside them, nor the build's own files).
const files = readdirSync(dist)
  .filter((f) => /\.(html|js|wasm|css)$/.test(f) && statSync(join(dist, f)).isFile())
  .sort()
  .map((name) => {
    const bytes = readFileSync(join(dist, name));
    const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
    return { name, raw: bytes.length, gzip };
  });
const sum = (fs) => fs.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
const total = sum(files);

const w = Math.max(...files.map((f) => f.name.length), 34);
const row = (a, b, c, d = '') => `${a.padEnd(w)}  ${String(b).padStart(10)}  ${String(c).padStart(10)}  ${d}`;
console.log(row('file', 'raw bytes', 'gzip -9'));
for (const f of files) console.log(row(f.name, f.raw, f.gzip));
console.log(row('total', total.raw, total.gzip));

// The first module: what the sign-in screen (and the return from the login host) loads.
const byName = (re) => files.filter((f) => re.test(f.name));
const first = sum(byName(/^(index\.html|main-[0-9a-f]+\.css|oauth-console-[0-9a-f]+(_bg\.wasm|\.js)|__wasm_split-[0-9a-f]+\.js)$/));
const firstWasm = byName(/^oauth-console-[0-9a-f]+_bg\.wasm$/)[0];
// Each screen: its own part, and the shared chunks the loader fetches with it (on a cold cache).
const loaderFile = files.find((f) => f.name.startsWith('__wasm_split-'));
const loader = loaderFile ? readFileSync(join(dist, loaderFile.name), 'utf8') : '';
const chunkOf = new Map([...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)].map((m) => [m[1], m[2]]));
const screens = [...loader.matchAll(/export const __wasm_split_load_([a-z_]+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?, \[([^\]]*)\]\)\);/g)].map((m) => {
  const own = files.find((f) => f.name === m[2]);
  const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean).map((d) => files.find((f) => f.name === chunkOf.get(d)));
  return { screen: m[1], part: own, chunks: deps.length, cold: sum([own, ...deps]) };
});
const KB = 1000;
const goals = {
  firstModule: { gzip: firstWasm?.gzip ?? total.gzip, withPage: first.gzip, goal: '≤ 250 KB gzip', met: (firstWasm?.gzip ?? total.gzip) <= 250 * KB },
  largestPart: null,
};
const parts = files.filter((f) => /^(split_|chunk_)/.test(f.name));
const largest = parts.reduce((a, b) => (b.gzip > (a?.gzip ?? -1) ? b : a), null);
if (largest) goals.largestPart = { name: largest.name, gzip: largest.gzip, goal: '≤ 150 KB gzip', met: largest.gzip <= 150 * KB };
console.log('');
console.log(row('first module (wasm)', firstWasm?.raw ?? '-', firstWasm?.gzip ?? '-', `goal ≤ 250 KB gzip: ${goals.firstModule.met ? 'met' : 'not met'}`));
console.log(row('first screen (page, css, js, wasm)', first.raw, first.gzip));
for (const s of screens) console.log(row(`screen ${s.screen} (part + ${s.chunks} chunks)`, s.cold.raw, s.cold.gzip, `its part ${s.part.gzip}`));
if (largest) console.log(row(`largest lazy part: ${largest.name}`, largest.raw, largest.gzip, `goal ≤ 150 KB gzip: ${goals.largestPart.met ? 'met' : 'not met'}`));
console.log(row(`lazy parts (${parts.length})`, sum(parts).raw, sum(parts).gzip));

// Before and after: the sizes recorded before the last reshape (benches/size-baseline.json).
const baseline = JSON.parse(readFileSync(join(root, 'benches', 'size-baseline.json'), 'utf8'));
const delta = (now, then) => `${now - then >= 0 ? '+' : ''}${now - then}`;
console.log(row('wasm before', baseline.wasm.raw, baseline.wasm.gzip));
if (firstWasm) console.log(row('first module change', delta(firstWasm.raw, baseline.wasm.raw), delta(firstWasm.gzip, baseline.wasm.gzip)));
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
// anchor; with ?click it waits for its own "Sign in"), which signs in through the SDK's gateway
// setting against the sandbox org.
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
const signIn = () => client.loginImplicitGrant(id, location.origin + location.pathname)
  .then(() => new platformClient.UsersApi().getUsersMe())
  .then((me) => { document.getElementById('user').textContent = me.name; })
  .catch((e) => { document.getElementById('user').textContent = 'error: ' + (e.message || JSON.stringify(e)); });
// As it opens, the page leaves for the login page; with ?click it first waits for a click on
// its "Sign in" (the app's round trip from its own click). Back from the login page, the SDK
// reads the token from the address at once.
if (new URLSearchParams(location.search).has('click') && !/access_token|error/.test(location.hash)) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Sign in';
  button.addEventListener('click', signIn);
  document.body.append(button);
} else {
  signIn();
}
</script></body></html>
`);
}
const report = { measuredAt: new Date().toISOString(), dist: { files, total }, firstScreen: first, screens, goals, before: baseline, vendorSdkBundle: vendor };
writeFileSync(join(out, 'sizes.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${join(out, 'sizes.json')}`);
