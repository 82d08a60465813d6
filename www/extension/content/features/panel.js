// The ownership panel: one <ownframe-panel> in the issue's sidebar (GitHub) or right-hand details
// panel (Jira) showing who owns the outcome, what success looks like, who decides what (Delegation
// Poker levels in plain words), the support promised, the check-in, the hand-offs, and what needs
// attention (nudges). The record lives in the description (the ownership block); reading it,
// writing it and the nudges are the Rust core's (background messages ownership-*), this file is
// DOM glue. Edit mode writes the block through the description editor's own input path, or copies
// it when the description is not open for editing. Ticket text only reaches the DOM as text.
//
// Host attributes (for tests and page scripts): data-owner (the record's owner handle, '' when
// none), data-authority-areas (number of decision areas), data-state (view|edit), data-source
// (editor|source|rendered|none), data-theme (light|dark), data-pending while reading.
import { firstMatch } from '../sites/util.js';
import { PANEL_CSS } from './panel-css.js';
import { copyText, readAssignee, readDescription, watchEditor, writeProseMirror, writeTextarea } from './panel-source.js';

export const name = 'panel';

// Delegation Poker levels in plain words: the words the core writes into the block
// (src/config.rs level_in_words), repeated here only to label the form's select.
export const LEVELS = [
  [1, 'the lead decides and tells you (Tell)'],
  [2, 'the lead decides and explains why (Sell)'],
  [3, 'consult first: the lead decides after hearing you (Consult)'],
  [4, 'needs agreement: decide together (Agree)'],
  [5, "needs approval: you decide after the lead's advice (Advise)"],
  [6, 'decide and inform: you decide, then tell the lead (Inquire)'],
  [7, 'decide alone (Delegate)'],
];
const levelWords = (n) => LEVELS.find(([l]) => l === n)?.[1] ?? `level ${n}`;

const pad = (n) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
/** The owner's handle: '@alice' -> 'alice', '[~alice]' -> 'alice'. */
export const handleOf = (owner) => (owner ?? '').trim().replace(/^\[~(.*)\]$/, '$1').replace(/^@/, '').trim();

function h(doc, tag, props = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'value') e.value = v;
    else if (k === 'checked') e.checked = !!v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter((c) => c != null));
  return e;
}

function adoptStyles(shadow, doc) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // Firefox content scripts cannot always adopt a sheet built in their own compartment
  }
  shadow.append(h(doc, 'style', { text: PANEL_CSS }));
}

function themeOf(doc) {
  const mode = doc.documentElement.getAttribute('data-color-mode'); // GitHub: light|dark|auto; Atlassian: light|dark
  if (mode === 'dark' || mode === 'light') return mode;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const clone = (x) => JSON.parse(JSON.stringify(x));
const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);

