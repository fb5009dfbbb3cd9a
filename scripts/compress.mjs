// Writes a .gz (gzip -9) and a .br (brotli 11) beside every file a browser loads from the build,
// for nginx's gzip_static and brotli_static (scripts/nginx.mjs): compressed once at build time,
// at the highest level, instead of on every request at a fast one.
//
// usage: node scripts/compress.mjs [dist]
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const ASSET = /\.(html|js|wasm|css|svg|json|txt)$/;
let count = 0;
for (const name of readdirSync(dist)) {
  const file = join(dist, name);
  if (!ASSET.test(name) || !statSync(file).isFile()) continue;
  const bytes = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  count++;
}
if (count === 0) throw new Error(`nothing to compress in ${dist}`);
console.log(`wrote .gz and .br beside ${count} files in ${dist}`);
