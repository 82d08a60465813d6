// Self-hosted Jira Data Center in Chromium: the options page's flow is "grant the optional host
// permission, store {origin, site} in storage.sync; the background registers the content script".
// Headless Chromium cannot click a permission prompt, so this test loads a copy of dist/chrome
// whose manifest already grants https://jira.acme.test/* (as if the user had allowed it), then
// drives everything else for real: storage -> background registration -> content script -> the
// Jira DC adapter (wiki markup textarea, format 'jira') -> rewrite with to:'jira' -> one undo.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer } from './lib/fixture-server.mjs';
import { ensureExtensionBuilt, launchChromium, until, DIST } from './lib/browsers.mjs';
import { loadCore } from './lib/core.mjs';
import { connectCdp, stopExtensionWorker } from './lib/cdp.mjs';

const HOST = 'jira.acme.test';
const ORDER = 'h2. Task\nImplement the /history endpoint with *limit* and offset. Use Redis to cache it.\n{code}GET /history?limit=10{code}';
let server;
let browser;
let dir;

before(async () => {
  ensureExtensionBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ownframe-ext-'));
  cpSync(join(DIST, 'chrome'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions.push(`https://${HOST}/*`);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  server = await startFixtureServer();
  browser = await launchChromium({ extensionDir: dir, fixturePort: server.port, hosts: ['github.com', HOST], extraArgs: ['--remote-debugging-port=0'] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('Jira Data Center on a self-hosted origin: registered content script, wiki markup, rewrite + one undo', async () => {
  const sw = await browser.worker();
  await sw.evaluate(async (origin) => {
    await chrome.storage.sync.set({ selfHosted: [{ origin, site: 'jira-dc' }] });
  }, `https://${HOST}`);
  await until(
    () => sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).some((s) => s.id === 'ownframe-selfhosted')),
    'content script registration',
  );
  const page = await browser.context.newPage();
  await page.goto(`https://${HOST}/secure/CreateIssue.jspa`);
  await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 1), 'prompt on Jira DC');
  await page.locator('#summary').fill('History pagination');
  const box = page.locator('#description');
  await box.click();
  await page.keyboard.insertText(ORDER);
  const core = await loadCore(join(DIST, 'chrome/pkg'));
  const want = core.analyze({ title: 'History pagination', body: ORDER, format: 'jira' }).class;
  await until(
    () => page.evaluate((want) => {
      const h = document.querySelector('ownframe-prompt');
      return !h.hasAttribute('data-pending') && h.getAttribute('data-framing') === want;
    }, want),
    `${want} on Jira DC (format jira)`,
  );
  await page.locator('ownframe-prompt button.rewrite').click();
  await until(async () => (await box.inputValue()) !== ORDER, 'rewrite');
  const rewritten = await box.inputValue();
  assert.ok(rewritten.includes('Implement the /history endpoint with *limit* and offset.'), 'wiki markup kept');
  assert.equal(rewritten, core.rewrite({ title: 'History pagination', body: ORDER, format: 'jira', to: 'jira' }), 'exactly the core rewrite in wiki markup');
  await box.focus();
  await page.keyboard.press('Control+z');
  assert.equal(await box.inputValue(), ORDER);
  // the popup's source of truth: the content script's status
  const status = await sw.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://jira.acme.test/*' });
    return (await chrome.tabs.sendMessage(tab.id, { type: 'page-status' })).result;
  });
  assert.equal(status.site, 'jira-dc');
  assert.equal(status.editors, 1);
  // the visual (TinyMCE) editor hides the wiki textarea: reported as a miss, not silence
  await page.evaluate(() => {
    const t = document.getElementById('description');
    t.classList.add('richeditor-cover');
    t.style.display = 'none';
    const frame = document.createElement('div'); // where TinyMCE mounts its iframe
    frame.className = 'rte-container';
    t.after(frame);
  });
  const miss = await until(async () => {
    const s = await sw.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'https://jira.acme.test/*' });
      return (await chrome.tabs.sendMessage(tab.id, { type: 'page-status' })).result;
    });
    return s.editors === 0 && s;
  }, 'status with the visual editor');
  assert.match(miss.reason, /visual editor \(TinyMCE\) is not supported/);
  await page.close();
});

test('popup state: switching GitHub off removes the prompt and the status says why', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://github.com/octo/repo/issues/new');
  await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 1), 'prompt');
  const sw = await browser.worker();
  await sw.evaluate(() => chrome.storage.sync.set({ sites: { github: false } }));
  await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 0), 'prompt removed');
  const status = await sw.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://github.com/*' });
    return (await chrome.tabs.sendMessage(tab.id, { type: 'page-status' })).result;
  });
  assert.equal(status.enabled, false);
  assert.match(status.reason, /switched off for GitHub/);
  await sw.evaluate(() => chrome.storage.sync.set({ sites: { github: true } }));
  await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 1), 'prompt back');
  // a selector miss is reported, not silent: remove the editor from an issue form
  await page.evaluate(() => document.querySelector('textarea').remove());
  const miss = await until(async () => {
    const s = await sw.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'https://github.com/*' });
      return (await chrome.tabs.sendMessage(tab.id, { type: 'page-status' })).result;
    });
    return s.editors === 0 && s;
  }, 'status after the editor disappeared');
  assert.match(miss.reason, /selector miss/);
  await page.close();
});

