// <ownframe-board> in Firefox ESR over WebDriver BiDi: the same module, its workers (the page's
// compiled wasm posted to them), a long src list read while it downloads and shared between the
// workers, a malformed item as its row's error. Served by scripts/serve.mjs with its real CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';
import { until, FIREFOX } from './lib/browsers.mjs';
import { launchFirefox } from './lib/bidi.mjs';

const ROOT = new URL('../../', import.meta.url);
const skip = !existsSync(FIREFOX) ? `${FIREFOX} is not installed`
  : !existsSync(new URL('pkg-board/ownframe_bg.wasm', ROOT)) ? 'pkg-board/ is missing: run scripts/build-wasm' : false;

let server, base, ff, ctx;

before(async () => {
  if (skip) return;
  const issue = (i) => JSON.stringify({ number: i + 1, title: `Import ${i + 1} drops rows`, body: `Operators lose ${i} rows when the import meets a quoted comma. `.repeat(15), html_url: `https://github.com/o/r/issues/${i + 1}`, state: 'open' });
  const items = Array.from({ length: 900 }, (_, i) => issue(i));
  const long = `[${items.slice(0, 450).join(',')},{"number": 451, "title": [}],${items.slice(451).join(',')}]`;
  // 40 tickets, one first chunk, whose download ends a second after the last ticket is in.
  const held = { type: 'application/json', parts: [`[${items.slice(0, 40).join(',')}`, ']'], pause: 1000 };
  ({ server, url: base } = await startServer({ port: 0, routes: { '/long.json': { type: 'application/json', body: long }, '/held-end.json': held } }));
  ff = await launchFirefox();
  ctx = (await ff.send('browsingContext.getTree', {})).contexts[0].context;
});

after(async () => {
  await ff?.close();
  server?.close();
});

/** The board's rows once it is ready (a src change restarts the wait). Each poll waits at most a
 * second for `ready`, so a board that never settles fails with what it showed last (its status,
 * engine and rows) rather than with a call that never answers. */
const rowsOf = async (selector) => {
  let shown;
  try {
    return await until(async () => {
      const r = await ff.evaluate(ctx, `(async () => {
        const b = document.querySelector(${JSON.stringify(selector)});
        if (!b || !b.ready) return { pending: b ? 'no load started' : 'no element' };
        const r = b.ready;
        const settled = await Promise.race([r.then(() => true), new Promise((done) => setTimeout(() => done(false), 1000))]);
        if (!settled || r !== b.ready) {
          const text = (q) => b.shadowRoot.querySelector(q)?.textContent ?? '';
          return { pending: { status: text('[role=status]'), alert: text('[role=alert]'), engine: b.dataset.engine ?? null, rows: b.rows.length } };
        }
        return { rows: b.rows.map((x) => ({ index: x.index, id: x.id, cls: x.class, error: x.error ?? null })), engine: b.dataset.engine,
          alert: b.shadowRoot.querySelector('[role=alert]')?.textContent ?? '', chart: !!b.shadowRoot.querySelector('svg[role=img]') };
      })()`);
      if (r?.pending) { shown = r.pending; return null; }
      return r;
    }, `board ${selector} ready`, 30000, 200);
  } catch (e) {
    throw new Error(`${e.message}; the board showed ${JSON.stringify(shown)}`);
  }
};

test('Firefox: the demo board and a long src list judged in workers while it downloads', { skip }, async () => {
  await ff.send('browsingContext.navigate', { context: ctx, url: `${base}demo/`, wait: 'complete' });
  const demo = await rowsOf('ownframe-board');
  assert.ok(demo.rows.length >= 40, `${demo.rows.length} demo rows`);
  assert.ok(demo.rows.some((r) => r.cls === 'task-style') && demo.rows.some((r) => r.cls === 'outcome-first'));
  assert.equal(demo.alert, '');
  assert.ok(demo.chart, 'the chart is drawn by the page\'s wasm');

  await ff.evaluate(ctx, `(() => { const b = document.createElement('ownframe-board'); b.id = 'long'; document.body.append(b); b.setAttribute('src', '/long.json'); return true; })()`);
  const long = await until(async () => { const s = await rowsOf('#long'); return s.rows.length === 900 && s; }, 'long list', 30000, 200);
  assert.equal(long.engine, 'worker');
  assert.deepEqual(long.rows.map((r) => r.index), long.rows.map((_, i) => i));
  assert.deepEqual(long.rows.filter((r) => r.error).map((r) => r.index), [450]);
  assert.match(long.rows[450].error, /not valid JSON/);
  assert.equal(long.rows[899].id, '#900');
});

test('Firefox: a list judged in full before its download ends still becomes ready', { skip }, async () => {
  await ff.evaluate(ctx, `(() => { const b = document.createElement('ownframe-board'); b.id = 'held'; document.body.append(b); b.setAttribute('src', '/held-end.json'); return true; })()`);
  const held = await rowsOf('#held');
  assert.deepEqual(held.rows.map((r) => r.index), held.rows.map((_, i) => i));
  assert.equal(held.rows.length, 40);
});
