// End to end in Firefox ESR over WebDriver BiDi (no geckodriver): webExtension.install loads
// dist/firefox (the production manifest, background as an event page), pages for github.com and
// acme.atlassian.net reach the local HTTPS fixture server through a CONNECT proxy, and the
// prompt must appear and report the background's analysis.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer, startConnectProxy } from './lib/fixture-server.mjs';
import { ensureExtensionBuilt, until, DIST, FIREFOX } from './lib/browsers.mjs';
import { launchFirefox } from './lib/bidi.mjs';
import { loadCore, expectedMarks, missingWords } from './lib/core.mjs';
import { misplacedMarks } from './lib/geometry.mjs';

const ORDER = 'Implement the /history endpoint with limit and offset. Use Redis to cache it.';
const OUTCOME = "Users can't export their data for offline analysis, so analysts copy tables by hand.";
const skip = existsSync(FIREFOX) ? false : `${FIREFOX} is not installed`;

let server;
let proxy;
let ff;
let ctx;
let core;

before(async () => {
  if (skip) return;
  ensureExtensionBuilt();
  core = await loadCore(join(DIST, 'firefox/pkg')); // the very core the extension runs
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
  const installed = await ff.send('webExtension.install', { extensionData: { type: 'path', path: join(DIST, 'firefox') } });
  assert.equal(installed.extension, 'ownframe@ownframe.dev');
  ctx = (await ff.send('browsingContext.getTree', {})).contexts[0].context;
});

after(async () => {
  await ff?.close();
  await proxy?.close();
  await server?.close();
});

const prompts = () =>
  ff.evaluate(
    ctx,
    `[...document.querySelectorAll('ownframe-prompt')].map((h) => ({
      framing: h.getAttribute('data-framing'), pending: h.hasAttribute('data-pending'), status: h.getAttribute('data-status'),
      marks: [...h.shadowRoot.querySelectorAll('mark')].map((m) => m.textContent) }))`,
  );

async function settled(want) {
  return until(async () => {
    const list = await prompts();
    if (list.length > 1) throw new Error(`${list.length} prompts`);
    return list[0] && !list[0].pending && want(list[0].framing) && list[0];
  }, 'analysis in Firefox', 10000, 100);
}

async function element(css) {
  const r = await ff.send('script.evaluate', { expression: `document.querySelector(${JSON.stringify(css)})`, target: { context: ctx }, awaitPromise: false });
  assert.equal(r.result.type, 'node', `${css} exists`);
  return r.result.sharedId;
}

/** Clicks an element and types through real key events (trusted input, the editor's own path). */
async function clickAndType(css, text, { selectAll = false } = {}) {
  const sharedId = await element(css);
  await ff.send('input.performActions', {
    context: ctx,
    actions: [{ type: 'pointer', id: 'mouse', actions: [
      { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId } } },
      { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 },
    ] }],
  });
  const keys = [];
  if (selectAll) keys.push({ type: 'keyDown', value: '\uE009' }, { type: 'keyDown', value: 'a' }, { type: 'keyUp', value: 'a' }, { type: 'keyUp', value: '\uE009' });
  for (const ch of text) keys.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch });
  await ff.send('input.performActions', { context: ctx, actions: [{ type: 'key', id: 'kbd', actions: keys }] });
}

test('Firefox: the prompt appears on GitHub and follows the background analysis', { skip }, async () => {
  await ff.send('browsingContext.navigate', { context: ctx, url: 'https://github.com/octo/repo/issues/new', wait: 'complete' });
  await until(async () => (await prompts()).length === 1, 'prompt in Firefox', 10000, 100);
  await clickAndType('textarea.md', ORDER);
  const p = await settled((f) => f === core.analyze({ title: '', body: ORDER }).class);
  assert.deepEqual(p.marks, expectedMarks(core.analyze({ title: '', body: ORDER }), ORDER), 'highlights = core spans');
  assert.ok(p.marks.length > 0);
  // the shadow root's styles apply in Firefox content scripts too (else the mirror text would show)
  const styles = await ff.evaluate(ctx, `(() => {
    const r = document.querySelector('ownframe-prompt').shadowRoot;
    const m = getComputedStyle(r.querySelector('.mirror'));
    return { color: m.color, font: m.font === getComputedStyle(document.querySelector('textarea.md')).font, bar: getComputedStyle(r.querySelector('.bar')).position };
  })()`);
  assert.deepEqual(styles, { color: 'rgba(0, 0, 0, 0)', font: true, bar: 'absolute' });
  const misplaced = await ff.evaluate(ctx, `(${misplacedMarks.toString()})('textarea.md')`);
  assert.ok(misplaced.marks > 0);
  assert.deepEqual(misplaced.out, [], 'every highlight sits over its words in Firefox too');
  await clickAndType('textarea.md', OUTCOME, { selectAll: true });
  const q = await settled((f) => f === core.analyze({ title: '', body: OUTCOME }).class);
  assert.deepEqual(q.marks, expectedMarks(core.analyze({ title: '', body: OUTCOME }), OUTCOME));
});

