// End to end: the built extension (dist/chrome, the production manifest) in Debian's Chromium, on
// fixture pages served over HTTPS at github.com / acme.atlassian.net (mapped to 127.0.0.1) with a
// strict CSP. Covers: one prompt per editor, data-framing following typing, highlights lining up
// with the text, rewrite + one undo restoring the text exactly (textarea and ProseMirror), in-page
// navigation, hostile ticket text, and no network traffic from the extension.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from './lib/fixture-server.mjs';
import { join } from 'node:path';
import { ensureExtensionBuilt, launchChromium, until, DIST } from './lib/browsers.mjs';
import { loadCore, expectedMarks, missingWords } from './lib/core.mjs';
import { misplacedMarks } from './lib/geometry.mjs';

const ORDER = 'Implement the /history endpoint with limit and offset. Use Redis to cache it.';
const OUTCOME = "Users can't export their data for offline analysis, so analysts copy tables by hand.";
// non-ASCII before the findings: spans must be UTF-16 offsets to line up
const ORDER_UNICODE = 'Résumé 📈 履歴: Implement the /history endpoint with limit and offset. Use Redis to cache it.';

let server;
let browser;
let core;
const pageRequests = [];
const workerRequests = [];

before(async () => {
  ensureExtensionBuilt();
  core = await loadCore(join(DIST, 'chrome/pkg')); // the very core the extension runs
  server = await startFixtureServer();
  browser = await launchChromium({ fixturePort: server.port });
  browser.context.on('request', (r) => {
    if (r.serviceWorker()) workerRequests.push(r.url());
    else pageRequests.push(r.url());
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  page.errors = errors;
  return page;
}

const promptState = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('ownframe-prompt')].map((h) => ({
      framing: h.getAttribute('data-framing'),
      pending: h.hasAttribute('data-pending'),
      status: h.getAttribute('data-status'),
      prev: h.previousElementSibling?.tagName,
      marks: [...h.shadowRoot.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  );

// what the core says about a text: the page must show exactly this
const coreClass = (body, format = 'markdown', title = '') => core.analyze({ title, body, format }).class;
const is = (want) => (f) => f === want;

async function settled(page, framing) {
  return until(async () => {
    const [p, ...rest] = await promptState(page);
    if (rest.length) throw new Error(`${rest.length + 1} prompts`);
    return p && !p.pending && (!framing || framing(p.framing)) && p;
  }, 'analysis to settle');
}

test('GitHub new issue: one prompt, next to the textarea, data-framing follows typing, caret stays', async (t) => {
  const page = await open('https://github.com/octo/repo/issues/new');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  const [p0] = await promptState(page);
  assert.equal(p0.prev, 'TEXTAREA', 'the prompt sits right after the editor, not inside it');
  const box = page.locator('textarea.md');
  await box.click();
  const heightBefore = await page.evaluate(() => document.body.scrollHeight);
  await page.keyboard.type(ORDER);
  const seen = [];
  let p = await settled(page, is(coreClass(ORDER)));
  seen.push(p.framing);
  assert.deepEqual(p.marks, expectedMarks(core.analyze({ title: '', body: ORDER }), ORDER), 'the responsible words are highlighted');
  assert.ok(p.marks.length > 0);
  assert.equal(await box.evaluate((t) => [t.selectionStart, t.selectionEnd].join()), `${ORDER.length},${ORDER.length}`, 'caret did not move');
  assert.equal(await page.evaluate(() => document.body.scrollHeight), heightBefore, 'layout did not jump');
  // rewrite the ticket by typing: clear it, then type an outcome
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  p = await settled(page, is(coreClass('')));
  seen.push(p.framing);
  assert.deepEqual(p.marks, []);
  await page.keyboard.type(OUTCOME);
  p = await settled(page, is(coreClass(OUTCOME)));
  seen.push(p.framing);
  assert.deepEqual(p.marks, expectedMarks(core.analyze({ title: '', body: OUTCOME }), OUTCOME));
  // the marks going from some to none already show the prompt follows typing; the class can only
  // show it when the core tells these texts apart (the brief's judge: task-style -> not task-style)
  if (new Set(seen).size === 1) t.diagnostic(`the core gives all three texts the class ${seen[0]}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('GitHub issue: comment box and body editor each get exactly one prompt', async () => {
  const page = await open('https://github.com/octo/repo/issues/1');
  const pairs = () =>
    page.evaluate(() => {
      const hosts = [...document.querySelectorAll('ownframe-prompt')];
      const editors = [...document.querySelectorAll('textarea')];
      return { hosts: hosts.length, editors: editors.length, paired: editors.every((t) => t.nextElementSibling?.localName === 'ownframe-prompt') };
    });
  await until(async () => (await pairs()).hosts === 1, 'prompt on the comment box');
  await page.click('.edit-body');
  await until(async () => { const p = await pairs(); return p.hosts === 2 && p.editors === 2 && p.paired; }, 'a second prompt on the body editor');
  const framings = await until(async () => {
    const list = await promptState(page);
    return list.every((p) => !p.pending) && list.map((p) => p.framing);
  }, 'both analysed');
  assert.equal(framings[0], coreClass('Implement the /history endpoint with limit and offset.', 'markdown', 'Add pagination to the history endpoint'), 'the body editor is analysed with the issue title');
  await page.click('.cancel-edit');
  await until(async () => { const p = await pairs(); return p.hosts === 1 && p.editors === 1 && p.paired; }, 'back to one prompt');
  await page.close();
});

test('a page re-render that drops the prompt gets exactly one back', async () => {
  const page = await open('https://github.com/octo/repo/issues/new');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => document.querySelector('ownframe-prompt').remove());
    await until(() => page.evaluate(() => {
      const hosts = document.querySelectorAll('ownframe-prompt');
      return hosts.length === 1 && hosts[0].previousElementSibling === document.querySelector('textarea.md');
    }), `prompt back (${i + 1})`);
  }
  await page.locator('textarea.md').click();
  await page.keyboard.type(ORDER);
  await settled(page, is(coreClass(ORDER)));
  await page.close();
});

test('textarea highlights line up with the text (UTF-16 offsets, same box and font as the textarea)', async () => {
  const page = await open('https://github.com/octo/repo/issues/new');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  await page.locator('textarea.md').click();
  await page.keyboard.insertText(ORDER_UNICODE);
  await settled(page, is(coreClass(ORDER_UNICODE)));
  const geo = await page.evaluate(() => {
    const t = document.querySelector('textarea.md');
    const m = document.querySelector('ownframe-prompt').shadowRoot.querySelector('.mirror');
    const r1 = t.getBoundingClientRect();
    const r2 = m.getBoundingClientRect();
    const ct = getComputedStyle(t);
    const cm = getComputedStyle(m);
    const marks = [...m.querySelectorAll('mark')].map((k) => {
      const r = k.getBoundingClientRect();
      return { text: k.textContent, inside: r.left >= r1.left && r.right <= r1.right && r.top >= r1.top && r.bottom <= r1.bottom };
    });
    return {
      mirrorText: m.textContent.replace(/\u200b$/, ''),
      value: t.value,
      box: [r1.left - r2.left, r1.top - r2.top, r1.width - r2.width, r1.height - r2.height].map((x) => Math.abs(x)),
      font: [ct.font, ct.lineHeight, ct.paddingLeft, ct.paddingTop, ct.letterSpacing].join('|') === [cm.font, cm.lineHeight, cm.paddingLeft, cm.paddingTop, cm.letterSpacing].join('|'),
      marks,
    };
  });
  assert.equal(geo.mirrorText, geo.value, 'the mirror holds exactly the textarea text');
  assert.ok(geo.box.every((d) => d < 1), `mirror box = textarea box (${geo.box})`);
  assert.ok(geo.font, 'mirror uses the textarea font metrics');
  const want = expectedMarks(core.analyze({ title: '', body: ORDER_UNICODE, format: 'markdown' }), ORDER_UNICODE);
  assert.ok(want.length >= 1, 'the core flags this ticket');
  assert.deepEqual(geo.marks.map((m) => m.text), want, 'highlights cover exactly the spans the core reports');
  for (const m of geo.marks) assert.ok(m.inside, 'highlight inside the textarea');
  // geometry, measured independently of the mirror: canvas text metrics in the textarea's own font
  // give where each highlighted span starts and how wide it is on its (unwrapped) line
  const ALIGN = 'Implement the /history endpoint with limit and offset. Use Redis to cache it.\n\nSupport agents wait 20 seconds for the history page to load, so they ask customers to call back.';
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(ALIGN);
  await settled(page, is(coreClass(ALIGN)));
  const misplaced = await page.evaluate(misplacedMarks, 'textarea.md');
  assert.ok(misplaced.marks > 0);
  assert.deepEqual(misplaced.out, [], 'every highlight sits exactly over its words');
  // hover the first highlight: the explanation card appears
  const rect = await page.evaluate(() => {
    const r = document.querySelector('ownframe-prompt').shadowRoot.querySelector('mark').getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(rect.x, rect.y);
  await until(() => page.evaluate(() => !document.querySelector('ownframe-prompt').shadowRoot.querySelector('.card').hidden), 'card on hover');
  await page.close();
});

test('GitHub: rewrite, then ONE undo restores the text byte for byte', async () => {
  const page = await open('https://github.com/octo/repo/issues/new');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  await page.locator('input[aria-label="Add a title"]').fill('History pagination');
  const box = page.locator('textarea.md');
  await box.click();
  const original = `${ORDER_UNICODE}\n\n- keep <b>it</b>  \n\ttabbed line\n`;
  await page.keyboard.insertText(original);
  await settled(page);
  assert.equal(await box.inputValue(), original);
  await page.locator('ownframe-prompt button.rewrite').click();
  await until(async () => (await box.inputValue()) !== original, 'rewrite');
  const rewritten = await box.inputValue();
  assert.deepEqual(missingWords(original, rewritten), [], 'the rewrite keeps every word');
  assert.equal(rewritten, core.rewrite({ title: 'History pagination', body: original, format: 'markdown', to: 'markdown' }), 'exactly the core rewrite (Markdown, with the title)');
  await box.focus();
  await page.keyboard.press('Control+z');
  assert.equal(await box.inputValue(), original, 'one undo restores the original exactly');
  await page.close();
});

test('Jira Cloud: ProseMirror prompt, highlights, rewrite through paste, ONE undo restores the document', async () => {
  const page = await open('https://acme.atlassian.net/jira/your-work');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  const editor = page.locator('.ProseMirror');
  await editor.click();
  await page.keyboard.type('Résumé 📈 履歴: ');
  await page.keyboard.type(ORDER);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second paragraph <img src=x onerror=alert(1)> stays.');
  await settled(page, is(coreClass(`Résumé 📈 履歴: ${ORDER}\n\nSecond paragraph <img src=x onerror=alert(1)> stays.`, 'text')));
  const hl = await page.evaluate(() => {
    const h = CSS.highlights.get('ownframe-finding');
    const ed = document.querySelector('.ProseMirror').getBoundingClientRect();
    return [...(h ?? [])].map((r) => {
      const b = r.getBoundingClientRect();
      return { text: r.toString(), inside: b.left >= ed.left && b.right <= ed.right && b.top >= ed.top && b.bottom <= ed.bottom };
    });
  });
  const body = `Résumé 📈 履歴: ${ORDER}\n\nSecond paragraph <img src=x onerror=alert(1)> stays.`;
  const want = expectedMarks(core.analyze({ title: '', body, format: 'text' }), body);
  assert.ok(want.length >= 1, 'the core flags this ticket');
  assert.deepEqual(hl.map((h) => h.text).sort(), [...want].sort(), 'CSS highlights cover exactly the core spans');
  for (const h of hl) assert.ok(h.inside);
  const before = await page.evaluate(() => JSON.stringify(window.__pmView.state.doc.toJSON()));
  await page.locator('ownframe-prompt button.rewrite').click();
  await until(async () => (await page.evaluate(() => JSON.stringify(window.__pmView.state.doc.toJSON()))) !== before, 'rewrite');
  const text = await editor.innerText();
  assert.deepEqual(missingWords(body, text), [], 'rewrite keeps every word, as text');
  assert.equal(await page.locator('.ProseMirror img').count(), 0, 'ticket text never becomes markup');
  await editor.focus();
  await page.keyboard.press('Control+z');
  assert.equal(await page.evaluate(() => JSON.stringify(window.__pmView.state.doc.toJSON())), before, 'one undo restores the document exactly');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Jira Cloud: the dialog closed and reopened 10 times leaves one prompt and highlights only in the live editor', async () => {
  const page = await open('https://acme.atlassian.net/jira/your-work');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  await page.locator('.ProseMirror').click();
  await page.keyboard.type(ORDER);
  await settled(page);
  for (let i = 0; i < 10; i++) {
    await page.click('#close-dialog');
    await until(() => page.evaluate(() => document.querySelectorAll('ownframe-prompt').length === 0 && (CSS.highlights.get('ownframe-finding')?.size ?? 0) === 0), `prompt and highlights gone (${i + 1})`);
    await page.click('#open-dialog');
    await until(async () => (await promptState(page)).length === 1, `one prompt after reopening (${i + 1})`);
  }
  await page.locator('.ProseMirror').click();
  await page.keyboard.type(ORDER);
  await settled(page, is(coreClass(ORDER, 'text')));
  const inLive = await page.evaluate(() => {
    const ed = document.querySelector('.ProseMirror');
    return [...(CSS.highlights.get('ownframe-finding') ?? [])].map((r) => ed.contains(r.startContainer));
  });
  assert.ok(inLive.length > 0 && inLive.every(Boolean), `highlights in the live editor: ${inLive}`);
  await page.close();
});

test('20 in-page navigations (pushState + DOM swap) leave exactly one prompt, on the live editor', async () => {
  const page = await open('https://github.com/octo/repo/issues/new');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  for (let i = 0; i < 20; i++) {
    await page.click(i % 2 ? '#nav-new' : '#nav-issue');
    await until(
      () =>
        page.evaluate(() => {
          const hosts = document.querySelectorAll('ownframe-prompt');
          const editors = document.querySelectorAll('textarea');
          return hosts.length === 1 && editors.length === 1 && hosts[0].previousElementSibling === editors[0];
        }),
      `one prompt after navigation ${i + 1}`,
    );
  }
  assert.equal(new URL(page.url()).pathname, '/octo/repo/issues/new');
  // the prompt still works after all that
  await page.locator('textarea.md').click();
  await page.keyboard.type(ORDER);
  await settled(page, is(coreClass(ORDER)));
  await page.close();
});

test('hostile ticket text never runs and never becomes markup', async () => {
  const page = await open('https://github.com/octo/repo/issues/new');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  await page.locator('textarea.md').click();
  const before = server.requests.length;
  await page.keyboard.insertText(
    `Implement <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> <svg onload="window.__pwned=3"></svg>. Use Redis.`,
  );
  await settled(page, is(coreClass(ORDER)));
  await page.locator('ownframe-prompt .badge').click(); // open the findings panel too
  const check = await page.evaluate(() => {
    const root = document.querySelector('ownframe-prompt').shadowRoot;
    return {
      pwned: window.__pwned ?? null,
      elements: root.querySelectorAll('img, script, svg').length,
      violations: window.__violations,
    };
  });
  assert.deepEqual(check, { pwned: null, elements: 0, violations: [] });
  const fetched = server.requests.slice(before).map((r) => r.path);
  assert.ok(!fetched.some((p) => p.endsWith('/x')), `no image request: ${fetched}`);
  await page.close();
});

test('the extension makes no network request (page and service worker)', async () => {
  const page = await open('https://github.com/octo/repo/issues/new');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  await page.locator('textarea.md').click();
  await page.keyboard.type(ORDER);
  await settled(page, is(coreClass(ORDER)));
  await page.close();
  const own = `chrome-extension://${browser.extensionId}/`;
  // the recording works: the worker's one fetch, its own wasm file, was seen
  assert.ok(workerRequests.some((u) => u === `${own}pkg/ownframe_bg.wasm`), `worker requests recorded: ${workerRequests}`);
  const foreign = [
    ...pageRequests.filter((u) => !u.startsWith('https://github.com/') && !u.startsWith('https://acme.atlassian.net/') && !u.startsWith(own)),
    ...workerRequests.filter((u) => !u.startsWith(own)),
  ];
  assert.deepEqual(foreign, []);
  // what reached the fixture server: only pages, their own assets and the browser's favicon probe
  const paths = [...new Set(server.requests.map((r) => r.path))];
  for (const p of paths) assert.match(p, /^\/(fixtures\/|favicon\.ico$|[^/]+\/[^/]+\/issues\/(new|\d+)$|jira\/your-work$)/);
});

test('keyboard: caret in a highlighted span shows its card, Escape hides it; "Ignore this rule" switches the rule off', async () => {
  const page = await open('https://github.com/octo/repo/issues/new');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  await page.locator('textarea.md').click();
  await page.keyboard.type(ORDER);
  const p = await settled(page, is(coreClass(ORDER)));
  const cardRule = () => page.evaluate(() => {
    const c = document.querySelector('ownframe-prompt').shadowRoot.querySelector('.card');
    return c.hidden ? null : c.getAttribute('data-rule');
  });
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const rule = await until(cardRule, 'card at the caret');
  const atCaret = core.analyze({ title: '', body: ORDER, format: 'markdown' }).findings.filter((f) => f.field === 'body' && f.span_utf16.start <= 1 && f.span_utf16.end >= 1);
  assert.ok(atCaret.some((f) => f.rule === rule), `card shows a finding at the caret (${rule})`);
  await page.keyboard.press('Escape');
  assert.equal(await cardRule(), null);
  assert.ok(p.marks.length > 0);
  // ignore the rule from the card: stored in storage.sync, the analysis re-runs without it
  await page.keyboard.press('ArrowLeft');
  await until(cardRule, 'card again');
  await page.locator('ownframe-prompt .card button.ignore').click();
  await until(
    () => page.evaluate((r) => ![...document.querySelector('ownframe-prompt').shadowRoot.querySelectorAll('mark')].some((m) => m.dataset.rule === r), rule),
    'marks of the ignored rule gone',
  );
  const sw = await browser.worker();
  const stored = await sw.evaluate(async () => (await chrome.storage.sync.get('config')).config);
  assert.deepEqual(stored.disabled_rules, [rule]);
  // switch it back on through the options page
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  if (typeof core.rules === 'function') {
    await until(async () => (await options.locator('[data-rule]').count()) >= core.rules().length, 'every rule listed');
    const listed = await options.locator('[data-rule]').evaluateAll((boxes) => boxes.map((b) => [b.dataset.rule, b.checked]));
    assert.deepEqual(Object.fromEntries(listed), Object.fromEntries(core.rules().map((r) => [r, r !== rule])), 'every rule, ticked when on');
  }
  await options.locator(`[data-rule="${rule}"]`).check();
  await options.locator('#roles').fill('analysts\nsupport agents');
  await options.locator('#areas').fill('Database schema = 3');
  await options.locator('#save').click();
  await until(() => options.evaluate(() => document.getElementById('saved').textContent === 'Saved.'), 'saved');
  const config = await sw.evaluate(async () => (await chrome.storage.sync.get('config')).config);
  assert.deepEqual(config.disabled_rules, []);
  assert.deepEqual(config.vocabulary.roles, ['analysts', 'support agents']);
  assert.deepEqual(config.decision_areas, [{ area: 'Database schema', level: 3, note: '' }]);
  await options.locator('#areas').fill('Database schema = 9');
  await options.locator('#save').click();
  await until(() => options.evaluate(() => /level from 1 to 7/.test(document.getElementById('saved').textContent)), 'bad level refused');
  await options.close();
  await settled(page, is(coreClass(ORDER)));
  await until(async () => (await promptState(page))[0].marks.length > 0, 'the rule is back');
  await sw.evaluate(() => chrome.storage.sync.clear());
  await page.close();
});

test('a textarea that cannot take the rewrite (maxlength) keeps the text exactly, and says so', async () => {
  const page = await open('https://github.com/octo/repo/issues/new');
  await until(async () => (await promptState(page)).length === 1, 'prompt');
  const box = page.locator('textarea.md');
  await box.evaluate((t) => t.setAttribute('maxlength', '120'));
  await box.click();
  await page.keyboard.insertText(ORDER);
  await settled(page);
  assert.ok(core.rewrite({ title: '', body: ORDER }).length > 120, 'the rewrite is longer than the limit');
  await page.locator('ownframe-prompt button.rewrite').click();
  const status = await until(async () => (await promptState(page))[0].status, 'a status');
  assert.match(status, /Could not rewrite/);
  assert.equal(await box.inputValue(), ORDER, 'text unchanged');
  await page.close();
});