class Panel {
  constructor(ctx, cfg) {
    this.ctx = ctx;
    this.cfg = cfg;
    this.doc = document;
    this.seq = 0;
    this.key = null;
    this.desc = { text: null, origin: 'none' };
    this.assignee = '';
    this.reading = null;
    this.nudges = [];
    this.ids = 0;
    this.host = this.doc.createElement('ownframe-panel');
    this.host.setAttribute('data-owner', '');
    this.host.setAttribute('data-authority-areas', '0');
    this.host.setAttribute('data-state', 'view');
    this.shadow = this.host.attachShadow({ mode: 'open' });
    adoptStyles(this.shadow, this.doc);
    this.title = h(this.doc, 'h2', { id: this.id('title') }, h(this.doc, 'span', { text: 'Ownership' }));
    this.editButton = h(this.doc, 'button', { type: 'button', class: 'edit', onclick: () => this.openForm() }, 'Edit');
    this.editButton.setAttribute('aria-label', 'Edit ownership');
    this.title.append(this.editButton);
    this.body = h(this.doc, 'div', { class: 'body' });
    this.status = h(this.doc, 'p', { class: 'status', role: 'status' });
    this.section = h(this.doc, 'section', { 'aria-labelledby': this.title.id }, this.title, this.body, this.status);
    this.shadow.append(this.section);
    this.shadow.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.form) {
        e.stopPropagation();
        this.closeForm();
      }
    });
    this.applyTheme();
    this.renderView();
  }

  id(what) {
    return `of-${what}-${++this.ids}`;
  }

  applyTheme() {
    this.host.setAttribute('data-theme', themeOf(this.doc));
  }

  mount(sidebar) {
    const after = firstMatch(sidebar, this.cfg.after ?? []);
    if (after && sidebar.contains(after)) after.after(this.host);
    else sidebar.prepend(this.host);
    // a new issue view: read everything again, and drop a form left open on the previous one
    this.key = null;
    if (this.form) this.closeForm(false);
  }

  destroy() {
    this.seq++;
    this.host.remove();
  }

  // ---- reading ----
  check() {
    if (!this.host.isConnected) return;
    const desc = readDescription(this.doc, this.cfg);
    const assignee = readAssignee(this.doc, this.cfg);
    if (desc.editor?.kind === 'prosemirror') watchEditor(desc.editor.el);
    this.desc = desc;
    this.assignee = assignee;
    this.host.setAttribute('data-source', desc.origin);
    const key = JSON.stringify([desc.text, desc.origin, assignee]);
    if (key === this.key) return;
    this.key = key;
    this.load(desc, assignee);
  }

  checkSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), 150);
  }

  async load(desc, assignee) {
    const seq = ++this.seq;
    this.host.setAttribute('data-pending', '');
    try {
      let reading = null;
      let nudges = [];
      if (desc.text != null) {
        reading = await this.ctx.send({ type: 'ownership-read', body: desc.text, format: this.cfg.format });
        const ask = { type: 'ownership-nudges', today: today() };
        if (reading.record) ask.record = reading.record;
        if (assignee) ask.assignee = assignee;
        nudges = await this.ctx.send(ask);
      }
      if (seq !== this.seq) return;
      this.reading = reading;
      this.nudges = nudges;
      const record = reading?.record;
      this.host.setAttribute('data-owner', handleOf(record?.owner));
      this.host.setAttribute('data-authority-areas', String(record?.decisions?.length ?? 0));
      this.host.setAttribute('data-nudges', nudges.map((n) => n.id).join(' '));
      if (!this.form) this.renderView();
    } catch (e) {
      if (seq === this.seq) this.say(`Could not read the ownership record: ${e.message}`);
    } finally {
      if (seq === this.seq) this.host.removeAttribute('data-pending');
    }
  }

  say(text) {
    this.status.textContent = text;
    this.host.setAttribute('data-status', text);
  }

  // ---- view mode ----
  renderView() {
    const d = this.doc;
    const r = this.reading?.record;
    const out = [];
    if (this.desc.text == null) {
      out.push(h(d, 'p', { class: 'muted', text: this.desc.origin === 'none'
        ? 'No description found on this page.'
        : 'No ownership block found in the description as shown here. Open the description\u2019s editor to read or add one.' }));
    } else if (!r) {
      out.push(h(d, 'p', { class: 'muted', text: 'No ownership recorded in the description yet.' }));
    } else {
      const dl = h(d, 'dl');
      const row = (label, value) => value && dl.append(h(d, 'dt', { text: label }), h(d, 'dd', {}, value));
      row('Owner', r.owner?.trim() ? r.owner : h(d, 'span', { class: 'muted', text: 'nobody named' }));
      row('Outcome', r.outcome?.trim() ? r.outcome : h(d, 'span', { class: 'muted', text: 'not stated' }));
      if (r.success_measures?.length) {
        row('Success looks like', h(d, 'ul', { class: 'plain' }, ...r.success_measures.map((m) => h(d, 'li', { text: m }))));
      }
      if (r.support?.length) row('Support promised', h(d, 'ul', { class: 'plain' }, ...r.support.map((s) => h(d, 'li', { text: s }))));
      if (r.check_in?.trim()) row('Check-in', r.check_in);
      if (r.experiment) {
        const e = r.experiment;
        row('Experiment', [e.scope, e.stakes && `at stake: ${e.stakes}`, e.review_date && `review ${e.review_date}`].filter(Boolean).join('; '));
      }
      for (const o of r.other_rows ?? []) row(o.field, o.value);
      out.push(dl);
      const alone = r.decisions.filter((x) => x.level >= 6);
      const ask = r.decisions.filter((x) => x.level < 6);
      const item = (x) => h(d, 'li', { 'data-level': String(x.level) },
        h(d, 'span', { class: 'area', text: x.area || 'unnamed area' }),
        h(d, 'span', { class: 'level', text: ` \u2014 ${levelWords(x.level)}` }),
        x.note ? h(d, 'span', { class: 'note', text: ` (${x.note})` }) : null);
      if (alone.length) out.push(h(d, 'h3', { text: 'Decides alone' }), h(d, 'ul', { class: 'decisions' }, ...alone.map(item)));
      if (ask.length) out.push(h(d, 'h3', { text: 'Needs a word first' }), h(d, 'ul', { class: 'decisions' }, ...ask.map(item)));
      if (r.handoffs?.length) {
        const yn = (b) => (b ? 'yes' : 'no');
        out.push(h(d, 'h3', { text: 'Hand-offs' }), h(d, 'ul', { class: 'handoffs' }, ...r.handoffs.map((x) => h(d, 'li', {
          text: `${x.from || '?'} \u2192 ${x.to || '?'}${x.date ? `, ${x.date}` : ''}: knowledge shared ${yn(x.knowledge)}, decision context shared ${yn(x.decision_context)}, stakeholders introduced ${yn(x.stakeholders)}`,
        }))));
      }
    }
    if (this.nudges.length) {
      out.push(h(d, 'h3', { text: 'Needs attention' }),
        h(d, 'ul', { class: 'nudges' }, ...this.nudges.map((n) => h(d, 'li', { 'data-nudge': n.id, text: n.message }))));
    }
    const warnings = this.reading?.warnings ?? [];
    if (warnings.length) {
      out.push(h(d, 'h3', { text: 'Could not read all of the block' }),
        h(d, 'ul', { class: 'warnings' }, ...warnings.map((w) => h(d, 'li', { 'data-warning': w.kind, text: w.line ? `Line ${w.line}: ${w.message}` : w.message }))));
    }
    this.body.replaceChildren(...out);
    this.editButton.hidden = false;
    this.host.setAttribute('data-state', 'view');
  }

  // ---- edit mode ----
  async openForm() {
    this.say('');
    this.check(); // the editor may have opened since the last scan
    let record = this.reading?.record ? clone(this.reading.record) : null;
    if (!record) {
      try {
        record = await this.ctx.send({
          type: 'ownership-prefill',
          title: firstMatch(this.doc, this.cfg.title ?? [])?.textContent?.trim() ?? '',
          body: this.desc.text ?? '',
          format: this.cfg.format,
          ...(this.assignee ? { assignee: this.assignee } : {}),
        });
      } catch (e) {
        record = { owner: this.assignee, outcome: '', decisions: [] };
        this.say(`Could not prefill from the description: ${e.message}`);
      }
    }
    this.buildForm(record);
  }

  buildForm(record) {
    const d = this.doc;
    const field = (label, control, hint) => {
      control.id = this.id('f');
      const parts = [h(d, 'label', { for: control.id, text: label }), control];
      if (hint) {
        const hid = this.id('hint');
        parts.push(h(d, 'p', { class: 'hint', id: hid, text: hint }));
        control.setAttribute('aria-describedby', hid);
      }
      return parts;
    };
    const text = (name, value, props = {}) => h(d, 'input', { type: 'text', name, value: value ?? '', autocomplete: 'off', ...props });
    const area = (name, value) => h(d, 'textarea', { name, value: value ?? '' });

    const owner = text('owner', record.owner);
    const outcome = area('outcome', record.outcome);
    const measures = area('success', (record.success_measures ?? []).join('\n'));
    const support = area('support', (record.support ?? []).join('\n'));
    const checkIn = text('check_in', record.check_in, { placeholder: 'weekly, or 2026-12-01' });

    // decision areas
    const decisions = h(d, 'div', { class: 'rows' });
    const addDecision = (x = { area: '', level: 5, note: '' }) => {
      const name = text('area', x.area);
      const level = h(d, 'select', { name: 'level' }, ...LEVELS.map(([n, words]) => h(d, 'option', { value: String(n), text: `${n}: ${words}` })));
      level.value = String(x.level || 5);
      const note = text('note', x.note);
      // the sidebar is narrow: the chosen level's full words also show under the select
      const words = () => LEVELS.find(([n]) => String(n) === level.value)?.[1] ?? '';
      const row = h(d, 'div', { class: 'row decision' }, ...field('Decision area', name), ...field('Who decides', level, words()), ...field('Note', note));
      const levelHint = row.querySelector(`#${level.getAttribute('aria-describedby')}`);
      level.addEventListener('change', () => (levelHint.textContent = words()));
      const label = () => name.value.trim() || 'this decision area';
      // each row is a group named after its area, so the repeated field labels have context
      row.setAttribute('role', 'group');
      row.setAttribute('aria-label', `Decision area: ${name.value.trim() || 'new'}`);
      name.addEventListener('input', () => row.setAttribute('aria-label', `Decision area: ${name.value.trim() || 'new'}`));
      const remove = h(d, 'button', { type: 'button', class: 'link', onclick: () => {
        row.remove();
        addDecisionButton.focus();
      } }, 'Remove');
      remove.setAttribute('aria-label', `Remove ${label()}`);
      name.addEventListener('input', () => remove.setAttribute('aria-label', `Remove ${label()}`));
      row.append(h(d, 'div', { class: 'actions' }, remove));
      decisions.append(row);
      return name;
    };
    for (const x of record.decisions ?? []) addDecision(x);
    const addDecisionButton = h(d, 'button', { type: 'button', onclick: () => addDecision().focus() }, 'Add decision area');

    // hand-offs
    const handoffs = h(d, 'div', { class: 'rows' });
    const addHandoff = (x = { from: '', to: '', date: '', knowledge: false, decision_context: false, stakeholders: false }) => {
      const from = text('from', x.from);
      const to = text('to', x.to);
      const date = text('date', x.date, { placeholder: 'YYYY-MM-DD' });
      const check = (nameAttr, label, on) => h(d, 'label', {}, h(d, 'input', { type: 'checkbox', name: nameAttr, checked: on }), label);
      const row = h(d, 'div', { class: 'row handoff' }, ...field('From', from), ...field('To', to), ...field('Date', date),
        h(d, 'div', { class: 'checks', role: 'group', 'aria-label': 'What was handed over' },
          check('knowledge', 'Knowledge shared', x.knowledge),
          check('decision_context', 'Decision context shared', x.decision_context),
          check('stakeholders', 'Stakeholders introduced', x.stakeholders)));
      row.setAttribute('role', 'group');
      row.setAttribute('aria-label', `Hand-off ${handoffs.children.length + 1}`);
      row.append(h(d, 'div', { class: 'actions' }, h(d, 'button', { type: 'button', class: 'link', 'aria-label': 'Remove this hand-off', onclick: () => {
        row.remove();
        addHandoffButton.focus();
      } }, 'Remove')));
      handoffs.append(row);
      return from;
    };
    for (const x of record.handoffs ?? []) addHandoff(x);
    const addHandoffButton = h(d, 'button', { type: 'button', onclick: () => {
      // the usual case: the recorded owner hands over to the current assignee
      const current = this.reading?.record?.owner ?? '';
      addHandoff({ from: current, to: current && this.assignee ? this.assignee : '', date: today() }).focus();
    } }, 'Add hand-off');

    const exp = record.experiment ?? { scope: '', stakes: '', review_date: '' };
    const expScope = text('scope', exp.scope);
    const expStakes = text('stakes', exp.stakes);
    const expReview = text('review_date', exp.review_date, { placeholder: 'YYYY-MM-DD' });

    const editable = this.desc.editor;
    const saveLabel = editable ? 'Write into the description' : 'Copy the block';
    const formTitle = this.id('form');
    const form = h(d, 'form', { 'aria-labelledby': formTitle, novalidate: true },
      h(d, 'h3', { id: formTitle, text: 'Edit ownership' }),
      ...field('Owner', owner, 'Who owns the outcome.'),
      ...field('Outcome', outcome, 'Who needs what, and why.'),
      ...field('What success looks like', measures, 'One measure per line.'),
      h(d, 'fieldset', {}, h(d, 'legend', { text: 'Who decides what' }), decisions, h(d, 'div', { class: 'actions' }, addDecisionButton)),
      ...field('Support promised', support, 'One per line.'),
      ...field('Check-in', checkIn),
      h(d, 'fieldset', {}, h(d, 'legend', { text: 'Experiment (optional)' }),
        ...field('What is tried', expScope), ...field('What is at stake', expStakes), ...field('Review date', expReview)),
      h(d, 'fieldset', {}, h(d, 'legend', { text: 'Hand-offs' }), handoffs, h(d, 'div', { class: 'actions' }, addHandoffButton)),
      h(d, 'p', { class: 'hint', text: editable
        ? 'Writes the block into the description\u2019s editor; review it and save the description there. One undo there takes it back.'
        : 'The description is not open for editing here: the block is copied to the clipboard for you to paste into it.' }),
      h(d, 'div', { class: 'actions' },
        h(d, 'button', { type: 'submit', class: 'primary save' }, saveLabel),
        h(d, 'button', { type: 'button', class: 'cancel', onclick: () => this.closeForm() }, 'Cancel')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.save();
    });

    this.collect = () => {
      const rec = {
        owner: owner.value.trim(),
        outcome: outcome.value.trim(),
        success_measures: lines(measures.value),
        decisions: [...decisions.querySelectorAll('.decision')].map((row) => ({
          area: row.querySelector('[name=area]').value.trim(),
          level: Number(row.querySelector('[name=level]').value),
          note: row.querySelector('[name=note]').value.trim(),
        })).filter((x) => x.area || x.note),
        support: lines(support.value),
        check_in: checkIn.value.trim(),
        experiment: null,
        handoffs: [...handoffs.querySelectorAll('.handoff')].map((row) => ({
          from: row.querySelector('[name=from]').value.trim(),
          to: row.querySelector('[name=to]').value.trim(),
          date: row.querySelector('[name=date]').value.trim(),
          knowledge: row.querySelector('[name=knowledge]').checked,
          decision_context: row.querySelector('[name=decision_context]').checked,
          stakeholders: row.querySelector('[name=stakeholders]').checked,
        })).filter((x) => x.from || x.to || x.date),
      };
      const e = { scope: expScope.value.trim(), stakes: expStakes.value.trim(), review_date: expReview.value.trim() };
      if (e.scope || e.stakes || e.review_date) rec.experiment = e;
      else delete rec.experiment;
      if (record.other_rows?.length) rec.other_rows = record.other_rows; // hand-written rows are kept
      return rec;
    };

    this.form = form;
    this.body.replaceChildren(form);
    this.editButton.hidden = true;
    this.host.setAttribute('data-state', 'edit');
    owner.focus();
  }

  closeForm(focus = true) {
    this.form = null;
    this.collect = null;
    this.renderView();
    if (focus) this.editButton.focus();
  }

  async save() {
    const record = this.collect();
    const saveButton = this.form.querySelector('.save');
    saveButton.disabled = true;
    try {
      const desc = readDescription(this.doc, this.cfg); // what the page holds right now
      const format = this.cfg.format;
      if (desc.editor?.kind === 'textarea') {
        const after = await this.ctx.send({ type: 'ownership-write', body: desc.text, record, format });
        await writeTextarea(desc.editor.el, desc.text, after);
        this.closeForm(false);
        this.say('Written into the description: review it and save the description. Undo (Ctrl+Z) there takes it back.');
      } else if (desc.editor?.kind === 'prosemirror') {
        // the core checks the whole description first (it refuses ambiguous markers), then the
        // block alone is pasted over the old one so the rest of the rich text is untouched
        await this.ctx.send({ type: 'ownership-write', body: desc.text, record, format });
        const block = await this.ctx.send({ type: 'ownership-write', body: '', record, format });
        await writeProseMirror(desc.editor.el, block);
        this.closeForm(false);
        this.say('Written into the description: review it and save the description. Undo (Ctrl+Z) there takes it back.');
      } else {
        const block = await this.ctx.send({ type: 'ownership-write', body: '', record, format });
        const copied = await copyText(block);
        this.closeForm(false);
        if (copied) {
          this.say('The description is not open for editing here. The ownership block was copied: edit the description and paste it in place of the old block, or at the end.');
        } else {
          this.say('The description is not open for editing here and the clipboard refused. Copy the block below (it is selected) and paste it into the description.');
          const area = h(this.doc, 'textarea', { class: 'copy', readonly: true, value: block, 'aria-label': 'The ownership block to copy' });
          this.body.append(area);
          area.focus();
          area.select();
        }
      }
      this.check();
    } catch (e) {
      saveButton.disabled = false;
      this.say(`Not saved: ${e.message}`);
    }
  }
}

