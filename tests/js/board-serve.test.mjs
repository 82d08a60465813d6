// scripts/serve.mjs: routes, MIME types, the CSP header, no path escapes, directory listings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startServer, CSP } from '../../scripts/serve.mjs';

let server, port;
before(async () => ({ server, port } = await startServer({ port: 0, routes: { '/x.json': { type: 'application/json', body: '[]' } } })));
after(() => server.close());

// Raw GET (fetch would normalise "/../" away before sending).
const get = (path, headers = {}) => new Promise((ok, fail) => {
  const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => (body += c));
    res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body }));
  });
  req.on('error', fail);
  req.end();
});

test('the playground, the demo and the widget source with their types and the CSP', async () => {
  for (const [path, type, text] of [
    ['/', 'text/html', 'Ownframe playground'],
    ['/demo/', 'text/html', '<ownframe-board'],
    ['/board/ownframe-board.js', 'text/javascript', "customElements.define('ownframe-board'"],
    ['/demo/tickets.json', 'application/json', '"html_url"'],
    ['/demo/jira.csv', 'text/csv', 'Issue key'],
    ['/x.json', 'application/json', '[]'],
  ]) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.ok(r.headers['content-type'].startsWith(type), `${path}: ${r.headers['content-type']}`);
    assert.ok(r.body.includes(text), path);
    assert.equal(r.headers['content-security-policy'], CSP);
  }
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(CSP, /script-src[^;]*'unsafe-(eval|inline)'/);
});

test('wasm as application/wasm when built', async (t) => {
  const r = await get('/pkg/ownframe_bg.wasm');
  if (r.status === 404) return t.skip('pkg/ not built');
  assert.equal(r.headers['content-type'], 'application/wasm');
  // Cached but revalidated: an unchanged file answers 304 (the browser keeps its copy and the
  // compiled code beside it); a changed one would not match.
  assert.equal(r.headers['cache-control'], 'no-cache');
  assert.match(r.headers.etag, /^W\/"[0-9a-f]+-[0-9a-f]+"$/);
  const again = await get('/pkg/ownframe_bg.wasm', { 'If-None-Match': r.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body, '');
  assert.equal((await get('/pkg/ownframe_bg.wasm', { 'If-None-Match': 'W/"0-0"' })).status, 200);
  // In-memory routes (tests, benchmarks) and listings stay uncached.
  assert.equal((await get('/fixtures/')).headers['cache-control'], 'no-store');
});

test('no escape from the served folders; listings escape names', async () => {
  for (const p of ['/../package.json', '/demo/../../package.json', '/%2e%2e/package.json', '/pkg/../../Cargo.toml']) {
    const r = await get(p);
    assert.equal(r.status, 404, p);
  }
  const list = await get('/fixtures/');
  assert.equal(list.status, 200);
  assert.match(list.body, /<li><a href="[^"]+\/">/);
  assert.equal((await get('/nope.html')).status, 404);
  assert.equal((await get('/demo')).status, 301);
});
