// Ownframe background: the only place the wasm core runs (Chromium refuses wasm in content
// scripts on pages whose CSP lacks 'wasm-unsafe-eval'). Chrome runs this as a module service
// worker, Firefox as a module event page; both may stop it whenever it is idle, so the core is
// initialised lazily inside the message handler and nothing important lives in memory.
//
// Protocol (content script, popup, options -> background):
//   {type:'analyze', title, body, format?}        -> {ok:true, result: Analysis}
//   {type:'rewrite', title, body, format?, to?}   -> {ok:true, result: string}
//   {type:'status'}                               -> {ok:true, result: {version, ready, initMs, workerAgeMs, wasmMemoryBytes}}
//   {type:'rules'}                                -> every rule id the core knows
//   {type:'ownership-read', body, format?}         -> {record|null, warnings}
//   {type:'ownership-write', body, record, format?} -> the description with the block in place
//   {type:'ownership-nudges', record?, assignee?, today} -> [{id, message}]
//   {type:'ownership-prefill', title, body, format?, assignee?} -> a record (team decision areas)
//   anything else / a core error                  -> {ok:false, error: string}
// The background sends nothing anywhere: its only fetch is the extension's own wasm file.

import init, { analyze, rewrite, version } from './pkg/ownframe.js';
import { loadSettings, registerSelfHosted } from './settings.js';
// The ownership API through a namespace import: a core built before these exports existed still
// loads (a missing named import would be a SyntaxError for the whole background).
import * as wasm from './pkg/ownframe.js';

const ext = globalThis.browser ?? globalThis.chrome;

let ready = null;
let initMs = null; // how long fetching + compiling + instantiating the wasm took in this worker
function core() {
  if (!ready) {
    const t0 = performance.now();
    ready = init({ module_or_path: ext.runtime.getURL('pkg/ownframe_bg.wasm') }).then(
      (r) => {
        initMs = performance.now() - t0;
        return r;
      },
      (e) => {
        ready = null;
        throw e;
      },
    );
  }
  return ready;
}

let settingsCache = null;
ext.storage.onChanged.addListener((_changes, area) => {
  if (area === 'sync') settingsCache = null;
});
async function settings() {
  settingsCache ??= loadSettings();
  return settingsCache;
}

function ticket(msg) {
  if (typeof msg.body !== 'string' || (msg.title != null && typeof msg.title !== 'string')) {
    throw new Error('bad request: title and body must be strings');
  }
  return { title: msg.title ?? '', body: msg.body, format: msg.format ?? 'markdown' };
}

async function handle(msg) {
  switch (msg?.type) {
    case 'analyze': {
      const [, s] = await Promise.all([core(), settings()]);
      return analyze({ ...ticket(msg), config: s.config });
    }
    case 'rewrite': {
      const [, s] = await Promise.all([core(), settings()]);
      return rewrite({ ...ticket(msg), config: s.config, to: msg.to ?? 'markdown' });
    }
    case 'ownership-read':
    case 'ownership-write':
    case 'ownership-nudges':
    case 'ownership-prefill': {
      const [, s] = await Promise.all([core(), settings()]);
      const fn = wasm[msg.type.replace('-', '_')];
      if (typeof fn !== 'function') throw new Error(`this core has no ${msg.type.replace('-', '_')}: rebuild the wasm`);
      const { type: _t, ...args } = msg;
      if (msg.type === 'ownership-prefill') args.config = s.config;
      return fn(args);
    }
    case 'rules': {
      // every rule id the core knows (an older core without rules(): none)
      await core();
      return typeof wasm.rules === 'function' ? wasm.rules() : [];
    }
    case 'status': {
      const exports = await core();
      // workerAgeMs: time since this worker (or event page) started; wasmMemoryBytes: the core's heap
      return { version: version(), ready: true, initMs, workerAgeMs: performance.now(), wasmMemoryBytes: exports?.memory?.buffer?.byteLength ?? null };
    }
    default:
      throw new Error(`unknown message type: ${String(msg?.type)}`);
  }
}

ext.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Only our own pages and content scripts reach this listener (no externally_connectable).
  if (sender.id && sender.id !== ext.runtime.id) return false;
  handle(msg).then(
    (result) => sendResponse({ ok: true, result }),
    (e) => sendResponse({ ok: false, error: String(e?.message || e || 'core error') }),
  );
  return true; // answer asynchronously
});

// The rewrite shortcut: ask the content script of the active tab to rewrite its focused editor.
ext.commands?.onCommand.addListener(async (command) => {
  if (command !== 'rewrite') return;
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  if (tab?.id != null) ext.tabs.sendMessage(tab.id, { type: 'rewrite-focused' }).catch(() => {});
});

// Self-hosted hosts (GitHub Enterprise, Jira Data Center): content scripts are registered when
// the options page was granted the host permission; re-register on startup and on change.
async function syncSelfHosted() {
  try {
    await registerSelfHosted(ext, (await loadSettings()).selfHosted);
  } catch (e) {
    console.warn('ownframe: could not register content scripts for self-hosted hosts', e);
  }
}
ext.runtime.onInstalled.addListener(syncSelfHosted);
ext.runtime.onStartup?.addListener(syncSelfHosted);
ext.permissions?.onAdded?.addListener(syncSelfHosted);
ext.permissions?.onRemoved?.addListener(syncSelfHosted);
ext.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && changes.selfHosted) syncSelfHosted();
});
