// Serves the release build as a static host would: the headers of dist/_headers on every
// answer, long caching for hashed assets, the precompressed .br / .gz files, and the SPA fallback (deep links load index.html).
// usage: node serve-dist.mjs [dist] [port]
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.argv[2] ?? join(here, '../../dist'));
const port = Number(process.argv[3] ?? 8080);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const headers = {};
for (const line of readFileSync(join(dist, '_headers'), 'utf8').split('\n')) {
  const m = line.match(/^\s+([A-Za-z-]+):\s*(.+)$/);
  if (m) headers[m[1]] = m[2];
}
// CSP_CONNECT_EXTRA adds connect-src sources, as `CSP_CONNECT_EXTRA=… make dist` would for a
// deployment that talks to more servers (the e2e's own OAuth server).
const extra = (process.env.CSP_CONNECT_EXTRA ?? '').trim();
if (extra && headers['Content-Security-Policy']) {
  headers['Content-Security-Policy'] = headers['Content-Security-Policy'].replace(/connect-src ([^;]+)/, `connect-src $1 ${extra}`);
}

createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = normalize(join(dist, path));
  if (!file.startsWith(dist)) {
    res.writeHead(400).end();
    return;
  }
  const isFile = existsSync(file) && statSync(file).isFile() && !file.endsWith('_headers');
  if (!isFile) {
    // A missing file is a 404; any other path (the callback route of a custom login host has
    // dots: /callback/login.example.com) is a page of the app.
    if (/\.(js|wasm|css|html|ico|png|svg|json|txt|map|conf)$/.test(path)) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    file = join(dist, 'index.html');
  }
  const hashed = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/.test(file);
  // The page carries the policy too (a <meta http-equiv>): the same sources added there.
  const rewrite = extra && file.endsWith('.html');
  // The build's precompressed file (scripts/compress.mjs), as nginx's brotli_static / gzip_static.
  const accepts = String(req.headers['accept-encoding'] ?? '');
  const encoding = rewrite ? undefined : [['br', '.br'], ['gzip', '.gz']].find(([e, ext]) => accepts.includes(e) && existsSync(file + ext));
  res.writeHead(200, {
    ...headers,
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    Vary: 'Accept-Encoding',
    ...(encoding ? { 'Content-Encoding': encoding[0] } : {}),
  });
  let body = readFileSync(encoding ? file + encoding[1] : file);
  if (rewrite) {
    body = body.toString('utf8').replace(/(http-equiv="Content-Security-Policy" content="[^"]*connect-src [^;"]+)/, `$1 ${extra}`);
  }
  res.end(body);
}).listen(port, '127.0.0.1', () => console.log(`serving ${dist} on http://127.0.0.1:${port}`));
