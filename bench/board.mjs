#!/usr/bin/env node
// Benchmark: <ownframe-board> on 10,000 tickets in real Chromium.
// The clock starts when the page creates <ownframe-board src=...> and imports the widget's module,
// as a dashboard page does: compiling the wasm, starting the workers, the download and the
// analysis all count.
// Tickets (bench/board-list.mjs): ../shared/corpus/tickets.jsonl (read at runtime, never copied), repeated with
// variations (numbered titles, rotated assignees, a varying sentence) until N, served to the
// board as a GitHub issues JSON `src`. Measures: time to the first screen of rows painted, time
// to every ticket analysed (target < 1.5 s), main-thread responsiveness while the worker analyses
// (long tasks, the longest gap between animation frames, keypress-to-paint latency for typing in
// an input on the page), and memory (page + worker, via measureUserAgentSpecificMemory).
// Usage: node bench/board.mjs [--n 10000] [--runs 3] [--timeline] [--source]   Skips (exit 0) when the
// corpus is absent. Measures the built bundle (dist/web/) when it exists, else (or with --source)
// the source module.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { boardList } from './board-list.mjs';

const ROOT = new URL('../', import.meta.url);
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const N = arg('n', 10000);
const RUNS = arg('runs', 3);
const WORKERS = arg('workers', 0); // 0: the widget's default (one per core, up to 4)
const TIMELINE = process.argv.includes('--timeline'); // print when each worker message reached the page
// What a dashboard ships: the built bundle (one module beside its wasm, scripts/build-web.mjs);
// --source measures the unbundled module (www/board/ with pkg-board/) instead.
const BUNDLE = !process.argv.includes('--source') && existsSync(new URL('dist/web/ownframe-board.js', ROOT));
const MODULE = BUNDLE ? '/dist/web/ownframe-board.js' : '/board/ownframe-board.js';
const TARGET_MS = 1500;

const list = boardList(N);
if (!list) {
  console.log('bench/board: skipped (../shared/corpus/tickets.jsonl is absent)');
  process.exit(0);
}
if (!existsSync(new URL('pkg-board/ownframe_bg.wasm', ROOT))) {
  console.error('bench/board: pkg-board/ is missing; run scripts/build-wasm first');
  process.exit(1);
}

