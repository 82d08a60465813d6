// Browser launchers for the end-to-end tests and benchmarks.
//   launchChromium({extensionDir, fixturePort}) -> {context, extensionId, worker(), close()}
//     Debian's Chromium through playwright-core, the built extension loaded unpacked, github.com
//     and acme.atlassian.net mapped to the local fixture server (so the production manifest's
//     match patterns are what is tested). Nothing leaves the machine.
//   ensureExtensionBuilt() builds dist/ when it is missing.
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './fixture-server.mjs';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
export const DIST = join(ROOT, 'dist');

export function ensureExtensionBuilt() {
  if (existsSync(join(DIST, 'chrome/manifest.json')) && existsSync(join(DIST, 'firefox/manifest.json'))) return;
  if (!existsSync(join(ROOT, 'pkg/ownframe_bg.wasm'))) execFileSync(join(ROOT, 'scripts/build-wasm'), { stdio: 'inherit', cwd: ROOT });
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-extension.mjs')], { stdio: 'inherit', cwd: ROOT });
}

export async function launchChromium({ extensionDir = join(DIST, 'chrome'), fixturePort, hosts = ['github.com', 'acme.atlassian.net'], extraArgs = [] } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'ownframe-chromium-'));
  const args = [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--ignore-certificate-errors',
    `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
  ];
  args.push(...extraArgs);
  if (fixturePort) args.push(`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${fixturePort}`).join(', ')}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // --headless=new is passed explicitly: the new headless mode runs extensions
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--headless'],
    ignoreHTTPSErrors: true,
    viewport: { width: 1200, height: 900 },
  });
  const worker = async () => {
    let [sw] = context.serviceWorkers();
    if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 15000 });
    return sw;
  };
  const sw = await worker();
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    extensionId,
    worker,
    profile,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until `fn` returns a truthy value (polling), or throws with `what` after `timeout` ms. */
export async function until(fn, what, timeout = 5000, every = 20) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      // A call that never settles (a page that never answers) must not outlast the wait.
      let timer;
      const stalled = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within the wait (${timeout} ms)`)), Math.max(0, end - Date.now()) + every);
      });
      try {
        last = await Promise.race([fn(), stalled]);
      } finally {
        clearTimeout(timer);
      }
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last?.message ?? JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, every));
  }
}
