// End to end: the ownership panel <ownframe-panel> of the built extension (dist/chrome) in Debian's
// Chromium, on fixture issue views served at github.com / acme.atlassian.net (HTTPS, strict CSP):
// one panel in the sidebar / details panel showing the record read from the description (through
// the wasm core in the background), an edit written through the description's editor and taken
// back by ONE undo byte for byte, axe-core finding nothing inside the panel (light and dark),
// keyboard use, and 20 in-page navigations leaving exactly one panel.
//
// OWNFRAME_EXTENSION_DIR points at another unpacked build (default dist/chrome). The test skips,
// saying why, when the built core has no ownership_* exports yet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer, ROOT } from './lib/fixture-server.mjs';
import { DIST, ensureExtensionBuilt, launchChromium, until } from './lib/browsers.mjs';

const EXT = process.env.OWNFRAME_EXTENSION_DIR || join(DIST, 'chrome');
const GITHUB = 'https://github.com/fixtures/github/issue-view.html';
const JIRA = 'https://acme.atlassian.net/fixtures/jira-cloud/issue-view.html';
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

if (!process.env.OWNFRAME_EXTENSION_DIR) ensureExtensionBuilt();
const glue = join(EXT, 'pkg/ownframe.js');
const missing = !existsSync(glue)
  ? `no extension build at ${EXT}`
  : ['ownership_read', 'ownership_write', 'ownership_nudges', 'ownership_prefill'].filter((f) => !readFileSync(glue, 'utf8').includes(`export function ${f}(`)).join(', ');
const skip = missing ? `the built core lacks ${missing} (src/wasm.rs): rebuild with scripts/build-wasm` : false;

let server;
let browser;
const requests = [];

