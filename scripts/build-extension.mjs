#!/usr/bin/env node
// Builds the browser extension from manifest.json + www/extension + pkg/ into
//   dist/chrome/   and dist/firefox/   (unpacked, manifest at the root)
//   dist/ownframe-chrome.zip and dist/ownframe-firefox.zip
// The content script is bundled to one IIFE (MV3 content scripts cannot be ES modules); the
// background, popup and options stay ES modules and import the wasm-bindgen glue from pkg/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { dirname, join, relative, sep } from 'node:path';
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
  writeFileSync(join(dist, `ownframe-${browser}.zip`), zipDir(out));
  console.log(`build-extension: dist/${browser}/ and dist/ownframe-${browser}.zip`);
}

/** A deterministic zip of a directory (deflate, fixed timestamps, sorted paths): no `zip` needed. */
function zipDir(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dir);
  const locals = [];
  const central = [];
  let offset = 0;
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (2020 - 1980) << 9 | 1 << 5 | 1; // 2020-01-01
  for (const full of files) {
    const name = Buffer.from(relative(dir, full).split(sep).join('/'));
    const data = readFileSync(full);
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(0x031e, 4); // made by: Unix, 3.0
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}
