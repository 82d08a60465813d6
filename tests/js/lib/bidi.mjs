// Firefox through WebDriver BiDi, no geckodriver: `firefox-esr --headless --remote-debugging-port`
// and a tiny WebSocket client (node 20 has no global WebSocket without a flag).
//   const ff = await launchFirefox({prefs});  ff.send(method, params) -> result;  ff.on(event, fn)
//   ff.close()
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIREFOX } from './browsers.mjs';

/** Minimal RFC 6455 client: text frames, masking, fragmentation, ping/pong. */
export function openWebSocket(url) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(port), hostname);
    const key = randomBytes(16).toString('base64');
    let buf = Buffer.alloc(0);
    let open = false;
    let fragments = [];
    const listeners = { message: [], close: [] };
    const ws = {
      send(text) {
        const payload = Buffer.from(text);
        const len = payload.length;
        const head = len < 126 ? Buffer.from([0x81, 0x80 | len]) : len < 65536 ? Buffer.from([0x81, 0xfe, len >> 8, len & 255]) : Buffer.concat([Buffer.from([0x81, 0xff]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
        const mask = randomBytes(4);
        for (let i = 0; i < len; i++) payload[i] ^= mask[i & 3];
        sock.write(Buffer.concat([head, mask, payload]));
      },
      on(ev, fn) {
        listeners[ev].push(fn);
      },
      close() {
        sock.destroy();
      },
    };
    sock.on('connect', () => {
      sock.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    sock.on('error', (e) => (open ? listeners.close.forEach((f) => f(e)) : reject(e)));
    sock.on('close', () => listeners.close.forEach((f) => f()));
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (!open) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString();
        if (!/^HTTP\/1\.1 101/.test(head)) return reject(new Error(`websocket upgrade failed: ${head.split('\r\n')[0]}`));
        buf = buf.subarray(end + 4);
        open = true;
        resolve(ws);
      }
      for (;;) {
        if (buf.length < 2) return;
        const op = buf[0] & 15;
        const fin = buf[0] & 128;
        let len = buf[1] & 127;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        if (buf.length < off + len) return;
        const payload = buf.subarray(off, off + len);
        buf = buf.subarray(off + len);
        if (op === 9) {
          const pong = Buffer.from([0x8a, 0x80 | payload.length]);
          sock.write(Buffer.concat([pong, Buffer.alloc(4), payload]));
        } else if (op === 8) {
          sock.end();
        } else if (op === 1 || op === 0) {
          fragments.push(Buffer.from(payload));
          if (fin) {
            const text = Buffer.concat(fragments).toString();
            fragments = [];
            listeners.message.forEach((f) => f(text));
          }
        }
      }
    });
  });
}

export async function launchFirefox({ prefs = {}, timeout = 30000 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'ownframe-firefox-'));
  const base = {
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'app.update.enabled': false,
    'extensions.update.enabled': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.startup.page': 0,
  };
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries({ ...base, ...prefs }).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join(''),
  );
  const proc = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  const wsUrl = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`firefox did not start BiDi: ${seen.slice(-500)}`)), timeout);
    const look = (d) => {
      seen += d;
      const m = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stderr.on('data', look);
    proc.stdout.on('data', look);
    proc.on('exit', (code) => reject(new Error(`firefox exited (${code}): ${seen.slice(-500)}`)));
  });
  const ws = await openWebSocket(`${wsUrl.replace(/\/$/, '')}/session`);
  let nextId = 1;
  const pending = new Map();
  const handlers = new Map();
  ws.on('message', (text) => {
    const msg = JSON.parse(text);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.type === 'error') reject(new Error(`${msg.error}: ${msg.message}`));
      else resolve(msg.result);
    } else if (msg.type === 'event') {
      for (const fn of handlers.get(msg.method) ?? []) fn(msg.params);
    }
  });
  // Every command gets an answer or an error in time: one CI run (2026-11-27) sat for 13 minutes
  // on an unanswered command, and a hang says nothing about which call stalled.
  const send = (method, params = {}, { timeout = 60000 } = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`BiDi ${method} got no answer in ${timeout} ms`));
      }, timeout);
      const settle = (fn) => (v) => { clearTimeout(timer); fn(v); };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  return {
    send,
    on(method, fn) {
      handlers.set(method, [...(handlers.get(method) ?? []), fn]);
    },
    /** Evaluates an expression in a browsing context; returns the deserialised primitive/JSON value. */
    async evaluate(context, expression, { userActivation = false } = {}) {
      const r = await send('script.evaluate', {
        expression: `(async () => JSON.stringify(await (async () => (${expression}))()))()`,
        target: { context },
        awaitPromise: true,
        userActivation,
      });
      if (r.type === 'exception') throw new Error(`evaluate: ${r.exceptionDetails.text}`);
      return r.result.value === undefined ? undefined : JSON.parse(r.result.value);
    },
    async close() {
      await send('browser.close', {}, { timeout: 10000 }).catch(() => {});
      ws.close();
      await new Promise((r) => {
        if (proc.exitCode != null) return r();
        const kill = setTimeout(() => proc.kill('SIGKILL'), 10000);
        proc.on('exit', () => { clearTimeout(kill); r(); });
      });
      rmSync(profile, { recursive: true, force: true });
    },
    proc,
  };
}
