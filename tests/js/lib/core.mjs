// The wasm core in node (pkg/, --target web glue), for tests that cross-check what a surface
// shows against what the core says: `const core = await loadCore(); core.analyze({...})`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './fixture-server.mjs';

const loaded = new Map(); // dir -> the initialised glue module
export async function loadCore(dir = join(ROOT, 'pkg')) {
  if (!loaded.has(dir)) {
    loaded.set(dir, (async () => {
      const glue = await import(pathToFileURL(join(dir, 'ownframe.js')).href);
      await glue.default({ module_or_path: readFileSync(join(dir, 'ownframe_bg.wasm')) });
      return glue;
    })());
  }
  return loaded.get(dir);
}

/** The highlights a surface should draw: body findings by UTF-16 span, overlaps dropped (first wins). */
export function expectedMarks(analysis, text) {
  const out = [];
  let at = 0;
  const body = analysis.findings.filter((f) => f.field === 'body' && f.span_utf16.end > f.span_utf16.start);
  for (const f of body.sort((a, b) => a.span_utf16.start - b.span_utf16.start)) {
    if (f.span_utf16.start < at) continue;
    out.push(text.slice(f.span_utf16.start, f.span_utf16.end));
    at = f.span_utf16.end;
  }
  return out;
}

/** Every word of `original` (whitespace-separated) still appears in `rewritten`, as often. */
export function missingWords(original, rewritten) {
  const count = new Map();
  for (const w of rewritten.split(/\s+/).filter(Boolean)) count.set(w, (count.get(w) ?? 0) + 1);
  const missing = [];
  for (const w of original.split(/\s+/).filter(Boolean)) {
    const n = count.get(w) ?? 0;
    if (n === 0) missing.push(w);
    else count.set(w, n - 1);
  }
  return missing;
}
