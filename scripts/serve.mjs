#!/usr/bin/env node
// Serves Ownframe's web surfaces on http://127.0.0.1:PORT (default 8080, --port N, 0 = any free):
//   /            the playground (www/index.html, www/playground/)
//   /demo/       the <ownframe-board> demo dashboard on sample data written for the project
//   /board/      the widget's source module; /dist/web/ the built widget bundle (scripts/build-web.mjs)
//   /pkg/        the wasm core; /pkg-board/ the core with the board feature (widget, playground); /fixtures/ the extension's test pages; /dist/ built extensions and zips
// Every response carries the CSP the widget needs: scripts from this origin plus
// 'wasm-unsafe-eval' (to compile the wasm), workers from this origin, no inline script.
// Usable in-process: `import { startServer } from './serve.mjs'` (tests) → {server, port, url}.
import { createServer } from 'node:http';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.zip': 'application/zip',
  '.xpi': 'application/x-xpinstall',
  '.pem': 'text/plain; charset=utf-8',
};

// URL prefix -> directory. The first match wins; everything else comes from www/.
const MOUNTS = [
  ['/pkg/', 'pkg'],
  ['/pkg-board/', 'pkg-board'],
  ['/dist/', 'dist'],
  ['/fixtures/', 'www/fixtures'],
  ['/', 'www'],
];

function resolve(pathname) {
  for (const [prefix, dir] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    const base = join(root, dir);
    const file = normalize(join(base, pathname.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + sep)) return null; // ../ escape
    return file;
  }
  return null;
}

function handler(req, res, { routes = {}, isolate = false } = {}) {
  const headers = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Benchmarks ask for cross-origin isolation (for measureUserAgentSpecificMemory).
    ...(isolate ? { 'Cross-Origin-Embedder-Policy': 'require-corp' } : {}),
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    res.writeHead(400, headers).end('bad request');
    return;
  }
  const route = routes[pathname];
  if (route) {
    // `parts` with `pause` (ms) sends the body in pieces with a wait between them: a list whose
    // tickets are all in before its download ends (tests of the board's order of messages).
    const parts = route.parts ?? [route.body];
    res.writeHead(200, { ...headers, 'Content-Type': route.type, 'Content-Length': parts.reduce((n, p) => n + Buffer.byteLength(p), 0) });
    if (req.method === 'HEAD') return res.end();
    const send = (i) => (i === parts.length - 1 ? res.end(parts[i]) : (res.write(parts[i]), setTimeout(() => send(i + 1), route.pause ?? 0)));
    send(0);
    return;
  }
  let file = resolve(pathname);
  let st = null;
  try {
    st = file && statSync(file);
    if (st && st.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { ...headers, Location: pathname + '/' }).end();
        return;
      }
      if (!existsSync(join(file, 'index.html'))) {
        // A plain listing (dist/: the built extensions and zips; fixtures/), names escaped.
        const esc = (t) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
        const items = readdirSync(file, { withFileTypes: true })
          .map((d) => d.name + (d.isDirectory() ? '/' : ''))
          .sort()
          .map((n) => `<li><a href="${esc(encodeURI(n))}">${esc(n)}</a></li>`);
        const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(pathname)}</title></head>` +
          `<body><h1>${esc(pathname)}</h1><ul>${items.join('')}</ul></body></html>`;
        res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : html);
        return;
      }
      file = join(file, 'index.html');
      st = statSync(file);
    }
  } catch {
    st = null;
  }
  if (!st || !st.isFile()) {
    const hint = pathname.startsWith("/pkg") || pathname.startsWith('/dist/') ? ' (run scripts/build first)' : '';
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}${hint}`);
    return;
  }
  // Files may be cached but are revalidated on every use (a rebuild shows at once): an unchanged
  // file answers 304, so the browser keeps its cached copy, and for the wasm, the optimised code
  // Chromium stores beside it (the widget starts faster on the next visit).
  const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const fileHeaders = { ...headers, 'Cache-Control': 'no-cache', ETag: etag };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, fileHeaders).end();
    return;
  }
  res.writeHead(200, {
    ...fileHeaders,
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': st.size,
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

/**
 * Starts the server; resolves to {server, port, url}. `routes` (tests, benchmarks) maps extra
 * paths to in-memory `{type, body}` responses (or `{type, parts, pause}`: pieces sent `pause` ms
 * apart); `isolate` adds COEP for cross-origin isolation.
 */
export function startServer({ port = 8080, host = '127.0.0.1', routes = {}, isolate = false } = {}) {
  const server = createServer((req, res) => handler(req, res, { routes, isolate }));
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const actual = server.address().port;
      ok({ server, port: actual, url: `http://${host}:${actual}/` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  let port = Number(process.env.PORT ?? 8080);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i].startsWith('--port=')) port = Number(args[i].slice(7));
    else if (args[i] === '--help' || args[i] === '-h') {
      console.log('usage: node scripts/serve.mjs [--port N]');
      process.exit(0);
    } else {
      console.error(`serve: unknown argument ${args[i]} (usage: --port N)`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('serve: --port takes a number from 0 to 65535');
    process.exit(2);
  }
  const { url } = await startServer({ port }).catch((e) => {
    console.error(`serve: ${e.message}`);
    process.exit(1);
  });
  console.log(`Ownframe on ${url}\n  playground  ${url}\n  board demo  ${url}demo/\n  widget      ${url}dist/web/ownframe-board.js\n  fixtures    ${url}fixtures/\n  extensions  ${url}dist/`);
}
