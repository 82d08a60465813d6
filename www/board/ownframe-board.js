// <ownframe-board>: a dashboard of tickets judged by the Ownframe core (wasm).
// One ES module: on a page it defines the custom element; started as a module Worker (the element
// starts it from its own URL) it runs the wasm and analyses the list off the main thread.
// The logic (reading GitHub/Jira JSON and CSV, judging, rows, summary, the SVG chart) is Rust;
// this file only moves data between the worker and the DOM. Ticket text only ever reaches the DOM
// through textContent/attributes, never innerHTML.

import init, * as core from '../../pkg-board/ownframe.js';

const FIRST_CHUNK = 40; // tickets in the first worker message: about one screen
const CHUNK = 250; // tickets per worker message after that
const MAX_WORKERS = 4;
const PROGRESS_STEP = 100; // tickets read between a worker's progress messages

const ROW_H = 34; // px, fixed so the table can be virtualised
const OVERSCAN = 8;

// ---------------------------------------------------------------------------------------------
// The analysis engine: the same handler runs in the worker, or in the page when no worker starts.
// The page hands out chunks of the list as workers ask for them (`rows` messages), so a worker
// that starts late, or a core shared with other work, just takes fewer chunks.

// The wasm beside the glue; scripts/build-web.mjs defines OWNFRAME_BOARD_WASM for the bundle,
// where the wasm sits beside the one module.
const WASM_URL = new URL(typeof OWNFRAME_BOARD_WASM === 'string' ? OWNFRAME_BOARD_WASM : '../../pkg-board/ownframe_bg.wasm', import.meta.url);

/** `wasm`: a promise of `{module, warm}`: the compiled module (or null: compile it here), and
 * whether to judge the built-in samples first (the first worker, which would otherwise wait for
 * the download anyway; the code it compiles is shared with the other workers). */
