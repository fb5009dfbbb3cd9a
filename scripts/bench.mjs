// Benchmark report: the gzip -9 size of every file of the release build (dist/) and their total,
// printed as a table and written to target/bench/sizes.json.
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
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
const report = { measuredAt: new Date().toISOString(), dist: { files, total }, before: baseline, vendorSdkBundle: vendor };
writeFileSync(join(out, 'sizes.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${join(out, 'sizes.json')}`);
