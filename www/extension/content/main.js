// Content script entry (bundled to one IIFE: MV3 content scripts cannot be ES modules).
// Picks the site adapter, finds editors (again after every in-page navigation), and hands them
// to each feature. A feature is a module with `name` and `init(ctx)` returning
// {update(editors), teardown(), rewriteFocused?()}; add one to FEATURES to plug it in.
import * as prompt from './features/prompt.js';
import * as panel from './features/panel.js';
import github from './sites/github.js';
import jiraCloud from './sites/jira-cloud.js';
import jiraDc from './sites/jira-dc.js';
import { send } from './messaging.js';
import { loadSettings, siteEnabled } from '../settings.js';

const FEATURES = [prompt, panel];
const SITES = { github, 'jira-cloud': jiraCloud, 'jira-dc': jiraDc };
const ext = globalThis.browser ?? globalThis.chrome;

function pickSite(settings) {
  const { hostname, origin } = location;
  if (hostname === 'github.com') return github;
  if (hostname.endsWith('.atlassian.net')) return jiraCloud;
  const own = settings.selfHosted.find((h) => h.origin === origin);
  return own ? SITES[own.site] : null;
}

async function main() {
  if (globalThis.__ownframeContent) return; // injected twice (manifest + registered script)
  globalThis.__ownframeContent = true;

  let settings = await loadSettings();
  const site = pickSite(settings);
  const status = { site: site?.id ?? null, siteName: site?.name ?? null, enabled: false, editors: 0, hits: [], misses: [], reason: '' };
  let features = [];
  let observer = null;

  const scan = () => {
    if (!status.enabled) return;
    let found = { editors: [], hits: [], misses: [] };
    try {
      found = site.find(document);
    } catch (e) {
      found.misses = [`adapter error: ${e.message}`];
    }
    status.editors = found.editors.length;
    status.hits = found.hits;
    status.misses = found.misses ?? [];
    if (!found.editors.length && site.expectsEditor(location, document) && !status.misses.length) {
      status.misses.push('no editor found: the page layout may have changed (selector miss)');
    }
    status.reason = found.editors.length ? '' : status.misses[0] || 'no ticket editor on this page';
    for (const f of features) f.update(found.editors);
  };

  // Busy pages mutate constantly: scan at most every 50 ms, but right away after a quiet spell
  // (the first analysis after an editor appears should not wait).
  let timer = 0;
  let lastScan = -Infinity;
  const scanSoon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = 0;
      lastScan = performance.now();
      scan();
    }, Math.max(0, 50 - (performance.now() - lastScan)));
  };

  const start = () => {
    status.enabled = true;
    status.reason = '';
    // what every feature gets: the site adapter, the background, settings, and a small event bus
    // (the prompt emits 'analysis' {editor, role, text, analysis} after each analysis)
    const bus = new Map();
    const ctx = {
      site,
      send,
      settings: () => settings,
      on: (type, fn) => bus.set(type, [...(bus.get(type) ?? []), fn]),
      emit: (type, detail) => (bus.get(type) ?? []).forEach((fn) => fn(detail)),
    };
    features = FEATURES.map((f) => f.init(ctx));
    observer = new MutationObserver(scanSoon);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    scan();
  };
  const stop = () => {
    status.enabled = false;
    observer?.disconnect();
    features.forEach((f) => f.teardown());
    features = [];
    status.editors = 0;
  };

  if (!site) status.reason = 'Ownframe does not know this site';
  else if (!siteEnabled(settings, site.id)) status.reason = `switched off for ${site.name}`;
  else start();

  if (site) {
    // after a soft navigation renders, and before one replaces the page (so prompts of editors
    // about to go are dropped promptly; the MutationObserver catches anything else)
    for (const ev of [...site.navigationEvents, ...(site.teardownEvents ?? [])]) document.addEventListener(ev, scanSoon);
    // a soft navigation is starting: wake the background while the next page loads, so the
    // first analysis there does not wait for a stopped worker to restart
    for (const ev of site.teardownEvents ?? []) {
      document.addEventListener(ev, () => status.enabled && send({ type: 'status' }).catch(() => {}));
    }
    // the Navigation API is visible to content scripts: rescan after any same-document navigation
    globalThis.navigation?.addEventListener?.('navigatesuccess', scanSoon);
    globalThis.navigation?.addEventListener?.('navigate', () => status.enabled && send({ type: 'status' }).catch(() => {}));
    addEventListener('popstate', scanSoon);
  }

  ext.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'sync' || !site) return;
    settings = await loadSettings();
    const on = siteEnabled(settings, site.id);
    if (on && !status.enabled) start();
    else if (!on && status.enabled) {
      stop();
      status.reason = `switched off for ${site.name}`;
    } else if (on && changes.config) {
      // the team configuration changed: re-run every analysis
      stop();
      start();
    }
  });

  ext.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
    if (msg?.type === 'page-status') {
      sendResponse({ ok: true, result: { ...status, prompts: document.querySelectorAll('ownframe-prompt').length } });
    } else if (msg?.type === 'rewrite-focused') {
      Promise.all(features.map((f) => f.rewriteFocused?.())).finally(() => sendResponse({ ok: true }));
      return true;
    }
    return false;
  });
}

main();
