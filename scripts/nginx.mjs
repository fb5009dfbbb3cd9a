// Writes the nginx locations that serve one build the way the README asks, from that build: its
// public URL (the <base href> Trunk wrote), the headers of its _headers (the Content-Security-Policy
// with the hash of its own inline script), the precompressed .br and .gz of every file, `no-cache` for index.html and every page, a year's
// immutable caching for the hashed files, a 404 for a missing file, and the single-page fallback
// for deep links. deploy/nginx.conf includes the result in a server block.
//
// usage: node scripts/nginx.mjs [dist] [--webroot DIR] [--out FILE]
//   dist      the build (default dist/)
//   webroot   nginx's `root`: the build is served from DIR + its public URL, so a build for
//             /oauth-console/ goes in DIR/oauth-console/ (default /var/www/html, Debian's)
//   out       where to write (default <dist>/nginx.conf, which the locations never serve)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  if (!value) throw new Error(`${name} needs a value`);
  return value;
};
const webroot = option('--webroot', '/var/www/html').replace(/\/+$/, '');
const dist = resolve(args[0] ?? 'dist');
const out = option('--out', join(dist, 'nginx.conf'));

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const base = html.match(/<base href="([^"]*)"/)?.[1];
if (!base || !base.startsWith('/') || !base.endsWith('/')) {
  throw new Error(`${dist}/index.html has no <base href="/…/"> (build with trunk --public-url /path/)`);
}
// Paths go into the config as they are and into its regular expressions: plain characters only.
if (!/^[A-Za-z0-9._~/-]+$/.test(base + webroot)) throw new Error(`only A-Z a-z 0-9 . _ ~ / - in the public URL and web root: ${base} ${webroot}`);

// The headers of the build, as _headers lists them for every path.
const headers = [];
for (const line of readFileSync(join(dist, '_headers'), 'utf8').split('\n')) {
  const m = line.match(/^\s+([A-Za-z-]+):\s*(.+)$/);
  if (m) headers.push([m[1], m[2]]);
}
if (!headers.some(([k]) => k === 'Content-Security-Policy')) throw new Error(`${dist}/_headers has no Content-Security-Policy`);
const quote = (v) => `"${v.replace(/["\\]/g, '\\$&')}"`;
const send = (cache, indent) =>
  [...headers, ['Cache-Control', cache]].map(([k, v]) => `${indent}add_header ${k} ${quote(v)} always;`).join('\n');

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const at = base === '/' ? '' : base.slice(0, -1);
const atRe = at.replace(/[.~]/g, '\\$&');
// The files a build has (and a browser may ask for). Any other path is a page of the app: the
// callback route of a custom login host has dots (/callback/login.example.com).
const FILES = 'js|wasm|css|html|ico|png|svg|json|txt|map|conf';
const conf = `# Written by scripts/nginx.mjs from the build for ${base}: rebuild rather than edit (the
# Content-Security-Policy allows that build's inline script by its hash). The build's files are in
# ${webroot}${base}.
${at ? `location = ${at} {
    absolute_redirect off;
${send(NO_CACHE, '    ')}
    return 301 ${base}$is_args$args;
}
` : ''}
location ^~ ${base} {
    root ${webroot};
    index index.html;
    charset utf-8;
    absolute_redirect off;
    # Every file of the build has a .br (brotli 11) and a .gz (gzip -9) beside it (scripts/
    # compress.mjs): brotli to a browser that takes it, else gzip, else the file as it is. Needs
    # Debian's libnginx-mod-http-brotli-static (its load_module is in modules-enabled).
    brotli_static on;
    gzip_static on;
    gzip_vary on;
    gzip on;
    gzip_types application/wasm application/javascript text/javascript text/css;
${send(NO_CACHE, '    ')}

    # Files of the build that are not for the browser.
    location ~ ^${atRe}/(_headers|nginx\\.conf)$ {
${send(NO_CACHE, '        ')}
        return 404;
    }
    # The hashed files never change under their name: cached for a year.
    location ~ "^${atRe}/[^/]+-[0-9a-f]{12,16}(_bg)?\\.(js|wasm|css)$" {
${send(IMMUTABLE, '        ')}
        try_files $uri =404;
    }
    # Any other file: as it is, or a 404 (never the page in its place).
    location ~ "^${atRe}/.*\\.(${FILES})$" {
${send(NO_CACHE, '        ')}
        try_files $uri =404;
    }
    # Every other path is a page of the app: index.html answers it (deep links, reloads).
    try_files $uri ${base}index.html;
}
`;
writeFileSync(out, conf);
console.log(`wrote ${out} (nginx locations for ${base}, files in ${webroot}${base})`);
