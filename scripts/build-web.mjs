#!/usr/bin/env node
// Assembles dist/web/: the <ownframe-board> widget as one ES module (esbuild bundles the wasm
// glue into it; the same file runs as its own module worker) beside ownframe_bg.wasm, plus the
// playground and the demo dashboard as static pages that run from dist/web/ alone.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/web');
if (!existsSync(join(root, 'pkg-board/ownframe_bg.wasm'))) {
  console.error('build-web: pkg-board/ is missing; run scripts/build-wasm first');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = { bundle: true, format: 'esm', minify: true, target: 'es2022', legalComments: 'none', logLevel: 'warning',
  // ownership_* may be missing from an older core: the pages feature-detect them.
  logOverride: { 'import-is-undefined': 'silent' } };
// The widget compiles its wasm once in the page and hands it to its workers: in the bundle the
// wasm sits beside the one module.
await build({ ...common, entryPoints: [join(root, 'www/board/ownframe-board.js')], outfile: join(out, 'ownframe-board.js'), define: { OWNFRAME_BOARD_WASM: '"ownframe_bg.wasm"' } });
await build({ ...common, entryPoints: [join(root, 'www/playground/playground.js')], outfile: join(out, 'playground.js') });
await build({ ...common, entryPoints: [join(root, 'www/demo/demo.js')], outfile: join(out, 'demo.js') });
cpSync(join(root, 'pkg-board/ownframe_bg.wasm'), join(out, 'ownframe_bg.wasm'));
for (const f of ['playground.css']) cpSync(join(root, 'www/playground', f), join(out, f));
cpSync(join(root, 'www/demo/tickets.json'), join(out, 'tickets.json'));
// Pages: the same HTML with script paths pointing at the bundles beside them.
const page = (src, from, to) => readFileSync(join(root, src), 'utf8').replaceAll(from, to);
writeFileSync(join(out, 'index.html'), page('www/index.html', 'playground/', ''));
writeFileSync(join(out, 'demo.html'), page('www/demo/index.html', '../board/ownframe-board.js', 'ownframe-board.js').replace('href="../"', 'href="index.html"'));
for (const f of ['jira-cloud.json', 'jira-dc.json', 'jira.csv', 'github.csv']) cpSync(join(root, 'www/demo', f), join(out, f));

const sizes = ['ownframe-board.js', 'ownframe_bg.wasm', 'playground.js'].map((f) => {
  const buf = readFileSync(join(out, f));
  return `${f} ${statSync(join(out, f)).size} B (${gzipSync(buf, { level: 9 }).length} gzip)`;
});
console.log(`build-web: dist/web/ ${sizes.join(', ')}`);
