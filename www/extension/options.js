// Options: rules on/off, team vocabulary, decision areas (with presets), per-site switches and
// self-hosted hosts (requests the optional host permission; the background then registers the
// content script for it). Everything lives in storage.sync.
import { loadSettings, saveSettings, SITES } from './settings.js';

const ext = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);
const lines = (s) => s.split('\n').map((x) => x.trim()).filter(Boolean);
const PRESETS = {
  default: [['Approach and implementation', 6], ['Scope and priorities', 4], ['Release and rollout', 3]],
  platform: [['API contract', 3], ['Data model', 3], ['Implementation', 7], ['Rollout', 4]],
  product: [['User experience', 5], ['Scope and priorities', 4], ['Implementation', 7], ['Launch', 3]],
};
let settings;
let knownRules = [];

function node(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function render() {
  $('sites').replaceChildren(
    ...Object.entries(SITES).map(([id, name]) => {
      const box = node('input', '', { type: 'checkbox', 'data-site': id });
      box.checked = settings.sites[id] !== false;
      const label = node('label');
      label.append(box, ` ${name}`);
      return label;
    }),
  );
  // every rule the core knows, ticked when on; rules switched off that the core no longer knows
  // are listed too, so they can be switched back on
  const ids = [...new Set([...knownRules, ...settings.config.disabled_rules])];
  $('rules').replaceChildren(
    ...ids.map((rule) => {
      const box = node('input', '', { type: 'checkbox', 'data-rule': rule });
      box.checked = !settings.config.disabled_rules.includes(rule);
      const label = node('label');
      label.append(box, ` ${rule}`);
      return label;
    }),
  );
  for (const k of ['roles', 'solution_terms', 'measures']) $(k).value = settings.config.vocabulary[k].join('\n');
  $('areas').value = settings.config.decision_areas.map((a) => `${a.area} = ${a.level}`).join('\n');
  $('hosts').replaceChildren(
    ...settings.selfHosted.map((h, i) => {
      const li = node('li', `${h.origin} (${SITES[h.site]}) `);
      const rm = node('button', 'Remove', { type: 'button' });
      rm.addEventListener('click', async () => {
        settings.selfHosted.splice(i, 1);
        await ext.permissions.remove({ origins: [`${h.origin}/*`] }).catch(() => {});
        await saveSettings({ selfHosted: settings.selfHosted });
        render();
      });
      li.append(rm);
      return li;
    }),
  );
}

function collect() {
  const sites = {};
  for (const box of document.querySelectorAll('[data-site]')) sites[box.dataset.site] = box.checked;
  const disabled = [...document.querySelectorAll('[data-rule]')].filter((box) => !box.checked).map((box) => box.dataset.rule);
  const areas = [];
  for (const line of lines($('areas').value)) {
    const m = /^(.*?)\s*=\s*([1-7])\s*$/.exec(line);
    if (!m) throw new Error(`decision area "${line}": write "area = level" with a level from 1 to 7`);
    areas.push({ area: m[1], level: Number(m[2]), note: '' });
  }
  return {
    sites,
    config: {
      disabled_rules: disabled,
      vocabulary: { roles: lines($('roles').value), solution_terms: lines($('solution_terms').value), measures: lines($('measures').value) },
      decision_areas: areas,
    },
  };
}

async function main() {
  settings = await loadSettings();
  try {
    const reply = await ext.runtime.sendMessage({ type: 'rules' });
    if (reply?.ok) knownRules = reply.result;
  } catch {
    // the background is starting: the list shows the switched-off rules only
  }
  render();
  $('save').addEventListener('click', async () => {
    try {
      await saveSettings(collect());
      settings = await loadSettings();
      render();
      $('saved').textContent = 'Saved.';
    } catch (e) {
      $('saved').textContent = e.message;
    }
  });
  $('add-rule').addEventListener('click', () => {
    const rule = $('new-rule').value.trim();
    if (rule && !settings.config.disabled_rules.includes(rule)) settings.config.disabled_rules.push(rule);
    $('new-rule').value = '';
    render();
  });
  $('preset').addEventListener('change', (e) => {
    const p = PRESETS[e.target.value];
    if (p) $('areas').value = p.map(([a, l]) => `${a} = ${l}`).join('\n');
  });
  $('add-host').addEventListener('click', async () => {
    let origin;
    try {
      origin = new URL($('host').value.trim()).origin;
      if (!origin.startsWith('https://')) throw new Error('use an https:// address');
    } catch (e) {
      $('saved').textContent = `Address: ${e.message}`;
      return;
    }
    // must run in the click handler: permission requests need a user gesture
    const granted = await ext.permissions.request({ origins: [`${origin}/*`] });
    if (!granted) {
      $('saved').textContent = 'Permission not granted.';
      return;
    }
    settings.selfHosted = settings.selfHosted.filter((h) => h.origin !== origin);
    settings.selfHosted.push({ origin, site: $('host-site').value });
    await saveSettings({ selfHosted: settings.selfHosted });
    render();
    $('saved').textContent = `Added ${origin}; reload its tabs.`;
  });
}

main().catch((e) => ($('saved').textContent = e.message));