function makeHandler(post, wasm = Promise.resolve({ module: null, warm: false })) {
  let board = null;
  let current = 0;
  let waiting = []; // `rows` asked for before their tickets arrived (a source still downloading)
  let stopReceiving = null; // ends the wait for the download's bytes when a newer load comes
  // Wall-clock milliseconds (comparable across the page and its workers) for the benchmark's timeline.
  const clock = () => performance.timeOrigin + performance.now();
  const timing = { created: performance.timeOrigin, started: clock() };
  const ready = wasm.then(({ module, warm }) => init(module ? { module_or_path: module } : undefined).then(() => {
    timing.ready = clock();
    if (warm) core.board_warm_up(); // the engine compiles the code on samples, not on the first chunk
    timing.warm = clock();
  }));
  const has = (m) => board && (m.end <= board.length || board.complete);
  const serve = (m) => {
    if (m.id !== current || !board) return; // a newer load replaced this one
    // One JSON string per chunk (ownership blocks are read in Rust too); the page parses it.
    const t = clock();
    const rows = board.rows_json(m.start, m.end);
    post({ type: 'rows', id: m.id, worker: m.worker, start: m.start, rows, summary: board.summary(), ms: clock() - t });
  };
  // Answers the waiting requests whose tickets are in. At once: the page reads the download, so
  // nothing waits while this worker judges, and a timer task would queue behind every piece of
  // the download already sent (the first screen waited ~200 ms that way).
  const drain = () => {
    const now = waiting.filter(has);
    waiting = waiting.filter((m) => !has(m));
    for (const m of now) serve(m);
  };
  const loaded = (msg) => {
    post({ type: 'loaded', id: msg.id, worker: msg.worker, source: board.source, total: board.length, warnings: board.warnings(), summary: board.summary(), timing });
    drain();
  };
  return async (msg) => {
    await ready;
    if (msg.type === 'load') {
      current = msg.id;
      waiting = [];
      stopReceiving?.();
      if (board) { board.free(); board = null; }
      try {
        if (msg.port) {
          // The page downloads `src` and passes every piece to every worker as it arrives: the
          // list is judged while it downloads. Each worker reports how many tickets it has read;
          // the page hands out the ones that are in.
          const b = (board = core.Board.streaming(msg.config ?? undefined));
          let told = 0;
          const end = await new Promise((resolve) => {
            stopReceiving = () => resolve(false);
            msg.port.onmessage = (e) => {
              if (e.data === null || e.data === false) return resolve(e.data === null); // the end, or abandoned
              if (typeof e.data === 'number') return b.reserve(e.data); // the download's size, first
              const n = b.push(e.data);
              if (n >= told + PROGRESS_STEP || (!told && n >= FIRST_CHUNK)) {
                told = n;
                post({ type: 'progress', id: msg.id, worker: msg.worker, available: n });
              }
              drain();
            };
          });
          msg.port.close();
          stopReceiving = null;
          if (!end || current !== msg.id) return;
          timing.fetched = clock();
          b.finish();
        } else {
          board = new core.Board(msg.text, msg.config ?? undefined);
        }
      } catch (err) {
        post({ type: 'error', id: msg.id, message: String(err && err.message || err) });
        return;
      }
      timing.parsed = clock();
      loaded(msg);
    } else if (msg.type === 'rows') {
      if (msg.id !== current) return;
      if (has(msg)) serve(msg);
      else waiting.push(msg);
    } else if (msg.type === 'detail') {
      try {
        post({ type: 'detail', id: msg.id, detail: board.detail(msg.index, msg.to) });
      } catch (err) {
        post({ type: 'detail', id: msg.id, detail: { index: msg.index, error: String(err && err.message || err) } });
      }
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The element.

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null) el.append(c);
  return el;
}

const STYLE = `
:host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #1f1f1f; background: #fff; }
* { box-sizing: border-box; }
.top { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.chart { flex: 0 1 380px; min-width: 260px; }
.chart svg { width: 100%; height: auto; }
.chart .label { font-size: 11px; fill: #1f1f1f; }
.chart .heading { font-size: 12px; font-weight: 600; fill: #1f1f1f; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin: 8px 0; }
label { display: flex; flex-direction: column; font-size: 12px; color: #3c3c3c; }
input, select, button { font: inherit; }
.status { font-size: 13px; color: #3c3c3c; min-height: 1.4em; }
progress { width: 220px; }
.alert { color: #8c1d18; background: #fdeceb; border: 1px solid #e6a19b; padding: 6px 8px; border-radius: 4px; }
.alert:empty { display: none; }
.scroller { height: var(--ownframe-board-height, 420px); overflow: auto; border: 1px solid #c4c4c4; position: relative; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { height: ${ROW_H}px; padding: 0 6px; text-align: left; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-bottom: 1px solid #e3e3e3; }
thead th { position: sticky; top: 0; background: #f1f3f4; z-index: 1; }
th button { background: none; border: 0; padding: 0; font-weight: 600; cursor: pointer; color: #1f1f1f; }
th button:focus-visible, td button:focus-visible, a:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
td button { background: none; border: 0; padding: 0; cursor: pointer; color: #0b57d0; text-align: left; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
tr.selected td { background: #e8f0fe; }
tr.bad td { background: #fdeceb; }
a { color: #0b57d0; }
.c-task-style { color: #8c1d18; } .c-mixed { color: #7a4500; } .c-outcome-first { color: #146c2e; } .c-unframed { color: #444; } .c-error { color: #8c1d18; font-weight: 600; }
.detail { margin-top: 12px; border-top: 1px solid #c4c4c4; padding-top: 8px; }
.detail pre { white-space: pre-wrap; background: #f6f8fa; padding: 8px; border-radius: 4px; max-height: 320px; overflow: auto; }
.detail li { margin-bottom: 4px; }
.muted { color: #555; }
col.id { width: 90px; } col.owner { width: 120px; } col.class { width: 110px; } col.auth { width: 120px; } col.hand { width: 150px; }
`;

const COLUMNS = [
  { key: 'id', label: 'Ticket', col: 'id' },
  { key: 'title', label: 'Title', col: 'title' },
  { key: 'owner', label: 'Owner', col: 'owner' },
  { key: 'class', label: 'Class', col: 'class' },
  { key: 'authority', label: 'Authority', col: 'auth' },
  { key: 'handoff', label: 'Hand-off', col: 'hand' },
  { key: 'gap', label: 'Top gap', col: 'gap' },
];

/** Adds up the workers' summaries (same labels in the same order). */
function mergeSummaries(list) {
  const out = { total: 0, classes: list[0].classes.map(([c]) => [c, 0]), ownership: list[0].ownership.map(([o]) => [o, 0]) };
  for (const s of list) {
    out.total += s.total;
    s.classes.forEach(([, n], i) => { out.classes[i][1] += n; });
    s.ownership.forEach(([, n], i) => { out.ownership[i][1] += n; });
  }
  return out;
}

const CLASS_ORDER = { 'task-style': 0, mixed: 1, unframed: 2, 'outcome-first': 3, error: 4 };
const HANDOFF_ORDER = { incomplete: 0, 'no-record': 1, none: 2, complete: 3 };

function sortValue(row, key) {
  switch (key) {
    case 'id': return row.index;
    case 'class': return CLASS_ORDER[row.class] ?? 9;
    case 'authority': return row.class === 'error' ? -1 : row.authority.coverage;
    case 'handoff': return HANDOFF_ORDER[row.handoff.state] ?? 9;
    case 'gap': return (row.error || row.top_gap?.message || '').toLowerCase();
    default: return String(row[key] ?? '').toLowerCase();
  }
}

function defineElement() {
  let seq = 0;
  // The page compiles the wasm once, as soon as the element is defined, and hands the module to
  // every worker it starts: no worker fetches or compiles it again, so a worker is ready as
  // soon as it starts. The page needs the wasm too: the summary chart is drawn by Rust
  // (web-sys) into the shadow root. Where the page may not compile wasm (its CSP), each worker
  // compiles its own.
  // compileStreaming needs the application/wasm type; any other server gets the bytes compiled.
  const compileBytes = () => fetch(WASM_URL).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
  const compiled = (typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(fetch(WASM_URL)).catch(compileBytes)
    : compileBytes()).catch(() => null);
  let pageCore = null;
  let chartWarm = false; // the page has drawn a chart: its wasm runs and the code is compiled
  const pageReady = () => (pageCore ??= compiled.then((module) => init(module ? { module_or_path: module } : undefined)));

  class OwnframeBoard extends HTMLElement {
    static get observedAttributes() { return ['src']; }

    constructor() {
      super();
      this._rows = [];
      this._view = [];
      this._sort = { key: 'id', dir: 1 };
      this._selected = -1;
      this._loadId = 0;
      this._details = new Map();
      this._config = undefined;
      this._tickets = undefined;
      this._build();
    }

    // -- public API -----------------------------------------------------------------------------
    get tickets() { return this._tickets; }
    set tickets(value) { this._tickets = value; this._load(); }
    get config() { return this._config; }
    set config(value) { this._config = value; if (this.isConnected) this._load(); }
    get rows() { return this._rows.slice(); }
    /** Resolves when the current list is fully analysed. */
    get ready() { return this._ready; }

    connectedCallback() { if (!this._started) { this._started = true; this._load(); } }
    attributeChangedCallback(name, old, value) { if (this._started && old !== value) this._load(); }
    disconnectedCallback() { /* the worker stays for a re-attach; it is idle between loads */ }

    // -- structure ------------------------------------------------------------------------------
    _build() {
      const root = this.attachShadow({ mode: 'open' });
      const style = h('style');
      style.textContent = STYLE;
      this._status = h('div', { class: 'status', role: 'status' });
      this._progress = h('progress', { max: '1', value: '0', 'aria-label': 'Analysis progress' });
      this._alert = h('div', { class: 'alert', role: 'alert' });
      this._chart = h('div', { class: 'chart' });
      this._filter = h('input', { type: 'search', placeholder: 'id, title, owner, gap' });
      this._classFilter = h('select', {},
        ...[['', 'All classes'], ['task-style', 'Task-style'], ['mixed', 'Mixed'], ['unframed', 'Unframed'], ['outcome-first', 'Outcome-first'], ['error', 'Could not analyse']]
          .map(([v, t]) => h('option', { value: v, text: t })));
      this._handoffFilter = h('select', {},
        ...[['', 'Any hand-off'], ['no-record', 'No record'], ['none', 'No hand-off'], ['incomplete', 'Incomplete'], ['complete', 'Complete']]
          .map(([v, t]) => h('option', { value: v, text: t })));
      const controls = h('div', { class: 'controls', role: 'search', 'aria-label': 'Filter tickets' },
        h('label', {}, 'Search', this._filter),
        h('label', {}, 'Class', this._classFilter),
        h('label', {}, 'Hand-off', this._handoffFilter),
        this._count = h('span', { class: 'muted', 'aria-live': 'polite' }));
      for (const c of [this._filter, this._classFilter, this._handoffFilter]) c.addEventListener('input', () => this._applyView());

      const colgroup = h('colgroup', {}, ...COLUMNS.map((c) => h('col', { class: c.col })));
      this._headCells = COLUMNS.map((c) => {
        const b = h('button', { type: 'button', text: c.label });
        b.addEventListener('click', () => this._sortBy(c.key));
        return h('th', { scope: 'col', 'aria-sort': c.key === 'id' ? 'ascending' : 'none', 'data-key': c.key }, b);
      });
      this._tbody = h('tbody');
      this._table = h('table', { 'aria-label': 'Tickets', 'aria-rowcount': '1' }, colgroup, h('thead', {}, h('tr', { 'aria-rowindex': '1' }, ...this._headCells)), this._tbody);
      this._scroller = h('div', { class: 'scroller', role: 'region', 'aria-label': 'Ticket table', tabindex: '0' }, this._table);
      this._scroller.addEventListener('scroll', () => this._scheduleRender(), { passive: true });
      this._tbody.addEventListener('keydown', (e) => this._onKey(e));
      this._detail = h('section', { class: 'detail', 'aria-label': 'Selected ticket', hidden: true });
      root.append(style,
        h('div', { class: 'top' }, this._chart,
          h('div', {}, this._progress, this._status, this._alert)),
        controls, this._scroller, this._detail);
    }

    // -- loading --------------------------------------------------------------------------------
    /** `{text}` or `{url}` (streamed to the workers by `_download`), or null when no source is given. */
    async _input() {
      if (this._tickets !== undefined) {
        return { text: typeof this._tickets === 'string' ? this._tickets : JSON.stringify(this._tickets) };
      }
      const src = this.getAttribute('src');
      if (src) {
        const url = new URL(src, document.baseURI).href;
        if (!this._noWorkers) return { url };
        const res = await fetch(url, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`could not fetch ${src}: HTTP ${res.status}`);
        return { text: await res.text(), url };
      }
      const inline = this.querySelector('script[type="application/json"], script[type="text/csv"]');
      if (inline) return { text: inline.textContent };
      return null;
    }

    /** Worker `k` (started on first use), or the in-page engine when workers cannot start. */
    _engine(k = 0) {
      this._workers ??= [];
      if (this._workers[k]) return this._workers[k];
      const onMessage = (m) => this._onMessage(m);
      if (this._noWorkers) return (this._workers[k] = this._inPage(onMessage));
      try {
        const w = new Worker(import.meta.url, { type: 'module' });
        w.onmessage = (e) => onMessage(e.data);
        compiled.then((module) => w.postMessage({ type: 'module', module, warm: k === 0 }));
        w.onerror = (e) => {
          // A worker that cannot start (CSP worker-src, a cross-origin module URL): analyse in the page.
          e.preventDefault?.();
          if (this._workers.includes(w) && !this._noWorkers) {
            this._noWorkers = true;
            for (const x of this._workers) x.terminate();
            this._workers = [];
            this._load();
          }
        };
        this._workers[k] = w;
        this.dataset.engine = 'worker';
      } catch {
        this._noWorkers = true;
        this._workers[k] = this._inPage(onMessage);
      }
      return this._workers[k];
    }

    _inPage(onMessage) {
      this.dataset.engine = 'page';
      const handle = makeHandler((m) => setTimeout(() => onMessage(m), 0), compiled.then((module) => ({ module, warm: false })));
      return { postMessage: (m) => handle(m), terminate() {} };
    }

    async _load() {
      if (!this.isConnected) return;
      const id = ++seq;
      this._loadId = id;
      this._rows = [];
      this._details.clear();
      this._selected = -1;
      this._detail.hidden = true;
      this._alert.textContent = '';
      this._progress.value = 0;
      this._progress.hidden = false;
      this._status.textContent = 'Loading tickets…';
      this._applyView();
      this._finish?.(); // a replaced load counts as settled
      let finish;
      this._ready = new Promise((r) => (finish = r));
      this._finish = finish;
      this._t0 = performance.now();
      this._engine(); // start the worker (and its wasm) while the source loads
      let source;
      try {
        source = await this._input();
      } catch (err) {
        if (id === this._loadId) this._fail(err.message);
        return;
      }
      if (id !== this._loadId) return;
      if (source == null) {
        this._status.textContent = 'No tickets: give a src URL, an inline <script type="application/json">, or set the tickets property.';
        this._progress.hidden = true;
        finish();
        return;
      }
      // Long lists are shared between workers, one per core, each reading the download as it
      // arrives. Short ones need no more than one.
      // The `workers` attribute caps them (e.g. workers="1" to leave the other cores alone).
      const cap = Number(this.getAttribute('workers')) || MAX_WORKERS;
      const cores = Math.max(1, Math.min(cap, MAX_WORKERS, navigator.hardwareConcurrency || 1));
      const shards = this._noWorkers || (source.text != null && source.text.length < 256 * 1024) ? 1 : cores;
      this._shards = shards;
      this._summaries = new Array(shards).fill(null);
      this._inFlight = new Array(shards).fill(0);
      this._loaded = false; // the list's length is final
      this._available = 0; // tickets that may be handed out (all of them once loaded)
      this._fraction = null; // share of the download received, while it streams
      this._next = 0; // first ticket not yet handed out
      this._total = null;
      const load = { type: 'load', id, config: this._config };
      if (source.text == null) {
        const channels = Array.from({ length: shards }, () => new MessageChannel());
        channels.forEach((c, k) => this._engine(k).postMessage({ ...load, port: c.port2, worker: k }, [c.port2]));
        this._download(id, source.url, channels.map((c) => c.port1));
      } else {
        for (let k = 0; k < shards; k++) this._engine(k).postMessage({ ...load, text: source.text, worker: k });
      }
    }

    /** Reads `url` and passes each piece to every worker's port as it arrives (a number first:
     * the size; null: the end; false: abandoned). The page reads, not a worker: a worker busy
     * judging a chunk would leave the download waiting (the browser stops fetching once its
     * small buffer is full), and the page's thread is idle while the workers judge. Pieces are
     * transferred, not copied, to the last worker. */
    async _download(id, url, ports) {
      const abandon = () => { for (const p of ports) p.postMessage(false); };
      try {
        const res = await fetch(url, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status}`);
        if (id !== this._loadId) { res.body?.cancel().catch(() => {}); return abandon(); }
        const size = Number(res.headers.get('content-length')) || 0;
        for (const p of ports) p.postMessage(size);
        const reader = res.body?.getReader(); // none for a 204: no bytes, which the workers report
        let received = 0;
        while (reader) {
          const { value, done } = await reader.read();
          if (id !== this._loadId) { reader.cancel().catch(() => {}); return abandon(); }
          if (done) break;
          received += value.byteLength;
          this._fraction = size ? received / size : null;
          ports.forEach((p, i) => p.postMessage(value, i === ports.length - 1 ? [value.buffer] : []));
        }
      } catch (err) {
        abandon();
        if (id === this._loadId) this._fail(err.message);
        return;
      }
      for (const p of ports) p.postMessage(null);
    }

    /** Keeps two chunks in flight per worker (none waits for the page between chunks), out of
     * the tickets available so far; the last, shorter chunk only once the list is complete. */
    _feed() {
      for (let k = 0; k < this._shards; k++) {
        while (this._inFlight[k] < 2) {
          const start = this._next;
          let end = start + (start === 0 ? FIRST_CHUNK : CHUNK);
          if (end > this._available) {
            if (!this._loaded) return;
            end = this._available;
          }
          if (start >= end) return;
          this._next = end;
          this._inFlight[k]++;
          this._engine(k).postMessage({ type: 'rows', id: this._loadId, start, end, worker: k });
        }
      }
    }

    _fail(message) {
      this._alert.textContent = `Could not read the tickets: ${message}`;
      this._status.textContent = '';
      this._progress.hidden = true;
      this._finish?.();
    }

    _onMessage(m) {
      if (m.type === 'detail') return this._onDetail(m.detail);
      if (m.id !== this._loadId) return;
      if (m.type === 'error') return this._fail(m.message);
      if (m.type === 'progress') {
        // The download: tickets are judged while the rest arrives. Whichever worker has read
        // further says how many tickets are in.
        if (this._loaded || m.available <= this._available) return;
        this._available = m.available;
        this._feed();
        return;
      }
      if (m.type === 'loaded') {
        this._summaries[m.worker] = m.summary;
        if (!this._loaded) {
          this._loaded = true;
          this._total = m.total;
          this._available = m.total;
          this._source = m.source;
          this.dataset.source = m.source;
          this._notes = [...m.warnings];
          if (!this._rows.length) this._status.textContent = `Analysing ${m.total} tickets (${m.source})…`;
          // Every row may be in already: a list that ends on a chunk's edge is handed out in full
          // before the download's end reaches a worker (the demo's 40 tickets, one first chunk,
          // sometimes did, and the board then never became ready).
          if (this._rows.length >= m.total) return this._complete(m.id);
        }
        this._feed();
        return;
      }
      if (m.type === 'rows') {
        const rows = JSON.parse(m.rows);
        const first = this._rows.length === 0 && rows.length > 0;
        for (const r of rows) this._rows.push(r);
        this._summaries[m.worker] = m.summary;
        this._inFlight[m.worker]--;
        this._feed();
        const complete = this._loaded && this._rows.length >= this._total;
        // While the list downloads, its length is estimated from the share of bytes received.
        const total = this._loaded ? this._total : Math.max(this._available, Math.round(this._available / (this._fraction || 1)));
        this._progress.value = total ? this._rows.length / total : 1;
        if (first) this._firstPaint = performance.now() - this._t0;
        // Re-sort and re-render (and redraw a warm chart) on the first rows, then every 250 ms.
        const now = performance.now();
        if (complete) return this._complete(m.id);
        if (first || now - (this._lastView ?? 0) > 250) {
          this._lastView = now;
          this._applyView();
          // The page's first chart starts its wasm and compiles the chart's code: on a busy
          // cold start that was a 50-110 ms task (keypress-to-paint p95 ~106 ms against ~53
          // without it), so the first chart waits for the whole list; once the page has drawn
          // one, redrawing as rows arrive costs about a millisecond.
          if (chartWarm) this._drawChart(m.id);
        }
        this._status.textContent = `Analysing: ${this._rows.length} of ${this._loaded ? total : `about ${total}`}`;
      }
    }

    _drawChart(id) {
      // A chart scheduled for a list that a new src has since replaced (its summaries are gone).
      const summaries = this._summaries.filter(Boolean);
      if (id !== this._loadId || !summaries.length) return;
      const summary = mergeSummaries(summaries);
      this._chartDrawn = pageReady().then(() => {
        if (id !== this._loadId) return;
        core.board_chart(this._chart, summary);
        chartWarm = true;
      }).catch((err) => { this._chart.textContent = `Chart unavailable: ${err.message}`; });
    }

    _complete(id) {
      const total = this._total ?? 0;
      // Workers finish chunks in any order; `rows` lists them as the source does.
      this._rows.sort((a, b) => a.index - b.index);
      this._drawChart(id);
      this._applyView();
      const bad = this._rows.filter((r) => r.error).length;
      const ms = Math.round(performance.now() - this._t0);
      this._progress.hidden = true;
      this._status.textContent = `${total} tickets from ${this._source} analysed in ${ms} ms` +
        (bad ? `; ${bad} could not be analysed (see their rows)` : '') + (this._notes.length ? `. Note: ${this._notes.join('; ')}` : '');
      const finish = this._finish;
      // Ready once the final chart is drawn too.
      Promise.resolve(this._chartDrawn).then(() => {
        if (id !== this._loadId) return;
        this.dispatchEvent(new CustomEvent('ownframe-board-ready', { detail: { total, errors: bad, ms, firstRowsMs: this._firstPaint, workers: this._shards } }));
        finish?.();
      });
    }

    // -- view -----------------------------------------------------------------------------------
    _applyView() {
      const q = this._filter.value.trim().toLowerCase();
      const cls = this._classFilter.value;
      const ho = this._handoffFilter.value;
      let view = this._rows.filter((r) =>
        (!cls || r.class === cls) && (!ho || r.handoff.state === ho) &&
        (!q || `${r.id}\u0000${r.title}\u0000${r.owner}\u0000${r.top_gap?.message ?? ''}\u0000${r.error ?? ''}`.toLowerCase().includes(q)));
      const { key, dir } = this._sort;
      if (key === 'id') view.sort((a, b) => dir * (a.index - b.index));
      else view = view.map((r) => [sortValue(r, key), r]).sort((a, b) => (a[0] < b[0] ? -dir : a[0] > b[0] ? dir : a[1].index - b[1].index)).map((x) => x[1]);
      this._view = view;
      this._count.textContent = `${view.length} of ${this._rows.length} shown`;
      this._table.setAttribute('aria-rowcount', String(view.length + 1));
      this._render();
    }

    _sortBy(key) {
      this._sort = { key, dir: this._sort.key === key ? -this._sort.dir : 1 };
      for (const th of this._headCells) {
        th.setAttribute('aria-sort', th.dataset.key === key ? (this._sort.dir === 1 ? 'ascending' : 'descending') : 'none');
      }
      this._applyView();
    }

    _scheduleRender() {
      if (this._raf) return;
      this._raf = requestAnimationFrame(() => { this._raf = 0; this._render(); });
    }

    _render() {
      const view = this._view;
      const height = this._scroller.clientHeight || 420;
      const first = Math.max(0, Math.floor(this._scroller.scrollTop / ROW_H) - OVERSCAN);
      const last = Math.min(view.length, Math.ceil((this._scroller.scrollTop + height) / ROW_H) + OVERSCAN);
      const focusedIndex = this.shadowRoot.activeElement?.closest?.('tr')?.dataset.index;
      const rows = [];
      if (first > 0) rows.push(h('tr', { 'aria-hidden': 'true', style: `height:${first * ROW_H}px` }));
      for (let i = first; i < last; i++) rows.push(this._rowEl(view[i], i));
      if (last < view.length) rows.push(h('tr', { 'aria-hidden': 'true', style: `height:${(view.length - last) * ROW_H}px` }));
      this._tbody.replaceChildren(...rows);
      if (focusedIndex != null) this._tbody.querySelector(`tr[data-index="${focusedIndex}"] td button`)?.focus({ preventScroll: true });
    }

    _rowEl(r, pos) {
      const idCell = r.url && /^https?:/i.test(r.url) ? h('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer', text: r.id }) : r.id;
      const title = h('button', { type: 'button', text: r.title || '(no title)', 'aria-label': `Details for ${r.id}: ${r.title || 'no title'}` });
      title.addEventListener('click', () => this.select(r.index));
      const gap = r.error ? `Could not analyse: ${r.error}` : r.warnings?.length ? `Ownership block: ${r.warnings[0]}` : (r.top_gap?.message ?? '');
      const tr = h('tr', {
        'aria-rowindex': String(pos + 2),
        'data-index': String(r.index),
        class: `${r.index === this._selected ? 'selected' : ''} ${r.error ? 'bad' : ''}`.trim() || null,
        'aria-selected': r.index === this._selected ? 'true' : null,
      },
      h('td', {}, idCell),
      h('td', { title: r.title }, title),
      h('td', { text: r.owner || '-' }),
      h('td', { class: `c-${r.class}`, text: r.class === 'error' ? 'error' : r.class }),
      h('td', { text: r.authority.label, title: r.authority.from === 'text' ? 'From the ticket text (no ownership record)' : 'Decision areas with a delegation level' }),
      h('td', { text: r.handoff.label }),
      h('td', { title: gap, text: gap }));
      return tr;
    }

    _onKey(e) {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const tr = e.target.closest('tr');
      if (!tr) return;
      const pos = Number(tr.getAttribute('aria-rowindex')) - 2 + (e.key === 'ArrowDown' ? 1 : -1);
      if (pos < 0 || pos >= this._view.length) return;
      e.preventDefault();
      const top = pos * ROW_H + ROW_H; // below the sticky header
      const s = this._scroller;
      if (top < s.scrollTop + ROW_H) s.scrollTop = top - ROW_H;
      else if (top + ROW_H > s.scrollTop + s.clientHeight) s.scrollTop = top + ROW_H - s.clientHeight;
      this._render();
      this._tbody.querySelector(`tr[aria-rowindex="${pos + 2}"] td button`)?.focus({ preventScroll: true });
    }

    // -- details --------------------------------------------------------------------------------
    /** Shows the findings and the rewrite of the ticket at `index` (its position in the source). */
    select(index) {
      this._selected = index;
      this._render();
      const row = this._rows.find((r) => r.index === index);
      this._detail.hidden = false;
      this._detail.replaceChildren(h('h2', { text: row ? `${row.id}: ${row.title}` : `Ticket ${index}` }), h('p', { class: 'muted', text: 'Loading…' }));
      this._requestDetail(index, this._detailTo || 'markdown');
    }

    _requestDetail(index, to) {
      this._engine().postMessage({ type: 'detail', id: this._loadId, index, to });
    }

    _onDetail(d) {
      if (d.index !== this._selected) return;
      const row = this._rows.find((r) => r.index === d.index);
      const parts = [h('h2', { text: `${d.id ?? row?.id ?? ''}: ${d.title ?? row?.title ?? ''}` })];
      if (d.error) {
        parts.push(h('p', { class: 'alert', text: `This ticket could not be analysed: ${d.error}` }));
        this._detail.replaceChildren(...parts);
        return;
      }
      const a = d.analysis;
      parts.push(h('p', {}, 'Class: ', h('strong', { class: `c-${a.class}`, text: a.class }),
        ` · outcome ${a.states_outcome ? 'stated' : 'not stated'} · solution ${a.prescribes_solution ? 'prescribed' : 'left open'} · ${a.word_count} words`));
      if (row?.warnings?.length) parts.push(h('p', { class: 'alert', text: `Ownership block: ${row.warnings.join('; ')}` }));
      parts.push(h('h3', { text: `Findings (${a.findings.length})` }));
      const list = h('ul');
      const bodyText = a.body_text ?? d.body;
      for (const f of a.findings) {
        const src = f.field === 'title' ? d.title : bodyText;
        const quote = src.slice(f.span_utf16.start, f.span_utf16.end);
        list.append(h('li', {}, h('strong', { text: f.message }), ' ', h('q', { text: quote }), h('br'), h('span', { class: 'muted', text: `${f.suggestion} (${f.rule})` })));
      }
      if (!a.findings.length) list.append(h('li', { class: 'muted', text: 'No findings.' }));
      parts.push(list);
      const to = h('select', {}, h('option', { value: 'markdown', text: 'Markdown' }), h('option', { value: 'jira', text: 'Jira wiki' }));
      to.value = this._detailTo || 'markdown';
      to.addEventListener('change', () => { this._detailTo = to.value; this._requestDetail(d.index, to.value); });
      parts.push(h('h3', { text: 'Outcome-first rewrite' }), h('label', {}, 'Rewrite as', to));
      parts.push(h('pre', { class: 'rewrite', tabindex: '0', 'aria-label': 'Rewrite', text: d.rewrite ?? '(no rewrite)' }));
      this._detail.replaceChildren(...parts);
    }
  }

  customElements.define('ownframe-board', OwnframeBoard);
}

if (typeof document === 'undefined' && typeof self !== 'undefined' && typeof self.postMessage === 'function') {
  // The page's compiled wasm comes first (or null: compile it here).
  let gotModule;
  const handle = makeHandler((m, transfer) => self.postMessage(m, transfer ?? []), new Promise((r) => (gotModule = r)));
  // Loads yield between chunks, so detail requests are answered while a long list is analysed.
  self.onmessage = (e) => {
    if (e.data?.type === 'module') gotModule(e.data);
    else handle(e.data);
  };
} else if (typeof customElements !== 'undefined' && !customElements.get('ownframe-board')) {
  defineElement();
}

export { init };
