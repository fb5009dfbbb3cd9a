// Trunk's post_build hook for a release build: splits the module by screen and optimises every part.
//
// Trunk has no step between `cargo build` and `wasm-bindgen` (trunk issue #1022), so its own
// wasm-bindgen output is replaced here. For a build with the cargo feature `split` (its module
// imports `__wasm_split_placeholder__`; `make dist` builds it with
// RUSTFLAGS="-Clink-args=--emit-relocs -Clink-arg=--no-merge-data-segments"):
//   1. `wasm-split-cli` splits cargo's module: the first module, one `split_<screen>.wasm` per
//      screen of src/screens.rs, `chunk_<n>.wasm` for code several screens share, and the loader
//      `__wasm_split.js` (which fetches the parts relative to itself);
//   2. `wasm-bindgen --target web --keep-lld-exports` on the first module, under the name Trunk
//      gave it (index.html loads it);
//   3. `wasm-opt -Oz` on every part;
//   4. every part and the loader renamed with a hash of its content, the first module with one of
//      everything shipped (nginx caches them for a year), and index.html's names and integrity
//      hashes written again, with a modulepreload of the loader.
// A release build without the feature is optimised and renamed; a debug build (`make serve`) is
// left as Trunk wrote it.
//
// Environment (from Trunk): TRUNK_STAGING_DIR, TRUNK_PROFILE, TRUNK_PUBLIC_URL; CARGO_TARGET_DIR.
import { createHash } from 'node:crypto';
import { execFile, execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync, readdirSync, rmSync, mkdtempSync, renameSync, copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE ?? 'debug';
if (!staging) throw new Error('scripts/split.mjs runs as Trunk’s post_build hook (no TRUNK_STAGING_DIR)');
if (profile !== 'release') process.exit(0);

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const hash = (bytes, n = 16) => createHash('sha256').update(bytes).digest('hex').slice(0, n);
const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
// wasm-opt warns about each part's name subsection it does not know (the names are dropped): its
// output is shown only when it fails. As many at once as there are cores (each start costs ~1 s).
const wasmOpt = promisify(execFile);
const optimise = async (files) => {
  const queue = [...files];
  const worker = async () => {
    for (let file; (file = queue.shift()); ) {
      try {
        await wasmOpt('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', file, '-o', file], { maxBuffer: 64 << 20 });
      } catch (e) {
        process.stderr.write(`${e.stderr ?? ''}`);
        throw new Error(`wasm-opt failed on ${file}`);
      }
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
};

const files = readdirSync(staging);
const bg = files.find((f) => /^oauth-console-[0-9a-f]+_bg\.wasm$/.test(f));
if (!bg) throw new Error(`no oauth-console-<hash>_bg.wasm in ${staging}`);
const stem = bg.replace(/_bg\.wasm$/, '');
const split = readFileSync(join(staging, `${stem}.js`), 'utf8').includes('__wasm_split_placeholder__');

let loader = null;
if (!split) {
  await optimise([join(staging, bg)]);
} else {
  const target = resolve(process.env.CARGO_TARGET_DIR ?? 'target');
  const input = join(target, 'wasm32-unknown-unknown', profile, 'oauth-console.wasm');
  // A folder of this run's own: two builds at once do not mix their parts.
  const parts = mkdtempSync(join(target, 'wasm-split-'));
  try {
    run('wasm-split-cli', [input, parts, '--target', 'web', '--out-name', stem]);
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-name', stem, '--out-dir', staging, join(parts, `${stem}.wasm`)]);

    // Every part but the first module, optimised and named by its content; the loader told
    // their names (a name it still has unhashed would be a 404 at run time: refused here).
    loader = readFileSync(join(parts, '__wasm_split.js'), 'utf8');
    const names = readdirSync(parts).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
    if (!names.some((f) => f.startsWith('split_'))) throw new Error(`wasm-split-cli wrote no screen part in ${parts}`);
    await optimise([join(staging, bg), ...names.map((name) => join(parts, name))]);
    for (const name of names) {
      const file = join(parts, name);
      const hashed = name.replace(/\.wasm$/, `-${hash(readFileSync(file))}.wasm`);
      copyFileSync(file, join(staging, hashed));
      const ref = `"./${name}"`;
      if (!loader.includes(ref)) throw new Error(`the loader does not name ${name}`);
      loader = loader.replaceAll(ref, `"./${hashed}"`);
    }
    const unhashed = loader.match(/"\.\/[^"]*?(?<!-[0-9a-f]{16})\.wasm"/);
    if (unhashed) throw new Error(`the loader names ${unhashed[0]}, which is not among the parts`);
  } finally {
    rmSync(parts, { recursive: true, force: true });
  }
}

// The first module's glue and wasm are named by a hash of everything this build ships (Trunk's
// hash is of cargo's module, before the split, wasm-bindgen and wasm-opt): new bytes never come
// under a name a browser has cached for a year. The loader and the glue name each other, so
// one hash of the whole set, not one per file.
const named = createHash('sha256');
for (const f of [`${stem}.js`, bg]) named.update(readFileSync(join(staging, f)));
if (loader) named.update(loader);
const final = `oauth-console-${named.digest('hex').slice(0, 16)}`;
// Only its default wasm path: the `./<stem>_bg.js` keys of its imports are the wasm's own import
// names, which keep the old stem.
const glueText = readFileSync(join(staging, `${stem}.js`), 'utf8').replaceAll(`${stem}_bg.wasm`, `${final}_bg.wasm`);
rmSync(join(staging, `${stem}.js`));
renameSync(join(staging, bg), join(staging, `${final}_bg.wasm`));
let glue = glueText;
let loaderName = null;
if (loader) {
  loader = loader.replaceAll(`"./${stem}.js"`, `"./${final}.js"`);
  loaderName = `__wasm_split-${hash(loader)}.js`;
  writeFileSync(join(staging, loaderName), loader);
  glue = glueText.replaceAll(`from "./__wasm_split.js"`, `from "./${loaderName}"`);
  if (glue === glueText) throw new Error(`${stem}.js does not import ./__wasm_split.js`);
}
writeFileSync(join(staging, `${final}.js`), glue);

// index.html: the new names, their integrity, and the loader fetched beside the glue.
const indexFile = join(staging, 'index.html');
if (!existsSync(indexFile)) throw new Error(`no index.html in ${staging} at post_build`);
let html = readFileSync(indexFile, 'utf8').replaceAll(stem, final);
for (const name of [`${final}.js`, `${final}_bg.wasm`]) {
  const re = new RegExp(`(href="[^"]*${name.replace(/[.]/g, '\\.')}"[^>]*integrity=")[^"]*(")`);
  if (!re.test(html)) throw new Error(`index.html has no integrity for ${name}`);
  html = html.replace(re, `$1${sri(join(staging, name))}$2`);
}
if (loaderName) {
  const base = process.env.TRUNK_PUBLIC_URL ?? '/';
  const preload = `<link rel="modulepreload" href="${base}${loaderName}" crossorigin="anonymous" integrity="${sri(join(staging, loaderName))}">`;
  html = html.replace('</head>', `${preload}</head>`);
}
writeFileSync(indexFile, html);
const count = readdirSync(staging).filter((f) => f.endsWith('.wasm')).length;
console.log(`scripts/split.mjs: ${split ? `${count} wasm parts` : 'one module'} as ${final} in ${staging}`);
