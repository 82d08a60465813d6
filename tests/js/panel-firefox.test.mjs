// The ownership panel in Firefox ESR over WebDriver BiDi (dist/firefox, see
// extension-firefox.test.mjs for the set-up): the panel reads the record on GitHub and Jira Cloud,
// its shadow styles apply in a Firefox content script, and an edit written through the textarea
// and the ProseMirror editor is taken back by ONE undo (trusted clicks and keys).
// OWNFRAME_EXTENSION_DIR points at another unpacked build (default dist/firefox).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer, startConnectProxy } from './lib/fixture-server.mjs';
import { ensureExtensionBuilt, until, DIST, FIREFOX } from './lib/browsers.mjs';
import { launchFirefox } from './lib/bidi.mjs';

const EXT = process.env.OWNFRAME_EXTENSION_DIR || join(DIST, 'firefox');
if (!process.env.OWNFRAME_EXTENSION_DIR && existsSync(FIREFOX)) ensureExtensionBuilt();
const glue = join(EXT, 'pkg/ownframe.js');
const skip = !existsSync(FIREFOX)
  ? `${FIREFOX} is not installed`
  : !existsSync(glue) || !readFileSync(glue, 'utf8').includes('export function ownership_read(')
    ? 'the built core lacks the ownership_* exports (src/wasm.rs): rebuild with scripts/build-wasm'
    : false;

let server;
let proxy;
let ff;
let ctx;

before(async () => {
  if (skip) return;
  server = await startFixtureServer();
  proxy = await startConnectProxy(server.port);
  ff = await launchFirefox({
    prefs: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.share_proxy_settings': false,
      'network.proxy.no_proxies_on': '',
    },
  });
  await ff.send('webExtension.install', { extensionData: { type: 'path', path: EXT } });
  ctx = (await ff.send('browsingContext.getTree', {})).contexts[0].context;
});

after(async () => {
  await ff?.close();
  await proxy?.close();
  await server?.close();
});

const state = () =>
  ff.evaluate(ctx, `(() => {
    const hosts = [...document.querySelectorAll('ownframe-panel')];
    const h = hosts[0];
    return { count: hosts.length, owner: h?.getAttribute('data-owner'), areas: h?.getAttribute('data-authority-areas'),
      nudges: h?.getAttribute('data-nudges'), source: h?.getAttribute('data-source'), mode: h?.getAttribute('data-state'),
      pending: h?.hasAttribute('data-pending') ?? true, status: h?.getAttribute('data-status'),
      bg: h ? getComputedStyle(h.shadowRoot.querySelector('section')).backgroundColor : null };
  })()`);
const settled = (what, pred) =>
  until(async () => {
    const s = await state();
    return s.count === 1 && s.nudges != null && !s.pending && pred(s) && s;
  }, what, 10000, 100);

async function click(expression) {
  await ff.evaluate(ctx, `(${expression}).scrollIntoView({ block: 'center' })`);
  const r = await ff.send('script.evaluate', { expression, target: { context: ctx }, awaitPromise: false });
  assert.equal(r.result.type, 'node', expression);
  await ff.send('input.performActions', {
    context: ctx,
    actions: [{ type: 'pointer', id: 'mouse', actions: [
      { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId: r.result.sharedId } } },
      { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 },
    ] }],
  });
}
const inPanel = (css) => `document.querySelector('ownframe-panel').shadowRoot.querySelector(${JSON.stringify(css)})`;
const undoKeys = () =>
  ff.send('input.performActions', {
    context: ctx,
    actions: [{ type: 'key', id: 'kbd', actions: [{ type: 'keyDown', value: '\uE009' }, { type: 'keyDown', value: 'z' }, { type: 'keyUp', value: 'z' }, { type: 'keyUp', value: '\uE009' }] }],
  });

test('Firefox: GitHub panel reads the record, styles apply, edit + ONE undo in the textarea', { skip }, async () => {
  await ff.send('browsingContext.navigate', { context: ctx, url: 'https://github.com/fixtures/github/issue-view.html', wait: 'complete' });
  const s = await settled('panel read', (x) => x.owner !== '');
  assert.equal(s.owner, 'alice');
  assert.equal(s.areas, '2');
  assert.equal(s.bg, 'rgb(255, 255, 255)', 'shadow styles apply');
  await click(`document.querySelector('[data-testid="edit-issue-body"]')`);
  await settled('editor open', (x) => x.source === 'editor');
  const value = () => ff.evaluate(ctx, `document.querySelector('[data-testid="issue-body"] textarea').value`);
  const original = await value();
  await click(inPanel('button.edit'));
  await until(async () => (await state()).mode === 'edit', 'edit mode', 10000, 100);
  await ff.evaluate(ctx, `(${inPanel('input[name=owner]')}).value = 'bob'`);
  await click(inPanel('button.save'));
  await settled('written', (x) => x.owner === 'bob');
  assert.match(await value(), /^\| Owner \| bob \|$/m);
  await ff.evaluate(ctx, `document.querySelector('[data-testid="issue-body"] textarea').focus()`);
  await undoKeys();
  assert.equal(await value(), original);
});

test('Firefox: Jira Cloud panel, edit pasted into ProseMirror, ONE undo', { skip }, async () => {
  await ff.send('browsingContext.navigate', { context: ctx, url: 'https://acme.atlassian.net/fixtures/jira-cloud/issue-view.html', wait: 'complete' });
  const s = await settled('panel read', (x) => x.owner !== '');
  assert.equal(s.owner, 'Bob Builder');
  assert.equal(s.areas, '2');
  const doc = () => ff.evaluate(ctx, `JSON.stringify((window.wrappedJSObject?.__pmView ?? window.__pmView).state.doc.toJSON())`);
  const before = await doc();
  await click(inPanel('button.edit'));
  await until(async () => (await state()).mode === 'edit', 'edit mode', 10000, 100);
  await ff.evaluate(ctx, `(${inPanel('textarea[name=outcome]')}).value = 'Payouts reconcile in one step'`);
  await click(inPanel('button.save'));
  await until(async () => (await doc()) !== before, 'pasted', 10000, 100).catch(async (e) => {
    throw new Error(`${e.message}; panel status: ${(await state()).status}`);
  });
  await settled('re-read', (x) => x.mode === 'view');
  assert.match(await doc(), /\|Outcome\|Payouts reconcile in one step\|/);
  await ff.evaluate(ctx, `document.querySelector('.ProseMirror').focus()`);
  await undoKeys();
  assert.equal(await doc(), before);
});
