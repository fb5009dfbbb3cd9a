// The servers the browser runs talk to, on the addresses the sandbox org's console clients are
// registered for: the sandbox org, and a static host for a built folder (its `_headers` served).
export const sandboxOrg = {
  command: '../../target/debug/sandbox-org --port 8787',
  url: 'http://127.0.0.1:8787/sandbox/health',
  reuseExistingServer: false,
  timeout: 20_000,
};

// A second org beside it, reached as custom URLs: several environments in one tab.
export const SECOND_ORG = 'http://127.0.0.1:8789';
export const secondOrg = {
  command: '../../target/debug/sandbox-org --port 8789 --org-name "Sandbox Test Org" --org-id 7d1e0c2b-5a4f-4e6d-9b3a-2c1d0e9f8a02',
  url: `${SECOND_ORG}/sandbox/health`,
  reuseExistingServer: false,
  timeout: 20_000,
};

// An OAuth server that is not Genesys Cloud (oauth-server.mjs), for the Tester's "any server".
export const OTHER_SERVER = 'http://127.0.0.1:8797';
export const otherServer = {
  command: 'node oauth-server.mjs 8797',
  url: `${OTHER_SERVER}/.well-known/oauth-authorization-server`,
  reuseExistingServer: false,
  timeout: 20_000,
};

// `connect`: more connect-src sources, as a deployment that talks to more servers sets them.
export const staticHost = (dir: string, port: number, probe = '/', connect = '') => ({
  command: `${connect ? `CSP_CONNECT_EXTRA='${connect}' ` : ''}node serve-dist.mjs ${dir} ${port}`,
  url: `http://127.0.0.1:${port}${probe}`,
  reuseExistingServer: false,
  timeout: 20_000,
});

// Debian's nginx with deploy/nginx.conf: the root build and the build for /oauth-console/.
export const nginx = {
  command: 'node nginx.mjs 8088',
  url: 'http://127.0.0.1:8088/oauth-console/',
  reuseExistingServer: false,
  timeout: 20_000,
  gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 3_000 },
};