/** Feature entry point: the content script calls update() after every scan of the page. */
export function init(ctx) {
  const cfg = ctx.site?.panel;
  if (!cfg) return { update() {}, teardown() {} };
  let panel = null;
  const onInput = () => panel?.checkSoon();
  document.addEventListener('input', onInput, true);
  const onTheme = () => panel?.applyTheme();
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener?.('change', onTheme);
  const themeObserver = new MutationObserver(onTheme);
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-color-mode', 'data-theme'] });
  return {
    update() {
      const sidebar = firstMatch(document, cfg.sidebar);
      // exactly one panel: drop any other host (one left by a reloaded extension)
      for (const other of document.querySelectorAll('ownframe-panel')) if (other !== panel?.host) other.remove();
      if (!sidebar) {
        panel?.destroy();
        panel = null;
        return;
      }
      panel ??= new Panel(ctx, cfg);
      if (!panel.host.isConnected || !sidebar.contains(panel.host)) panel.mount(sidebar);
      panel.check();
    },
    teardown() {
      document.removeEventListener('input', onInput, true);
      media.removeEventListener?.('change', onTheme);
      themeObserver.disconnect();
      panel?.destroy();
      panel = null;
    },
    count: () => document.querySelectorAll('ownframe-panel').length,
  };
}
