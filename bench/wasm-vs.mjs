// Speed of the wasm core in Node against two prose linters, on the same texts in one run:
// ownframe (pkg/ownframe_bg.wasm, loaded with initSync), write-good and harper.js (LocalLinter).
// Prints words/ms for each (words = a whitespace split of title + body, the same for all three),
// the ratios, ownframe's per-ticket median and p95, and the wasm size raw and gzip -9.
//
//   scripts/build-wasm && node bench/wasm-vs.mjs [--quick]
//
// Targets: ownframe >= 3x write-good; wasm < 200 KB gzip. Texts: the corpus tickets in
// ../shared/corpus/tickets.jsonl (read for timing only); when it is absent, generated tickets.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { loadavg, cpus } from 'node:os';

console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (numbers scale with contention)`);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const require = createRequire(import.meta.url);

// --- texts -------------------------------------------------------------------------------------
function corpusTickets() {
  const path = join(root, '..', 'shared', 'corpus', 'tickets.jsonl');
  if (!existsSync(path)) {
    console.log(`note: ${path} not found; using generated tickets instead of the corpus`);
    return null;
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((t) => ({ id: String(t.id), title: t.title ?? '', body: t.body ?? '' }));
}

function generatedTickets(n) {
  let s = 0x2545f491;
  const rnd = (k) => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s % k;
  };
  const pick = (a) => a[rnd(a.length)];
  const sentences = [
    () => `${pick(['Support agents', 'Merchants', 'New users'])} ${pick(['cannot see past orders', 'lose drafts', 'wait eight seconds'])} ${pick(['so that calls get shorter', 'because churn doubled'])}.`,
    () => `${pick(['Implement', 'Add', 'Use', 'Refactor'])} ${pick(['the /history endpoint', 'a Redis cache', 'the retry queue'])} with ${pick(['limit and offset', 'backoff', 'a TTL'])}.`,
    () => 'Success means the median call time drops by two minutes.',
    () => 'See [the report](https://example.com/r) and `config.yml` for the details we gathered last week.',
  ];
  return Array.from({ length: n }, (_, i) => {
    const parts = [];
    for (let p = 0; p < 2 + rnd(6); p++) parts.push(Array.from({ length: 2 + rnd(4) }, () => pick(sentences)()).join(' '));
    return { id: `gen-${i}`, title: `Generated ticket ${i}`, body: parts.join('\n\n') };
  });
}

const tickets = corpusTickets() ?? generatedTickets(600);
const texts = tickets.map((t) => `${t.title}\n\n${t.body}`);
const wordsOf = (t) => `${t.title} ${t.body}`.split(/\s+/).filter(Boolean).length;
const totalWords = tickets.reduce((n, t) => n + wordsOf(t), 0);
console.log(`texts: ${tickets.length} tickets, ${totalWords} words (whitespace split of title + body)`);

// --- the three tools ---------------------------------------------------------------------------
const wasmPath = join(root, 'pkg', 'ownframe_bg.wasm');
if (!existsSync(wasmPath)) {
  console.error('pkg/ownframe_bg.wasm is missing: run scripts/build-wasm first');
  process.exit(2);
}
const wasmBytes = readFileSync(wasmPath);
const ownframe = await import(join(root, 'pkg', 'ownframe.js'));
ownframe.initSync({ module: wasmBytes });

const writeGood = require('write-good');

const { LocalLinter } = await import('harper.js');
const { binary } = await import('harper.js/binary');
const harper = new LocalLinter({ binary });
await harper.setup();

// --- timing ------------------------------------------------------------------------------------
/** Runs `each` over every ticket until at least `minMs` have passed (at least one full pass). */
async function throughput(name, each, minMs) {
  for (let i = 0; i < Math.min(tickets.length, 50); i++) await each(i); // warm up
  let passes = 0;
  let found = 0;
  const start = performance.now();
  do {
    for (let i = 0; i < tickets.length; i++) found += await each(i);
    passes++;
  } while (performance.now() - start < minMs);
  const ms = performance.now() - start;
  const wpm = (totalWords * passes) / ms;
  console.log(`${name.padEnd(10)} ${wpm.toFixed(0).padStart(7)} words/ms  (${passes} pass${passes > 1 ? 'es' : ''}, ${(ms / passes).toFixed(0)} ms/pass, ${Math.round(found / passes)} findings/pass)`);
  return wpm;
}

const own = await throughput('ownframe', (i) => ownframe.analyze({ title: tickets[i].title, body: tickets[i].body }).findings.length, quick ? 500 : 3000);
const wg = await throughput('write-good', (i) => writeGood(texts[i]).length, quick ? 500 : 3000);
const hp = await throughput('harper', async (i) => (await harper.lint(texts[i], { language: 'markdown' })).length, quick ? 0 : 1);

console.log(`ratio      ownframe/write-good ${(own / wg).toFixed(1)}x (target >= 3x), ownframe/harper ${(own / hp).toFixed(0)}x`);

// Per ticket, ownframe in wasm (each ticket repeated for about 1 ms to beat timer resolution).
const per = tickets.map((t) => {
  const start = performance.now();
  let reps = 0;
  do {
    ownframe.analyze({ title: t.title, body: t.body });
    reps++;
  } while (reps < 3 || performance.now() - start < 1);
  return (performance.now() - start) / reps;
});
per.sort((a, b) => a - b);
const q = (p) => per[Math.round((per.length - 1) * p)] * 1000;
console.log(`ownframe per ticket in wasm: median ${q(0.5).toFixed(1)} µs, p95 ${q(0.95).toFixed(1)} µs, max ${q(1).toFixed(0)} µs`);

// Rewrite speed too (same texts).
await throughput('rewrite', (i) => {
  ownframe.rewrite({ title: tickets[i].title, body: tickets[i].body });
  return 0;
}, quick ? 300 : 2000);

const gz = gzipSync(wasmBytes, { level: 9 }).length;
console.log(`wasm size  ${wasmBytes.length} bytes raw, ${gz} bytes gzip -9 (${(gz / 1024).toFixed(1)} KiB; target < 200 KB gzip)`);
