// Settings in storage.sync, shared by the background, popup, options and (bundled) the content
// script. Shape:
//   config:     the core's team configuration {disabled_rules, vocabulary, decision_areas}
//   sites:      {github: bool, 'jira-cloud': bool, 'jira-dc': bool}   (missing = on)
//   selfHosted: [{origin: 'https://jira.example.com', site: 'github'|'jira-dc'}]

export const SITES = {
  github: 'GitHub',
  'jira-cloud': 'Jira Cloud',
  'jira-dc': 'Jira Data Center',
};

export const DEFAULTS = {
  config: { disabled_rules: [], vocabulary: { roles: [], solution_terms: [], measures: [] }, decision_areas: [] },
  sites: {},
  selfHosted: [],
};

const api = () => globalThis.browser ?? globalThis.chrome;

export function normalise(raw) {
  const config = raw?.config && typeof raw.config === 'object' ? raw.config : {};
  const vocab = config.vocabulary && typeof config.vocabulary === 'object' ? config.vocabulary : {};
  const list = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x.trim()).map((x) => x.trim()) : []);
  return {
    config: {
      disabled_rules: list(config.disabled_rules),
      vocabulary: { roles: list(vocab.roles), solution_terms: list(vocab.solution_terms), measures: list(vocab.measures) },
      decision_areas: Array.isArray(config.decision_areas)
        ? config.decision_areas
            .filter((a) => a && typeof a.area === 'string' && a.area.trim() && Number.isInteger(a.level) && a.level >= 1 && a.level <= 7)
            .map((a) => ({ area: a.area.trim(), level: a.level, note: typeof a.note === 'string' ? a.note : '' }))
        : [],
    },
    sites: raw?.sites && typeof raw.sites === 'object' ? raw.sites : {},
    selfHosted: Array.isArray(raw?.selfHosted)
      ? raw.selfHosted.filter((h) => h && typeof h.origin === 'string' && SITES[h.site])
      : [],
  };
}

export async function loadSettings() {
  return normalise(await api().storage.sync.get(['config', 'sites', 'selfHosted']));
}

export async function saveSettings(patch) {
  await api().storage.sync.set(patch);
}

export function siteEnabled(settings, site) {
  return settings.sites[site] !== false;
}

/** Adds a rule to the team configuration's disabled rules ("ignore this rule"). */
export async function ignoreRule(rule) {
  const s = await loadSettings();
  if (!s.config.disabled_rules.includes(rule)) s.config.disabled_rules.push(rule);
  await saveSettings({ config: s.config });
}

/** Content scripts for self-hosted origins whose host permission was granted. */
export async function registerSelfHosted(ext, selfHosted) {
  if (!ext.scripting?.registerContentScripts) return;
  const existing = await ext.scripting.getRegisteredContentScripts();
  const ids = existing.filter((s) => s.id.startsWith('ownframe-selfhosted')).map((s) => s.id);
  if (ids.length) await ext.scripting.unregisterContentScripts({ ids });
  const granted = [];
  for (const h of selfHosted) {
    const pattern = `${h.origin}/*`;
    if (await ext.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  if (!granted.length) return;
  await ext.scripting.registerContentScripts([
    { id: 'ownframe-selfhosted', matches: granted, js: ['content.js'], css: ['content.css'], runAt: 'document_idle' },
  ]);
}