test('Firefox: Jira Cloud ProseMirror editor gets a prompt and CSS highlights', { skip }, async () => {
  await ff.send('browsingContext.navigate', { context: ctx, url: 'https://acme.atlassian.net/jira/your-work', wait: 'complete' });
  await until(async () => (await prompts()).length === 1, 'prompt on the ProseMirror editor', 10000, 100);
  await clickAndType('.ProseMirror', ORDER);
  await settled((f) => f === core.analyze({ title: '', body: ORDER, format: 'text' }).class);
  const ranges = await ff.evaluate(ctx, `[...(CSS.highlights.get('ownframe-finding') ?? [])].map((r) => r.toString())`);
  const want = expectedMarks(core.analyze({ title: '', body: ORDER, format: 'text' }), ORDER);
  assert.ok(want.length > 0);
  assert.deepEqual(ranges, want, 'CSS highlight ranges = core spans');
});

async function clickInPrompt(css) {
  const r = await ff.send('script.evaluate', {
    expression: `document.querySelector('ownframe-prompt').shadowRoot.querySelector(${JSON.stringify(css)})`,
    target: { context: ctx },
    awaitPromise: false,
  });
  assert.equal(r.result.type, 'node', `${css} in the prompt`);
  await ff.send('input.performActions', {
    context: ctx,
    actions: [{ type: 'pointer', id: 'mouse', actions: [
      { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId: r.result.sharedId } } },
      { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 },
    ] }],
  });
}
const undoKeys = () =>
  ff.send('input.performActions', {
    context: ctx,
    actions: [{ type: 'key', id: 'kbd', actions: [{ type: 'keyDown', value: '\uE009' }, { type: 'keyDown', value: 'z' }, { type: 'keyUp', value: 'z' }, { type: 'keyUp', value: '\uE009' }] }],
  });

test('Firefox: rewrite then ONE undo restores the text (textarea and ProseMirror)', { skip }, async () => {
  await ff.send('browsingContext.navigate', { context: ctx, url: 'https://github.com/octo/repo/issues/new', wait: 'complete' });
  await until(async () => (await prompts()).length === 1, 'prompt', 10000, 100);
  await clickAndType('textarea.md', ORDER);
  await settled(() => true);
  await clickInPrompt('button.rewrite');
  const value = () => ff.evaluate(ctx, `document.querySelector('textarea.md').value`);
  await until(async () => (await value()) !== ORDER, 'rewrite in Firefox', 10000, 100);
  await ff.evaluate(ctx, `document.querySelector('textarea.md').focus()`);
  await undoKeys();
  assert.equal(await value(), ORDER);

  await ff.send('browsingContext.navigate', { context: ctx, url: 'https://acme.atlassian.net/jira/your-work', wait: 'complete' });
  await until(async () => (await prompts()).length === 1, 'prompt', 10000, 100);
  await clickAndType('.ProseMirror', ORDER);
  await settled(() => true);
  const doc = () => ff.evaluate(ctx, `JSON.stringify(window.wrappedJSObject?.__pmView?.state.doc.toJSON() ?? window.__pmView.state.doc.toJSON())`);
  const before = await doc();
  await clickInPrompt('button.rewrite');
  await until(async () => (await doc()) !== before, 'ProseMirror rewrite in Firefox', 10000, 100).catch(async (e) => {
    throw new Error(`${e.message}; prompt status: ${(await prompts())[0]?.status}`);
  });
  const rewritten = await ff.evaluate(ctx, `document.querySelector('.ProseMirror').innerText`);
  const expected = core.rewrite({ title: '', body: ORDER, format: 'text', to: 'markdown' });
  assert.deepEqual(missingWords(ORDER, rewritten), [], 'every word kept');
  assert.ok(rewritten.split(/\n+/).length >= expected.split(/\n+/).filter((l) => l.trim()).length - 2, 'line structure kept');
  await ff.evaluate(ctx, `document.querySelector('.ProseMirror').focus()`);
  await undoKeys();
  assert.equal(await doc(), before);
});

test('Firefox: nothing but the fixture hosts was contacted, except the browser itself', { skip }, () => {
  // Firefox's own services (settings, push, captive-portal probe) are not the extension's doing
  const browserOwn = /^[A-Z]+ (https?:\/\/)?([^/ :]+\.)?(mozilla\.(com|net|org)|firefox\.com|mozaws\.net|mozgcp\.net)(:\d+)?(\/|$)/;
  assert.deepEqual(proxy.refused.filter((r) => !browserOwn.test(r)), [], `refused: ${proxy.refused}`);
  assert.ok(proxy.tunnels.length > 0, 'pages came through the proxy');
});