test('the rewrite shortcut (commands -> rewrite-focused) rewrites the focused editor; one undo restores it', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://github.com/octo/repo/issues/new');
  await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 1), 'prompt');
  const box = page.locator('textarea.md');
  await box.click();
  await page.keyboard.insertText(ORDER);
  const sw = await browser.worker();
  // what the background's commands listener sends to the active tab
  await sw.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://github.com/*' });
    await chrome.tabs.sendMessage(tab.id, { type: 'rewrite-focused' });
  });
  await until(async () => (await box.inputValue()) !== ORDER, 'rewritten');
  await box.focus();
  await page.keyboard.press('Control+z');
  assert.equal(await box.inputValue(), ORDER);
  await page.close();
});

test('popup: says where Ownframe is active and why not; per-site switch; popup, options and prompt pass axe', async () => {
  const { readFileSync } = await import('node:fs');
  const { ROOT } = await import('./lib/fixture-server.mjs');
  const axeSource = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const axe = async (page, include) => {
    await page.evaluate(axeSource);
    const r = await page.evaluate((inc) => window.axe.run(inc ? { include: [inc] } : document, { resultTypes: ['violations'] }), include);
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  const page = await browser.context.newPage();
  await page.goto('https://github.com/octo/repo/issues/new');
  await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 1), 'prompt');
  await page.locator('textarea.md').click();
  await page.keyboard.insertText(ORDER.replace(/\n/g, ' '));
  await until(() => page.evaluate(() => !document.querySelector('ownframe-prompt').hasAttribute('data-pending')), 'analysed');
  await page.locator('ownframe-prompt .badge').click(); // findings panel open
  assert.deepEqual(await axe(page, ['ownframe-prompt']), [], 'the prompt has no axe violations');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await axe(page, ['ownframe-prompt']), [], 'nor in dark mode');
  await page.emulateMedia({ colorScheme: 'light' });
  const sw = await browser.worker();
  const tabId = await sw.evaluate(async () => (await chrome.tabs.query({ url: 'https://github.com/*' }))[0].id);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await until(() => popup.evaluate(() => /Active on GitHub: 1 editor/.test(document.getElementById('state').textContent)), 'popup status');
  assert.deepEqual(await axe(popup), [], 'popup has no axe violations');
  await popup.locator('#site-enabled').uncheck();
  await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 0), 'switched off from the popup');
  await popup.reload();
  await until(() => popup.evaluate(() => /switched off for GitHub/.test(document.getElementById('detail').textContent)), 'popup says why');
  await popup.locator('#site-enabled').check();
  await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 1), 'back on');
  const blank = await browser.context.newPage();
  await blank.goto('about:blank');
  const blankId = await sw.evaluate(async () => (await chrome.tabs.query({ url: 'about:blank' }))[0]?.id);
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${blankId}`);
  await until(() => popup.evaluate(() => /Not active on this tab/.test(document.getElementById('state').textContent)), 'popup on an unsupported tab');
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  assert.deepEqual(await axe(options), [], 'options page has no axe violations');
  for (const p of [page, popup, blank, options]) await p.close();
});

test('the background was stopped (as Chrome does when idle): the next keystroke still gets its analysis', async () => {
  const cdp = await connectCdp(browser.profile);
  try {
    const page = await browser.context.newPage();
    await page.goto('https://github.com/octo/repo/issues/new');
    await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 1), 'prompt');
    await page.locator('textarea.md').click();
    const core = await loadCore(join(DIST, 'chrome/pkg'));
    for (let round = 0; round < 3; round++) {
      await (await browser.worker()).evaluate(() => (globalThis.__stoppedMarker = 1));
      assert.ok(await stopExtensionWorker(cdp, browser.extensionId), 'worker stopped');
      const text = round % 2 ? 'Implement the /history endpoint. ' : 'Analysts copy tables by hand every week. ';
      await page.keyboard.insertText(text);
      const body = await page.locator('textarea.md').inputValue();
      const want = core.analyze({ title: '', body }).class;
      await until(
        () => page.evaluate((w) => {
          const h = document.querySelector('ownframe-prompt');
          return !h.hasAttribute('data-pending') && h.getAttribute('data-framing') === w && !h.getAttribute('data-status');
        }, want),
        `analysis after the worker stopped (round ${round + 1})`,
        10000,
      );
      const marker = await (await browser.worker()).evaluate(() => globalThis.__stoppedMarker ?? null);
      assert.equal(marker, null, 'a fresh worker answered');
    }
    await page.close();
  } finally {
    cdp.close();
  }
});