before(async () => {
  if (skip) return;
  server = await startFixtureServer();
  browser = await launchChromium({ extensionDir: EXT, fixturePort: server.port });
  browser.context.on('request', (r) => requests.push(r.url()));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

const panels = (page) => page.evaluate(() => document.querySelectorAll('ownframe-panel').length);
const state = (page) =>
  page.evaluate(() => {
    const hosts = [...document.querySelectorAll('ownframe-panel')];
    const h = hosts[0];
    return {
      count: hosts.length,
      owner: h?.getAttribute('data-owner'),
      areas: h?.getAttribute('data-authority-areas'),
      nudges: h?.getAttribute('data-nudges'),
      source: h?.getAttribute('data-source'),
      status: h?.getAttribute('data-status'),
      mode: h?.getAttribute('data-state'),
      theme: h?.getAttribute('data-theme'),
      pending: h?.hasAttribute('data-pending'),
      parent: h?.parentElement?.getAttribute('data-testid'),
      text: h?.shadowRoot.textContent ?? '',
    };
  });
const settled = (page, what, pred, timeout = 8000) =>
  until(async () => {
    const s = await state(page);
    return s.count === 1 && s.nudges != null && !s.pending && pred(s) && s;
  }, what, timeout);

/** axe-core over the panel's shadow tree only; returns the violations. */
async function axe(page) {
  await page.evaluate(AXE); // through the DevTools protocol: the page's CSP does not apply
  return page.evaluate(async () => {
    const host = document.querySelector('ownframe-panel');
    const res = await window.axe.run(host, { resultTypes: ['violations'] });
    return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join(', ')}`);
  });
}

test('GitHub issue view: one panel in the sidebar showing the record from the description', { skip }, async () => {
  const page = await open(GITHUB);
  const s = await settled(page, 'panel read', (x) => x.owner !== '');
  assert.equal(s.count, 1);
  assert.equal(s.parent, 'issue-viewer-metadata-container');
  assert.equal(s.source, 'source', 'read from the edit form the page keeps');
  assert.equal(s.owner, 'alice');
  assert.equal(s.areas, '2');
  // bob is assigned, alice owns, no hand-off; the check-in date is past
  assert.deepEqual(s.nudges.split(' ').sort(), ['check-in-overdue', 'owner-not-assignee']);
  assert.match(s.text, /Customers find any past order in under 10 seconds/);
  assert.match(s.text, /Decides alone.*API shape.*decide alone \(Delegate\)/s);
  assert.match(s.text, /Needs a word first.*Database schema.*consult first/s);
  assert.match(s.text, /Pairing with the payments team/);
  assert.deepEqual(await axe(page), [], 'axe: view mode, light');

  // GitHub's React view keeps no stored Markdown in the page: the block is rebuilt from the
  // rendered heading and tables (the renderer drops its comment markers)
  await page.evaluate(() => document.querySelector('form.js-comment-update').remove());
  const r = await settled(page, 'read from the rendered body', (x) => x.source === 'rendered');
  assert.equal(r.owner, 'alice');
  assert.equal(r.areas, '2');
  assert.equal(r.text, s.text, 'the same record as from the stored Markdown');
  // a rendered body without the block's heading and Field table is not taken for one
  await page.evaluate(() => document.querySelector('[data-testid="markdown-body"] h3').replaceChildren('Notes'));
  const n = await settled(page, 'no block in the rendered body', (x) => x.owner === '');
  assert.equal(n.source, 'rendered');
  assert.match(n.text, /Open the description.s editor to read or add one/);
  await page.close();
});

test('GitHub: an edit is written into the description editor, and ONE undo restores it byte for byte', { skip }, async () => {
  const page = await open(GITHUB);
  await settled(page, 'panel read', (x) => x.owner === 'alice');
  await page.click('[data-testid="edit-issue-body"]');
  const box = page.locator('[data-testid="issue-body"] textarea');
  await settled(page, 'panel reading the open editor', (x) => x.source === 'editor');
  const original = await box.inputValue();

  await page.click('ownframe-panel button.edit');
  await until(async () => (await state(page)).mode === 'edit', 'edit mode');
  const form = page.locator('ownframe-panel form');
  assert.equal(await form.getByLabel('Owner', { exact: true }).inputValue(), '@alice', 'the form starts from the record');
  assert.deepEqual(await axe(page), [], 'axe: edit mode, light');
  await form.getByLabel('Owner', { exact: true }).fill('bob');
  await form.getByRole('button', { name: 'Add hand-off' }).click();
  const handoff = form.locator('.handoff').last();
  assert.equal(await handoff.getByLabel('From', { exact: true }).inputValue(), '@alice', 'hand-off from the recorded owner');
  assert.equal(await handoff.getByLabel('To', { exact: true }).inputValue(), 'bob', 'to the assignee');
  for (const what of ['Knowledge shared', 'Decision context shared', 'Stakeholders introduced']) await handoff.getByLabel(what, { exact: true }).check();
  await handoff.getByLabel('Date', { exact: true }).fill('2026-11-20');
  await form.locator('.decision').first().getByLabel('Who decides', { exact: true }).selectOption('4');
  await form.getByRole('button', { name: 'Write into the description' }).click();

  const s = await settled(page, 'panel re-read after writing', (x) => x.owner === 'bob' && x.mode === 'view');
  const written = await box.inputValue();
  assert.ok(written.startsWith("Users can't find an older order because the history page loads everything at once.\n\n<!-- ownframe:ownership v1 -->"), 'text before the block untouched');
  assert.match(written, /^\| Owner \| bob \|$/m);
  assert.match(written, /^\| Database schema \| needs agreement: decide together \(Agree\) \| {2}\|$/m);
  assert.match(written, /^\| @alice \| bob \| 2026-11-20 \| yes \| yes \| yes \|$/m);
  assert.ok(written.endsWith('<!-- /ownframe:ownership -->'));
  assert.equal(s.nudges, 'check-in-overdue', 'owner is the assignee now');
  assert.match(s.status, /Written into the description/);

  await box.focus();
  await page.keyboard.press('Control+z');
  assert.equal(await box.inputValue(), original, 'one undo restores the description exactly');
  await settled(page, 'panel follows the undo', (x) => x.owner === 'alice');
  await page.close();
});

test('GitHub: follows the dark theme (data-color-mode and prefers-color-scheme), axe finds nothing', { skip }, async () => {
  const page = await open(GITHUB);
  await settled(page, 'panel read', (x) => x.owner === 'alice');
  assert.equal((await state(page)).theme, 'light');
  await page.emulateMedia({ colorScheme: 'dark' }); // data-color-mode="auto" follows the system
  await until(async () => (await state(page)).theme === 'dark', 'dark from prefers-color-scheme');
  await page.evaluate(() => document.documentElement.setAttribute('data-color-mode', 'light'));
  await until(async () => (await state(page)).theme === 'light', 'light from data-color-mode');
  await page.evaluate(() => document.documentElement.setAttribute('data-color-mode', 'dark'));
  await until(async () => (await state(page)).theme === 'dark', 'dark from data-color-mode');
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('ownframe-panel').shadowRoot.querySelector('section')).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)');
  assert.deepEqual(await axe(page), [], 'axe: view mode, dark');
  await page.click('ownframe-panel button.edit');
  await until(async () => (await state(page)).mode === 'edit', 'edit mode');
  assert.deepEqual(await axe(page), [], 'axe: edit mode, dark');
  await page.close();
});

test('GitHub: keyboard only (Edit, fields, Escape back to Edit); without an open editor Save copies the block', { skip }, async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://github.com' });
  const page = await open(GITHUB);
  await settled(page, 'panel read', (x) => x.owner === 'alice');
  await page.focus('ownframe-panel button.edit');
  await page.keyboard.press('Enter');
  await until(() => page.evaluate(() => document.querySelector('ownframe-panel').shadowRoot.activeElement?.name === 'owner'), 'owner field focused');
  await page.keyboard.press('Escape');
  await until(() => page.evaluate(() => document.querySelector('ownframe-panel').shadowRoot.activeElement?.classList.contains('edit')), 'focus back on Edit');
  assert.equal((await state(page)).mode, 'view');

  await page.keyboard.press('Enter');
  await until(async () => (await state(page)).mode === 'edit', 'edit mode again');
  const save = page.locator('ownframe-panel form button.save');
  assert.equal(await save.textContent(), 'Copy the block', 'the description is not open for editing');
  const before = await page.locator('[data-testid="issue-body"] textarea').inputValue();
  await save.focus();
  await page.keyboard.press('Enter');
  const s = await settled(page, 'copied', (x) => /copied/.test(x.status ?? ''));
  assert.match(s.status, /not open for editing/);
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(clip.startsWith('<!-- ownframe:ownership v1 -->') && clip.includes('| Owner | @alice |'), clip);
  assert.equal(await page.locator('[data-testid="issue-body"] textarea').inputValue(), before, 'the page was not changed');
  await page.close();
});

test('GitHub: 20 in-page navigations leave exactly one panel', { skip }, async () => {
  const page = await open(GITHUB);
  await settled(page, 'panel read', (x) => x.owner === 'alice');
  for (let i = 0; i < 20; i++) {
    const toList = i % 4 === 1; // issue -> list -> issue, and issue -> issue
    await page.click(toList ? '#nav-list' : '#nav-issue');
    if (toList) await until(async () => (await panels(page)) === 0, `no panel on the list (${i})`);
    else await settled(page, `one panel after navigation ${i}`, (x) => x.owner === 'alice' && x.parent === 'issue-viewer-metadata-container');
  }
  await page.click('#nav-issue');
  await settled(page, 'last navigation', (x) => x.owner === 'alice');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await panels(page), 1);
  await page.close();
});

test('Jira Cloud issue view: panel in the details panel, edit pasted into ProseMirror, ONE undo restores the document', { skip }, async () => {
  const page = await open(JIRA);
  const s = await settled(page, 'panel read', (x) => x.owner !== '');
  assert.equal(s.parent, 'issue.views.issue-details.issue-layout.container-right');
  assert.equal(s.source, 'editor');
  assert.equal(s.owner, 'Bob Builder');
  assert.equal(s.areas, '2');
  assert.equal(s.nudges, '', 'owner is the assignee, check-in is weekly');
  assert.match(s.text, /Decides alone.*Export format/s);
  assert.match(s.text, /Needs a word first.*Fee rounding.*\(ask finance\)/s);
  assert.deepEqual(await axe(page), [], 'axe: Jira view mode');

  const docBefore = await page.evaluate(() => JSON.stringify(window.__pmView.state.doc.toJSON()));
  await page.click('ownframe-panel button.edit');
  await until(async () => (await state(page)).mode === 'edit', 'edit mode');
  const form = page.locator('ownframe-panel form');
  await form.getByLabel('Outcome', { exact: true }).fill('Merchants reconcile a payout | fees included');
  await form.getByRole('button', { name: 'Add decision area' }).click();
  const row = form.locator('.decision').last();
  await row.getByLabel('Decision area', { exact: true }).fill('Payout schedule');
  await row.getByLabel('Who decides', { exact: true }).selectOption('7');
  await form.getByRole('button', { name: 'Write into the description' }).click();

  const after = await settled(page, 'panel re-read after the paste', (x) => x.areas === '3' && x.mode === 'view');
  assert.match(after.text, /Merchants reconcile a payout \| fees included/, 'a pipe in a value survives the round trip');
  const paras = await page.evaluate(() => window.__pmView.state.doc.content.content.map((n) => n.textContent));
  assert.equal(paras[0], "Merchants can't reconcile a payout because the export lacks the fees.", 'text before the block untouched');
  assert.equal(paras[1], 'h3. Ownership (ownframe v1)');
  assert.ok(paras.includes('|Payout schedule|decide alone (Delegate)| |'), paras.join('\n'));
  assert.equal(paras.at(-1), '_End of ownership (ownframe v1)_');

  await page.focus('#ak-editor-textarea');
  await page.keyboard.press('Control+z');
  const docUndone = await page.evaluate(() => JSON.stringify(window.__pmView.state.doc.toJSON()));
  assert.equal(docUndone, docBefore, 'one undo restores the description exactly');
  await settled(page, 'panel follows the undo', (x) => x.areas === '2');
  await page.close();
});

test('Jira Cloud: a description without a block gets one appended as its own paragraphs; 20 navigations leave one panel', { skip }, async () => {
  const page = await open(JIRA);
  await settled(page, 'panel read', (x) => x.owner !== '');
  await page.evaluate(() => {
    const v = window.__pmView;
    const { schema } = v.state;
    const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('Merchants need the fees in the export.')])]);
    v.updateState(v.state.constructor.create({ doc, plugins: v.state.plugins }));
    v.dom.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const s = await settled(page, 'no record', (x) => x.owner === '');
  assert.equal(s.nudges, 'no-record');
  await page.click('ownframe-panel button.edit');
  await until(async () => (await state(page)).mode === 'edit', 'edit mode');
  const form = page.locator('ownframe-panel form');
  assert.equal(await form.getByLabel('Owner', { exact: true }).inputValue(), 'Bob Builder', 'owner prefilled from the assignee');
  await form.getByRole('button', { name: 'Write into the description' }).click();
  await settled(page, 'record written', (x) => x.owner === 'Bob Builder');
  const paras = await page.evaluate(() => window.__pmView.state.doc.content.content.map((n) => n.textContent));
  assert.equal(paras[0], 'Merchants need the fees in the export.');
  assert.equal(paras[1], 'h3. Ownership (ownframe v1)', 'the block starts in its own paragraph');

  for (let i = 0; i < 20; i++) {
    await page.click('#next-issue');
    await until(() => page.evaluate((n) => location.pathname === `/browse/PAY-${n}`, 8 + i), `navigation ${i}`);
    await settled(page, `one panel after navigation ${i}`, (x) => x.parent === 'issue.views.issue-details.issue-layout.container-right');
  }
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await panels(page), 1);
  await page.close();
});

test('hostile values in the block stay text in the panel', { skip }, async () => {
  const page = await open(GITHUB);
  await settled(page, 'panel read', (x) => x.owner === 'alice');
  await page.click('[data-testid="edit-issue-body"]');
  const box = page.locator('[data-testid="issue-body"] textarea');
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const body = (await box.inputValue()).replace('| Outcome | Customers find any past order in under 10 seconds |', `| Outcome | ${hostile} |`);
  await box.fill(body);
  const s = await settled(page, 'panel re-read', (x) => x.text.includes('onerror'));
  assert.ok(s.text.includes(hostile), 'shown as the text it is');
  const markup = await page.evaluate(() => document.querySelector('ownframe-panel').shadowRoot.querySelectorAll('img, script').length);
  assert.equal(markup, 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.close();
});

test('an ambiguous description (two blocks) shows the warning and Save refuses instead of guessing', { skip }, async () => {
  const page = await open(GITHUB);
  await settled(page, 'panel read', (x) => x.owner === 'alice');
  await page.click('[data-testid="edit-issue-body"]');
  const box = page.locator('[data-testid="issue-body"] textarea');
  const original = await box.inputValue();
  const block = original.slice(original.indexOf('<!-- ownframe'));
  const doubled = `${original}\n\nMore notes.\n\n${block}`;
  await box.fill(doubled);
  await settled(page, 'warning shown', (x) => x.source === 'editor' && /ownership/i.test(x.text) && x.text.includes('Could not read all of the block'));
  const kinds = await page.evaluate(() => [...document.querySelector('ownframe-panel').shadowRoot.querySelectorAll('[data-warning]')].map((w) => w.dataset.warning));
  assert.ok(kinds.includes('duplicate-block'), kinds.join(','));
  await page.click('ownframe-panel button.edit');
  await until(async () => (await state(page)).mode === 'edit', 'edit mode');
  await page.click('ownframe-panel form button.save');
  await until(async () => /Not saved/.test((await state(page)).status ?? ''), 'refusal shown');
  assert.match((await state(page)).status, /refused so no text is lost/);
  assert.equal(await box.inputValue(), doubled, 'the description is untouched');
  await page.close();
});

test('Jira Cloud: the rendered description (tables, not the editor) reads back; Save copies the block', { skip }, async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://acme.atlassian.net' });
  const page = await open(JIRA);
  await settled(page, 'panel read', (x) => x.owner !== '');
  // what Jira Cloud shows when the description is not being edited: the renderer's document,
  // with the block converted to a heading and real tables
  await page.evaluate(() => {
    const wrap = document.querySelector('[data-testid="issue.views.field.rich-text.description"]');
    const el = (tag, text, ...kids) => {
      const e = document.createElement(tag);
      if (text) e.textContent = text;
      e.append(...kids);
      return e;
    };
    const table = (rows) => el('table', '', el('tbody', '', ...rows.map((r, i) => el('tr', '', ...r.map((c) => el(i ? 'td' : 'th', c))))));
    const doc = el('div', '', el('p', 'Finance closes the month two days earlier.'), el('h3', 'Ownership (ownframe v1)'),
      table([['Field', 'Value'], ['Owner', 'Ada Lovelace'], ['Outcome', 'Close in 3 days | not 5'], ['Success measure', 'close by day 3']]),
      table([['Decision area', 'Who decides', 'Note'], ['Close checklist', 'decide alone (Delegate)', ''], ['Audit scope', 'the lead decides and tells you (Tell)', 'auditors']]),
      el('p', '', el('em', 'End of ownership (ownframe v1)')));
    doc.className = 'ak-renderer-document';
    wrap.replaceChildren(doc);
  });
  const s = await settled(page, 'rendered record', (x) => x.owner === 'Ada Lovelace');
  assert.equal(s.source, 'rendered');
  assert.equal(s.areas, '2');
  assert.match(s.text, /Close in 3 days \| not 5/);
  assert.match(s.text, /Needs a word first.*Audit scope.*the lead decides and tells you \(Tell\).*\(auditors\)/s);
  assert.match(s.nudges, /owner-not-assignee/, 'Bob Builder is assigned');
  await page.click('ownframe-panel button.edit');
  await until(async () => (await state(page)).mode === 'edit', 'edit mode');
  await page.click('ownframe-panel form button.save');
  await settled(page, 'copied', (x) => /copied/.test(x.status ?? ''));
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(clip.startsWith('h3. Ownership (ownframe v1)\n||Field||Value||\n|Owner|Ada Lovelace|\n|Outcome|Close in 3 days \\| not 5|'), clip);
  await page.close();
});

test('no record yet: the form is prefilled by the core (assignee, outcome sentence, team decision areas)', { skip }, async () => {
  const sw = await browser.worker();
  await sw.evaluate(() => chrome.storage.sync.set({ config: { decision_areas: [{ area: 'Database schema', level: 3 }, { area: 'Release timing', level: 6 }] } }));
  try {
    const page = await open(GITHUB);
    await settled(page, 'panel read', (x) => x.owner === 'alice');
    await page.click('[data-testid="edit-issue-body"]');
    const box = page.locator('[data-testid="issue-body"] textarea');
    const prose = "Users can't find an older order because the history page loads everything at once.";
    await box.fill(prose);
    const s = await settled(page, 'no record', (x) => x.owner === '' && x.source === 'editor');
    assert.equal(s.nudges, 'no-record');
    assert.match(s.text, /No ownership recorded/);
    await page.click('ownframe-panel button.edit');
    await until(async () => (await state(page)).mode === 'edit', 'edit mode');
    const form = page.locator('ownframe-panel form');
    assert.equal(await form.getByLabel('Owner', { exact: true }).inputValue(), 'bob', 'owner from the assignee');
    assert.equal(await form.getByLabel('Outcome', { exact: true }).inputValue(), prose, "outcome from the core's extraction");
    const rows = form.locator('.decision');
    assert.equal(await rows.count(), 2, 'decision areas from the team preset');
    assert.equal(await rows.first().getByLabel('Decision area', { exact: true }).inputValue(), 'Database schema');
    assert.equal(await rows.first().getByLabel('Who decides', { exact: true }).inputValue(), '3');
    await form.getByRole('button', { name: 'Write into the description' }).click();
    const w = await settled(page, 'written', (x) => x.owner === 'bob' && x.mode === 'view');
    assert.equal(w.areas, '2');
    assert.equal(w.nudges, '');
    assert.ok((await box.inputValue()).startsWith(`${prose}\n\n<!-- ownframe:ownership v1 -->\n### Ownership\n`));
    await page.close();
  } finally {
    await sw.evaluate(() => chrome.storage.sync.remove('config'));
  }
});

test('the panel sent nothing anywhere', { skip }, () => {
  const foreign = requests.filter((u) => !/^https:\/\/(github\.com|acme\.atlassian\.net)\/fixtures\//.test(u) && !u.startsWith('chrome-extension://'));
  assert.deepEqual(foreign, []);
});
