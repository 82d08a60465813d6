#!/usr/bin/env node
// Per-ticket board work in Chromium's wasm, without workers, the download or the DOM: a page
// builds `Board` from the 10,000-ticket list of bench/board.mjs (bench/board-list.mjs) and calls `rows_json` over it in
// chunks of 250, six rounds. The last four rounds (V8's optimised code) agree within ~3% on the
// 2-core machine, so this decides per-ticket changes that bench/board.mjs's cold start (which
// swings by ~15% with how the cores are shared) cannot. Compare builds by passing their folders.
// Usage: node bench/board-rows.mjs [PKG_DIR ...]   (default pkg-board/; each holds ownframe.js and
// ownframe_bg.wasm from wasm-bindgen --target web). Skips (exit 0) when the corpus is absent.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { boardList } from './board-list.mjs';

const ROOT = new URL('../', import.meta.url);
const list = boardList(10000);
if (!list) {
  console.log('bench/board-rows: skipped (../shared/corpus/tickets.jsonl is absent)');
  process.exit(0);
}
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [new URL('pkg-board/', ROOT).pathname];
const N = list.issues.length;
const routes = {
  '/rows.html': { type: 'text/html; charset=utf-8', body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>rows</title><link rel="icon" href="data:,"></head><body></body></html>' },
  '/rows-tickets.json': { type: 'application/json', body: JSON.stringify(list.issues) },
};
dirs.forEach((d, k) => {
  routes[`/rows-pkg-${k}/ownframe.js`] = { type: 'text/javascript', body: readFileSync(resolve(d, 'ownframe.js'), 'utf8') };
  routes[`/rows-pkg-${k}/ownframe_bg.wasm`] = { type: 'application/wasm', body: readFileSync(resolve(d, 'ownframe_bg.wasm')) };
});
const { server, url } = await startServer({ port: 0, routes });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
console.log(`bench/board-rows: ${N} tickets, Chromium ${browser.version()}`);
try {
  for (const [k, dir] of dirs.entries()) {
    const page = await browser.newPage();
    await page.goto(url + 'rows.html');
    const rounds = await page.evaluate(async ([k, n]) => {
      const core = await import(`/rows-pkg-${k}/ownframe.js`);
      await core.default({ module_or_path: `/rows-pkg-${k}/ownframe_bg.wasm` });
      const text = await (await fetch('/rows-tickets.json')).text();
      const out = [];
      for (let r = 0; r < 6; r++) {
        const board = new core.Board(text);
        const t = performance.now();
        for (let s = 0; s < n; s += 250) board.rows_json(s, Math.min(n, s + 250));
        out.push(performance.now() - t);
        board.free();
      }
      return out;
    }, [k, N]);
    const warm = rounds.slice(2).sort((a, b) => a - b);
    const median = (warm[1] + warm[2]) / 2;
    console.log(`${dir}: rounds ${rounds.map((t) => t.toFixed(0)).join(' ')} ms; optimised median ${median.toFixed(0)} ms = ${(median * 1000 / N).toFixed(1)} µs per ticket`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
