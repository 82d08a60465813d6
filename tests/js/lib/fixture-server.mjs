// HTTPS server for the fixture pages (www/fixtures), at the real sites' paths, with a strict CSP
// like GitHub's (no 'wasm-unsafe-eval', Trusted Types required). A self-signed certificate for
// github.com, *.atlassian.net and 127.0.0.1 is made with openssl in a temp dir at start.
// Browsers reach it through --host-resolver-rules (Chromium) or directly at 127.0.0.1.
//
//   const server = await startFixtureServer();   // {port, origin, requests, close(), dir}
//   server.requests: every request seen, {method, host, path, time}
import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURES = join(ROOT, 'www/fixtures');

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; require-trusted-types-for 'script'";

/** Routes at the real sites' paths -> fixture file. */
export const ROUTES = [
  [/^\/[^/]+\/[^/]+\/issues\/new$/, 'github/new-issue.html'],
  [/^\/[^/]+\/[^/]+\/issues\/\d+$/, 'github/issue.html'],
  [/^\/jira\/your-work$/, 'jira-cloud/create.html'],
  [/^\/browse\/[A-Z][A-Z0-9_]*-\d+$/, 'jira-cloud/create.html'],
  [/^\/secure\/CreateIssue(!default)?\.jspa$/, 'jira-dc/create.html'],
];

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function makeCert(dir) {
  const conf = join(dir, 'openssl.cnf');
  writeFileSync(
    conf,
    `[req]\ndistinguished_name=dn\nx509_extensions=ext\nprompt=no\n[dn]\nCN=github.com\n` +
      `[ext]\nsubjectAltName=DNS:github.com,DNS:*.atlassian.net,DNS:localhost,DNS:jira.acme.test,IP:127.0.0.1\n` +
      `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
  );
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-config', conf,
  ], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

async function bundleEditor() {
  const out = await build({
    entryPoints: [join(FIXTURES, 'jira-cloud/editor-src.js')],
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  return out.outputFiles[0].contents;
}

export async function startFixtureServer({ port = 0, host = '127.0.0.1' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ownframe-fixtures-'));
  const tls = makeCert(dir);
  const editorJs = await bundleEditor();
  const requests = [];
  const server = createServer(tls, (req, res) => {
    const url = new URL(req.url, 'https://fixture');
    requests.push({ method: req.method, host: req.headers.host, path: url.pathname, time: Date.now() });
    const send = (status, type, body) => {
      res.writeHead(status, {
        'content-type': type,
        'content-security-policy': CSP,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    };
    if (url.pathname === '/fixtures/jira-cloud/editor.js') return send(200, TYPES['.js'], editorJs);
    const route = ROUTES.find(([re]) => re.test(url.pathname));
    let file = route ? route[1] : null;
    if (!file && url.pathname.startsWith('/fixtures/')) {
      const rel = normalize(url.pathname.slice('/fixtures/'.length));
      if (!rel.startsWith('..') && !rel.includes('editor-src')) file = rel;
    }
    const path = file && join(FIXTURES, file);
    if (!path || !existsSync(path)) return send(404, 'text/plain', 'not found');
    send(200, TYPES[extname(path)] ?? 'application/octet-stream', readFileSync(path));
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const actual = server.address().port;
  return {
    port: actual,
    origin: `https://127.0.0.1:${actual}`,
    requests,
    dir,
    cert: join(dir, 'cert.pem'),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

/**
 * An HTTP CONNECT proxy for browsers without host-resolver rules (Firefox): CONNECT to one of
 * `hosts` on port 443 is tunnelled to the fixture server; anything else is refused and recorded
 * in `refused`, so a test can also assert that nothing tried to leave.
 */
export async function startConnectProxy(fixturePort, { hosts = ['github.com', 'acme.atlassian.net'] } = {}) {
  const { createServer: createHttp } = await import('node:http');
  const { connect } = await import('node:net');
  const refused = [];
  const tunnels = [];
  const proxy = createHttp((req, res) => {
    refused.push(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  proxy.on('connect', (req, client, head) => {
    const [host, port] = req.url.split(':');
    if (!hosts.includes(host) || port !== '443') {
      refused.push(`CONNECT ${req.url}`);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnels.push(req.url);
    const upstream = connect(fixturePort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head?.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: proxy.address().port,
    refused,
    tunnels,
    close: () => new Promise((resolve) => {
      proxy.closeAllConnections?.();
      proxy.close(() => resolve());
    }),
  };
}
