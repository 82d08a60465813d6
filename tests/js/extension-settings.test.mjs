// The extension's settings as storage.sync may hold them (old versions, hand edits, other
// devices): whatever is stored, normalise() must yield a team configuration the core accepts, or
// every analysis on every page would fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise, siteEnabled } from '../../www/extension/settings.js';
import { loadCore } from './lib/core.mjs';
import { ensureExtensionBuilt, DIST } from './lib/browsers.mjs';
import { join } from 'node:path';

const GARBAGE = [
  undefined,
  null,
  {},
  { config: 'x' },
  { config: { disabled_rules: 'missing-why', vocabulary: [], decision_areas: {} } },
  { config: { disabled_rules: [1, null, ' missing-why '], vocabulary: { roles: 'a', measures: [2, 'NPS'] }, extra: true } },
  { config: { decision_areas: [{ area: 'Schema', level: 9 }, { area: '', level: 3 }, { area: 'API', level: 3.5 }, { area: 'Rollout', level: 4, note: 5 }, null] } },
  { config: { vocabulary: { roles: ['merchants'], unknown: ['x'] } }, sites: 'all', selfHosted: [{ origin: 'https://x' }, { origin: 'https://y', site: 'jira-dc' }, 'z'] },
];

function random(seed) {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const value = (depth) => {
    const kinds = depth > 2 ? ['s', 'n', 'b', 'null'] : ['s', 'n', 'b', 'null', 'a', 'o'];
    switch (pick(kinds)) {
      case 's': return pick(['', 'missing-why', 'NPS', 'Kafka', '\u0000', '📈', 'area']);
      case 'n': return pick([0, 1, 3, 7, 8, -1, 2.5, NaN]);
      case 'b': return next() < 0.5;
      case 'null': return null;
      case 'a': return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      default: {
        const o = {};
        for (const k of ['config', 'disabled_rules', 'vocabulary', 'roles', 'solution_terms', 'measures', 'decision_areas', 'area', 'level', 'note', 'sites', 'selfHosted']) {
          if (next() < 0.35) o[k] = value(depth + 1);
        }
        return o;
      }
    }
  };
  return value(0);
}

test('normalise(): any stored value becomes a configuration the core accepts', async () => {
  ensureExtensionBuilt();
  const core = await loadCore(join(DIST, 'chrome/pkg'));
  const inputs = [...GARBAGE, ...Array.from({ length: 300 }, (_, i) => random(i + 1))];
  for (const raw of inputs) {
    const s = normalise(raw);
    assert.doesNotThrow(
      () => core.analyze({ title: 'History', body: 'Implement the /history endpoint.', config: s.config }),
      `core rejected ${JSON.stringify(s.config)} (from ${JSON.stringify(raw)})`,
    );
    assert.ok(Array.isArray(s.selfHosted) && s.selfHosted.every((h) => typeof h.origin === 'string' && ['github', 'jira-cloud', 'jira-dc'].includes(h.site)));
  }
});

test('normalise() keeps what is valid and siteEnabled() defaults to on', () => {
  const s = normalise({
    config: { disabled_rules: ['missing-why'], vocabulary: { roles: ['merchants'], solution_terms: ['Kafka'], measures: ['NPS'] }, decision_areas: [{ area: 'Schema', level: 3 }] },
    sites: { github: false },
    selfHosted: [{ origin: 'https://jira.example.com', site: 'jira-dc' }],
  });
  assert.deepEqual(s.config, {
    disabled_rules: ['missing-why'],
    vocabulary: { roles: ['merchants'], solution_terms: ['Kafka'], measures: ['NPS'] },
    decision_areas: [{ area: 'Schema', level: 3, note: '' }],
  });
  assert.equal(siteEnabled(s, 'github'), false);
  assert.equal(siteEnabled(s, 'jira-cloud'), true);
  assert.deepEqual(s.selfHosted, [{ origin: 'https://jira.example.com', site: 'jira-dc' }]);
});
