#!/usr/bin/env node
// Builds the browser extension from manifest.json + www/extension + pkg/ into
//   dist/chrome/   and dist/firefox/   (unpacked, manifest at the root)
//   dist/ownframe-chrome.zip and dist/ownframe-firefox.zip
// The content script is bundled to one IIFE (MV3 content scripts cannot be ES modules); the
// background, popup and options stay ES modules and import the wasm-bindgen glue from pkg/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'www/extension');
const dist = join(root, 'dist');

for (const f of ['pkg/ownframe.js', 'pkg/ownframe_bg.wasm']) {
  if (!existsSync(join(root, f))) {
    console.error(`build-extension: ${f} is missing; run scripts/build-wasm first`);
    process.exit(1);
  }
}

const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const COPY = ['background.js', 'settings.js', 'popup.html', 'popup.js', 'options.html', 'options.js', 'ui.css', 'content.css'];

const content = await build({
  entryPoints: [join(src, 'content/main.js')],
  bundle: true,
  format: 'iife',
  target: ['chrome121', 'firefox128'],
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});

for (const browser of ['chrome', 'firefox']) {
  const out = join(dist, browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'pkg'), { recursive: true });
  // One manifest for both: Chrome uses background.service_worker, Firefox background.scripts;
  // each ignores the other's key (Chrome 121+, Firefox 121+).
  const m = manifest;
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
  for (const f of COPY) cpSync(join(src, f), join(out, f));
  cpSync(join(root, 'pkg/ownframe.js'), join(out, 'pkg/ownframe.js'));
  cpSync(join(root, 'pkg/ownframe_bg.wasm'), join(out, 'pkg/ownframe_bg.wasm'));
  writeFileSync(join(out, 'content.js'), content.outputFiles[0].contents);
  const zip = join(dist, `ownframe-${browser}.zip`);
  rmSync(zip, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', zip, '.'], { cwd: out });
  console.log(`build-extension: dist/${browser}/ and dist/ownframe-${browser}.zip`);
}
