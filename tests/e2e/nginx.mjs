// Runs Debian's nginx in the foreground on 127.0.0.1:8088 with deploy/nginx.conf, serving two
// builds on one host as the README tells a deployer to: dist/ at the root and the build for
// /oauth-console/ (target/www/oauth-console/, `make dist-subpath`). Only the site file's listen
// address and its include are changed; the locations are written by scripts/nginx.mjs from each
// build. Stopped with the test run (SIGTERM to this process stops nginx).
//
// usage: node nginx.mjs [port]
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const port = Number(process.argv[2] ?? 8088);
const run = join(root, 'target/nginx-run');
const nginx = process.env.NGINX ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
mkdirSync(join(run, 'tmp'), { recursive: true });

// The locations of each build, its files where nginx's root says.
const builds = [
  { dist: join(root, 'dist'), webroot: join(root, 'dist'), out: join(run, 'root.conf') },
  { dist: join(root, 'target/www/oauth-console'), webroot: join(root, 'target/www'), out: join(run, 'subpath.conf') },
];
for (const b of builds) {
  execFileSync('node', [join(root, 'scripts/nginx.mjs'), b.dist, '--webroot', b.webroot, '--out', b.out], { stdio: 'inherit' });
}

// deploy/nginx.conf with this run's address and includes.
const site = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8')
  .replace(/^\s*listen \[::\]:80;\n/m, '')
  .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${port};`)
  .replace(/^(\s*)include \/var\/www\/html\/nginx\.conf;/m, builds.map((b) => `$1include ${b.out};`).join('\n'));
if (!site.includes(`127.0.0.1:${port}`) || !site.includes('subpath.conf')) throw new Error('deploy/nginx.conf changed shape: update tests/e2e/nginx.mjs');
const tmp = join(run, 'tmp');
// brotli_static, as Debian's nginx.conf loads it (modules-enabled), from its package.
const brotli = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
if (!existsSync(brotli)) throw new Error(`${brotli} is missing: make nginx installs libnginx-mod-http-brotli-static`);
writeFileSync(join(run, 'nginx.conf'), `# Written by tests/e2e/nginx.mjs for the deploy test.
load_module ${brotli};
${process.getuid?.() === 0 ? '# Workers as root too: the builds may sit in a folder only root reads (a checkout under /root).\nuser root;\n' : ''}worker_processes 1;
pid ${run}/nginx.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${tmp}/body;
    proxy_temp_path ${tmp}/proxy;
    fastcgi_temp_path ${tmp}/fastcgi;
    uwsgi_temp_path ${tmp}/uwsgi;
    scgi_temp_path ${tmp}/scgi;
${site}
}
`);

execFileSync(nginx, ['-t', '-q', '-p', run, '-c', join(run, 'nginx.conf')], { stdio: 'inherit' });
const child = spawn(nginx, ['-p', run, '-c', join(run, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
console.log(`nginx on http://127.0.0.1:${port}/ (root) and /oauth-console/`);
const stop = () => child.kill('SIGTERM');
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, () => { stop(); process.exit(0); });
process.on('exit', stop);
child.on('exit', (code) => process.exit(code ?? 1));