const { issues, corpusTickets } = list;
const payload = JSON.stringify(issues);
// The page and the tickets come from the project's server (in memory; nothing is written to disk),
// cross-origin isolated so the memory API covers the workers too.
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>board bench</title>
<link rel="icon" href="data:,"></head>
<body><label>Type here <input id="probe"></label></body></html>`;
const { server, url } = await startServer({
  port: 0,
  isolate: true,
  routes: {
    '/bench.html': { type: 'text/html; charset=utf-8', body: PAGE },
    '/bench-tickets.json': { type: 'application/json', body: payload },
    '/bench-tickets-again.json': { type: 'application/json', body: payload }, // the live board's new src
  },
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-blink-features=ForceEagerMeasureMemory', '--enable-precise-memory-info',
    `--ownframe-bench=${process.pid}`, // marks this browser's process for rendererMemory()
    // V8 flags for experiments only (e.g. OWNFRAME_BENCH_JS_FLAGS=--liftoff-only); users have none.
    ...(process.env.OWNFRAME_BENCH_JS_FLAGS ? [`--js-flags=${process.env.OWNFRAME_BENCH_JS_FLAGS}`] : [])],
});

async function run() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url + 'bench.html');
  await page.evaluate(([workers, module]) => {
    const w = (window.__bench = { own: { total: 0, max: 0 }, longTasks: [], frames: [], keys: [], firstRows: null, t0: 0, messages: [] });
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, ms: e.duration }); })
      .observe({ type: 'longtask', buffered: false });
    const tick = (t) => { w.frames.push(t); if (!w.stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    document.getElementById('probe').addEventListener('keydown', (e) => {
      const at = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => w.keys.push(performance.now() - at), 0));
    });
    // Once the module defines the element (before any worker message can reach the page):
    // time the widget's own main-thread JS (message handling, view, rendering), apart from
    // whatever else the machine makes the main thread wait for, and log the messages.
    const instrument = (b) => {
      const P = customElements.get('ownframe-board').prototype;
      let depth = 0; // count top-level calls only (the view is rendered from inside _onMessage)
      for (const name of ['_onMessage', '_applyView', '_render']) {
        const f = P[name];
        P[name] = function (...a) {
          const t = performance.now();
          depth++;
          try { return f.apply(this, a); } finally {
            if (--depth === 0) { const d = performance.now() - t; w.own.total += d; w.own.max = Math.max(w.own.max, d); }
          }
        };
      }
      const onMessage = P._onMessage;
      P._onMessage = function (m) {
        const rel = (at) => (at - performance.timeOrigin - w.t0).toFixed(0);
        const t = m.timing ? ` (worker ${Object.entries(m.timing).map(([k, v]) => `${k} ${rel(v)}`).join(', ')})` : '';
        w.messages.push(`${(performance.now() - w.t0).toFixed(0)} ${m.type}${m.worker != null ? ` w${m.worker}` : ''}${m.start != null ? ` @${m.start}` : ''}${m.ms != null ? ` ${m.ms.toFixed(0)}ms` : ''}${t}`);
        return onMessage.call(this, m);
      };
      w.watchFirstRows(b);
    };
    w.watchFirstRows = (b) => {
      const mo = new MutationObserver(() => {
        if (w.firstRows == null && b.shadowRoot.querySelector('tbody tr[data-index]')) {
          requestAnimationFrame(() => { w.firstRows = performance.now() - w.t0; });
          mo.disconnect();
        }
      });
      mo.observe(b.shadowRoot, { childList: true, subtree: true });
    };
    // The clock starts as a dashboard page would start the widget: the element with its src,
    // then the module (compiling the wasm, starting the workers) loads.
    w.t0 = performance.now();
    const b = document.createElement('ownframe-board');
    b.id = 'b';
    if (workers) b.setAttribute('workers', workers);
    b.style.setProperty('--ownframe-board-height', '600px');
    b.setAttribute('src', '/bench-tickets.json');
    w.done = new Promise((resolve) => b.addEventListener('ownframe-board-ready', (e) => { w.doneMs = performance.now() - w.t0; w.detail = e.detail; resolve(); }, { once: true }));
    document.body.append(b);
    customElements.whenDefined('ownframe-board').then(() => instrument(b));
    import(module);
  }, [WORKERS, MODULE]);
  const cold = await measure(page);
  // Phase 2: the same board (its workers and their compiled code warm) is given a new src, as a
  // dashboard does when the team or filter changes.
  await page.evaluate(() => {
    const w = window.__bench;
    Object.assign(w, { own: { total: 0, max: 0 }, longTasks: [], frames: [], keys: [], firstRows: null, messages: [], doneMs: null, stop: false });
    const tick = (t) => { w.frames.push(t); if (!w.stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const b = document.getElementById('b');
    w.t0 = performance.now();
    w.done = new Promise((resolve) => b.addEventListener('ownframe-board-ready', (e) => { w.doneMs = performance.now() - w.t0; w.detail = e.detail; resolve(); }, { once: true }));
    b.setAttribute('src', '/bench-tickets-again.json'); // clears the table synchronously
    w.watchFirstRows(b);
  });
  const live = await measure(page);
  await page.close();
  return { cold, live };
}

/** Types into the page until the board is done, then collects the phase's numbers. */
async function measure(page) {
  // Type into the page while the worker analyses.
  await page.focus('#probe');
  const typing = (async () => {
    for (let i = 0; i < 200; i++) {
      if (await page.evaluate(() => window.__bench.doneMs != null)) break;
      await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  await page.evaluate(() => window.__bench.done);
  await typing;
  const r = await page.evaluate(async () => {
    const w = window.__bench;
    w.stop = true;
    const frames = w.frames.filter((t) => t - w.t0 <= w.doneMs);
    let maxGap = 0;
    for (let i = 1; i < frames.length; i++) maxGap = Math.max(maxGap, frames[i] - frames[i - 1]);
    const inWindow = w.longTasks.filter((t) => t.start - w.t0 <= w.doneMs);
    let memory = null;
    try {
      if (crossOriginIsolated && performance.measureUserAgentSpecificMemory) {
        const m = await performance.measureUserAgentSpecificMemory();
        memory = { total: m.bytes, worker: m.breakdown.filter((b) => b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')).reduce((s, b) => s + b.bytes, 0) };
      }
    } catch { /* not available */ }
    const heap = performance.memory?.usedJSHeapSize ?? null;
    const b = document.getElementById('b');
    return {
      rows: b.rows.length, errors: b.rows.filter((x) => x.error).length, dom: b.shadowRoot.querySelectorAll('tbody tr[data-index]').length,
      firstRows: w.firstRows, done: w.doneMs, longTasks: inWindow.length, longestTask: Math.max(0, ...inWindow.map((t) => t.ms)),
      workers: w.detail?.workers, ownTotal: w.own.total, ownMax: w.own.max, maxFrameGap: maxGap, keys: w.keys, memory, heap, engine: b.dataset.engine, messages: w.messages, tasks: inWindow.map((t) => `${(t.start - w.t0).toFixed(0)}+${t.ms.toFixed(0)}`),
    };
  });
  r.os = rendererMemory();
  return r;
}

/** Resident and peak memory (VmRSS, VmHWM) of Chromium's renderer processes (they hold the
 * page and its workers), from /proc: what the operating system sees, wasm memory included. */
function rendererMemory() {
  if (!existsSync('/proc/self/status')) return null;
  const parent = new Map();
  let root = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes(`--ownframe-bench=${process.pid}`) && !cmd.includes('--type=')) root = Number(d);
    } catch { /* gone */ }
  }
  if (!root) return null;
  const under = (pid) => { for (let p = pid; p; p = parent.get(p)) if (p === root) return true; return false; };
  let rss = 0, hwm = 0;
  for (const pid of parent.keys()) {
    if (!under(pid)) continue;
    let cmd = '';
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (!cmd.includes('--type=renderer')) continue;
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    rss += Number(/VmRSS:\s+(\d+)/.exec(st)?.[1] ?? 0) * 1024;
    hwm += Number(/VmHWM:\s+(\d+)/.exec(st)?.[1] ?? 0) * 1024;
  }
  return { rss, hwm };
}

const mb = (b) => (b == null ? 'n/a' : `${(b / 1048576).toFixed(1)} MB`);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };
console.log(`bench/board: ${N} tickets (${(payload.length / 1048576).toFixed(1)} MB JSON from ${corpusTickets} corpus tickets), module ${MODULE}, ${RUNS} runs, workers ${WORKERS || 'default'}, Chromium ${browser.version()}, ${(await import('node:os')).cpus().length} cores`);
const results = { cold: [], live: [] };
const PHASES = { cold: 'cold start (page creates the element with src; module, wasm, workers, download)', live: 'live board, new src (workers warm)' };
for (let i = 0; i < RUNS; i++) {
  const both = await run();
  for (const phase of ['cold', 'live']) {
    const r = both[phase];
    results[phase].push(r);
    console.log(`  run ${i + 1} ${phase}: first screen ${r.firstRows.toFixed(0)} ms, all analysed ${r.done.toFixed(0)} ms (${r.rows} rows, ${r.errors} errors, ${r.dom} rows in the DOM, engine ${r.engine}); ` +
      `main thread: widget JS ${r.ownTotal.toFixed(0)} ms in all (longest call ${r.ownMax.toFixed(0)} ms), ${r.longTasks} long tasks (longest ${r.longestTask.toFixed(0)} ms), max frame gap ${r.maxFrameGap.toFixed(0)} ms, ` +
      `key-to-paint p50 ${pct(r.keys, 0.5).toFixed(0)} / p95 ${pct(r.keys, 0.95).toFixed(0)} / max ${Math.max(...r.keys).toFixed(0)} ms over ${r.keys.length} keys; ` +
      `memory: renderer RSS ${mb(r.os?.rss)} (peak ${mb(r.os?.hwm)}), JS ${mb(r.memory?.total)} by measureUserAgentSpecificMemory, page JS heap ${mb(r.heap)}; long tasks (start+ms): ${r.tasks.join(' ') || 'none'}`);
    if (TIMELINE) console.log(`  messages (ms after the phase started): ${r.messages.join(', ')}`);
  }
}
const range = (xs, unit = ' ms') => `median ${pct(xs, 0.5).toFixed(0)}${unit} (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}${unit})`;
const os = await import('node:os');
console.log(`summary over ${RUNS} runs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (1/5/15 min), ${results.cold[0].workers} workers:`);
for (const phase of ['cold', 'live']) {
  const rs = results[phase];
  const done = pct(rs.map((r) => r.done), 0.5);
  console.log(`  ${PHASES[phase]}:`);
  console.log(`    first screen rendered: ${range(rs.map((r) => r.firstRows))}`);
  console.log(`    all ${N} analysed:     ${range(rs.map((r) => r.done))} (target < ${TARGET_MS} ms: ${done < TARGET_MS ? 'met' : 'NOT met'})`);
  console.log(`    keypress to paint p95: ${range(rs.map((r) => pct(r.keys, 0.95)))}; max frame gap ${range(rs.map((r) => r.maxFrameGap))}; longest task ${range(rs.map((r) => r.longestTask))}`);
  console.log(`    memory: renderer RSS ${range(rs.map((r) => (r.os?.rss ?? NaN) / 1048576), ' MB')}, peak ${range(rs.map((r) => (r.os?.hwm ?? NaN) / 1048576), ' MB')}`);
}
await browser.close();
server.close();
