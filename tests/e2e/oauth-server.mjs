// An OAuth server that is not Genesys Cloud, for the Login tester's "any OAuth server": it
// publishes RFC 8414 metadata at its root and OpenID metadata under /oidc, none under /bare, and
// a document naming another issuer under /liar, and 2 MB of one under /huge. Its authorize approves at once (back to the
// redirect URI with a code), except /hostile/authorize: a login page that tries to navigate its
// window.opener and approves on a click; its token endpoint checks the PKCE verifier and refuses the client
// "refused-client" with invalid_grant; /oidc/userinfo says who signed in. Answers allow any origin (CORS), as public servers do.
// usage: node oauth-server.mjs [port]
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';

const port = Number(process.argv[2] ?? 8797);
const base = `http://127.0.0.1:${port}`;
const codes = new Map();
const tokens = new Set();

const metadata = (issuer, extra = {}) => ({
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  response_types_supported: ['code'],
  code_challenge_methods_supported: ['S256'],
  grant_types_supported: ['authorization_code'],
  ...extra,
});

const json = (res, status, body) =>
  res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' })
    .end(JSON.stringify(body));

const body = (req) => new Promise((ok) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => ok(b)); });

createServer(async (req, res) => {
  const url = new URL(req.url, base);
  const path = url.pathname;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type, Accept, Authorization', 'Access-Control-Allow-Methods': 'GET, POST' }).end();
  } else if (path === '/.well-known/oauth-authorization-server') {
    json(res, 200, metadata(base));
  } else if (path === '/oidc/.well-known/openid-configuration') {
    json(res, 200, metadata(`${base}/oidc`, { userinfo_endpoint: `${base}/oidc/userinfo`, jwks_uri: `${base}/oidc/keys` }));
  } else if (path === '/huge/.well-known/openid-configuration') {
    // 2 MB of metadata, sent in chunks without a length: only a capped read stops it.
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
    const pad = 'x'.repeat(64 * 1024);
    res.write(`{"issuer":"${base}/huge","padding":"`);
    for (let i = 0; i < 32; i++) res.write(pad);
    res.end('"}');
  } else if (path === '/liar/.well-known/openid-configuration') {
    json(res, 200, metadata('https://login.example.com'));
  } else if (/^(\/oidc|\/hostile)?\/authorize$/.test(path)) {
    const q = url.searchParams;
    if (!URL.canParse(q.get('redirect_uri') ?? '')) return json(res, 400, { error: 'invalid_request', error_description: 'No redirect_uri' });
    const code = randomBytes(12).toString('hex');
    codes.set(code, { client: q.get('client_id'), challenge: q.get('code_challenge'), redirect: q.get('redirect_uri') });
    const back = new URL(q.get('redirect_uri'));
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    if (!path.startsWith('/hostile')) return res.writeHead(302, { Location: back.toString() }).end();
    // A login page that tries to take over the page that opened it, says what it found, and
    // approves on a click.
    const attr = (t) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><title>Hostile login</title><link rel="icon" href="data:,"></head><body>
<p id="opener">opener: checking</p><a id="approve" href="${attr(back.toString())}">Approve</a>
<script>
  let found = 'none';
  try {
    if (window.opener) { found = 'reached'; window.opener.location = '${base}/hijacked'; }
  } catch (e) { found = 'reached, refused (' + e.name + ')'; }
  document.getElementById('opener').textContent = 'opener: ' + found;
</script></body></html>`);
  } else if (path === '/hijacked') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Hijacked</title><p>Taken over by the login page.</p>');
  } else if (/^(\/oidc)?\/token$/.test(path) && req.method === 'POST') {
    const f = new URLSearchParams(await body(req));
    const c = codes.get(f.get('code'));
    codes.delete(f.get('code'));
    if (f.get('client_id') === 'refused-client') {
      return json(res, 400, { error: 'invalid_grant', error_description: 'The code was issued to another client' });
    }
    const verifier = createHash('sha256').update(f.get('code_verifier') ?? '').digest('base64url');
    if (!c || c.client !== f.get('client_id') || c.redirect !== f.get('redirect_uri') || c.challenge !== verifier) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Unknown code, or the verifier does not match' });
    }
    const token = `at-${randomBytes(16).toString('hex')}`;
    tokens.add(token);
    json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
  } else if (path === '/oidc/userinfo') {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!tokens.has(token)) return json(res, 401, { error: 'invalid_token' });
    json(res, 200, { sub: 'u-123', name: 'Olivia Other', email: 'olivia@other.example' });
  } else {
    json(res, 404, { error: 'not_found' });
  }
}).listen(port, '127.0.0.1', () => console.log(`OAuth server on ${base}`));
