// The playground: live analysis with highlights, the rewrite, and the ownership editor.
// Thin DOM glue over the wasm core; ticket text reaches the DOM only through textContent.
import init, * as core from '../../pkg-board/ownframe.js';
import { SAMPLES } from './samples.js';

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
};
const has = (name) => typeof core[name] === 'function';
const NOT_AVAILABLE = (name) => `${name} is not available in this core build yet.`;

const title = $('title');
const body = $('body');
const format = $('format');
const to = $('to');
const form = $('own');

const LEVELS = [
  [1, 'Tell'], [2, 'Sell'], [3, 'Consult'], [4, 'Agree'], [5, 'Advise'], [6, 'Inquire'], [7, 'Delegate'],
];

function request() {
  return { title: title.value, body: body.value, format: format.value };
}

// ---- analysis --------------------------------------------------------------------------------

let timer = 0;
let lastMs = 0;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(update, 120);
}

function update() {
  const req = request();
  $('error').textContent = '';
  let analysis;
  const t0 = performance.now();
  try {
    analysis = core.analyze(req);
  } catch (err) {
    $('error').textContent = err.message;
    $('verdict').textContent = '';
    $('rewrite').textContent = '';
    $('findings').replaceChildren();
    mirror($('title-mirror'), req.title, []);
    mirror($('body-mirror'), req.body, []);
    return;
  }
  let rewritten = '';
  try {
    rewritten = core.rewrite({ ...req, to: to.value });
  } catch (err) {
    rewritten = `(no rewrite: ${err.message})`;
  }
  lastMs = performance.now() - t0;
  render(req, analysis, rewritten);
  $('status').textContent = `Analysed and rewritten in ${lastMs.toFixed(1)} ms by core ${core.version()}.`;
  document.body.dataset.analysed = String(Number(document.body.dataset.analysed || 0) + 1);
}

function render(req, a, rewritten) {
  $('verdict').replaceChildren(
    'Reads as ', el('span', { class: `class class-${a.class}`, text: a.class }),
    `: outcome ${a.states_outcome ? 'stated' : 'not stated'}, solution ${a.prescribes_solution ? 'prescribed' : 'left to the owner'}; ${a.word_count} words of prose.`,
  );
  const titleFindings = a.findings.filter((f) => f.field === 'title');
  const bodyFindings = a.findings.filter((f) => f.field === 'body');
  mirror($('title-mirror'), req.title, titleFindings);
  mirror($('body-mirror'), a.body_text ?? req.body, bodyFindings);

  const s = a.scores;
  const scoreRows = [
    ['Who', s.outcome.who], ['Problem', s.outcome.problem], ['Why', s.outcome.why], ['Evidence', s.outcome.evidence],
    ['Success measure', s.outcome.success_measure], ['Openness', s.openness], ['Authority', s.authority],
    ['Support', s.support], ['Invitation', s.invitation],
  ];
  $('scores').tBodies[0].replaceChildren(...scoreRows.map(([name, v]) => el('tr', {},
    el('th', { scope: 'row', text: name }),
    el('td', {}, el('meter', { min: '0', max: '1', value: String(v), 'aria-label': name })),
    el('td', { text: v.toFixed(2) }))));

  const list = $('findings');
  list.replaceChildren(...a.findings.map((f) => {
    const src = f.field === 'title' ? req.title : (a.body_text ?? req.body);
    return el('li', { 'data-rule': f.rule },
      el('strong', { text: f.message }), ' ', el('q', { text: src.slice(f.span_utf16.start, f.span_utf16.end) }),
      el('br'), el('span', { class: 'muted', text: `${f.suggestion} (${f.rule}, ${f.field})` }));
  }));
  if (!a.findings.length) list.append(el('li', { class: 'muted', text: 'No findings.' }));
  $('rewrite').textContent = rewritten;
}

// Splits text at the findings' UTF-16 spans; overlapping spans merge into one mark.
function mirror(target, text, findings) {
  const spans = findings
    .map((f) => ({ start: f.span_utf16.start, end: f.span_utf16.end, f }))
    .filter((s) => s.end > s.start && s.start >= 0 && s.end <= text.length)
    .sort((x, y) => x.start - y.start || y.end - x.end);
  const parts = [];
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue;
    const start = Math.max(s.start, at);
    if (start > at) parts.push(text.slice(at, start));
    parts.push(el('mark', { class: s.f.severity === 'info' ? 'info' : null, title: s.f.message, 'data-rule': s.f.rule, text: text.slice(start, s.end) }));
    at = s.end;
  }
  parts.push(text.slice(at));
  target.replaceChildren(...parts);
}

// ---- ownership editor -------------------------------------------------------------------------

function decisionEntry(d = { area: '', level: 7, note: '' }) {
  const level = el('select', { name: 'level' }, ...LEVELS.map(([n, w]) => el('option', { value: String(n), text: `${n} ${w}` })));
  level.value = String(d.level || 7);
  const remove = el('button', { type: 'button', text: 'Remove' });
  const row = el('div', { class: 'entry decision' },
    el('label', {}, 'Area', el('input', { name: 'area', value: d.area ?? '' })),
    el('label', {}, 'Level', level),
    el('label', {}, 'Note', el('input', { name: 'note', value: d.note ?? '' })),
    remove);
  remove.addEventListener('click', () => row.remove());
  $('decisions').append(row);
}

function handoffEntry(h = { from: '', to: '', date: '', knowledge: false, decision_context: false, stakeholders: false }) {
  const box = (name, label) => el('label', {}, label, el('input', { type: 'checkbox', name, checked: h[name] ? true : null }));
  const remove = el('button', { type: 'button', text: 'Remove' });
  const row = el('div', { class: 'entry handoff' },
    el('label', {}, 'From', el('input', { name: 'from', value: h.from ?? '' })),
    el('label', {}, 'To', el('input', { name: 'to', value: h.to ?? '' })),
    el('label', {}, 'Date', el('input', { name: 'date', type: 'date', value: h.date ?? '' })),
    box('knowledge', 'Knowledge shared'), box('decision_context', 'Decision context shared'), box('stakeholders', 'Stakeholders introduced'),
    remove);
  remove.addEventListener('click', () => row.remove());
  $('handoffs').append(row);
}

// Parts of a record the form has no fields for (an experiment, rows a teammate added by hand):
// kept from the last record read or prefilled, so writing the form back never drops them.
let carried = {};

const lines = (v) => v.split('\n').map((s) => s.trim()).filter(Boolean);

function recordFromForm() {
  const f = form.elements;
  return {
    owner: f.owner.value.trim(),
    outcome: f.outcome.value.trim(),
    success_measures: lines(f.success_measures.value),
    decisions: [...$('decisions').querySelectorAll('.decision')].map((r) => ({
      area: r.querySelector('[name=area]').value.trim(),
      level: Number(r.querySelector('[name=level]').value),
      note: r.querySelector('[name=note]').value.trim(),
    })).filter((d) => d.area),
    support: lines(f.support.value),
    check_in: f.check_in.value.trim(),
    experiment: carried.experiment ?? null,
    ...(carried.other_rows?.length ? { other_rows: carried.other_rows } : {}),
    handoffs: [...$('handoffs').querySelectorAll('.handoff')].map((r) => ({
      from: r.querySelector('[name=from]').value.trim(),
      to: r.querySelector('[name=to]').value.trim(),
      date: r.querySelector('[name=date]').value,
      knowledge: r.querySelector('[name=knowledge]').checked,
      decision_context: r.querySelector('[name=decision_context]').checked,
      stakeholders: r.querySelector('[name=stakeholders]').checked,
    })).filter((h) => h.from || h.to),
  };
}

function formFromRecord(r) {
  carried = { experiment: r.experiment ?? null, other_rows: r.other_rows ?? [] };
  const f = form.elements;
  f.owner.value = r.owner ?? '';
  f.outcome.value = r.outcome ?? '';
  f.success_measures.value = (r.success_measures ?? []).join('\n');
  f.support.value = (r.support ?? []).join('\n');
  f.check_in.value = r.check_in ?? '';
  $('decisions').replaceChildren();
  for (const d of r.decisions ?? []) decisionEntry(d);
  $('handoffs').replaceChildren();
  for (const h of r.handoffs ?? []) handoffEntry(h);
}

function ownStatus(text, isError = false) {
  const s = $('own-status');
  s.textContent = text;
  s.className = isError ? 'alert' : 'muted';
}

const warningText = (w) => (typeof w === 'string' ? w : w?.message ?? JSON.stringify(w));

function readBlock() {
  if (!has('ownership_read')) return ownStatus(NOT_AVAILABLE('ownership_read'), true);
  try {
    const { record, warnings } = core.ownership_read({ body: body.value, format: format.value });
    if (record) formFromRecord(record);
    const ws = (warnings ?? []).map(warningText);
    ownStatus(record ? `Read the ownership block${ws.length ? `; ${ws.join('; ')}` : '.'}` : `No ownership block in the body${ws.length ? `: ${ws.join('; ')}` : '.'}`, ws.length > 0);
    nudges();
  } catch (err) {
    ownStatus(`Could not read the block: ${err.message}`, true);
  }
}

function writeBlock() {
  if (!has('ownership_write')) return ownStatus(NOT_AVAILABLE('ownership_write'), true);
  try {
    body.value = core.ownership_write({ body: body.value, record: recordFromForm(), format: format.value });
    ownStatus('Wrote the ownership block into the body.');
    update();
    nudges();
  } catch (err) {
    ownStatus(`Could not write the block: ${err.message}`, true);
  }
}

function prefill() {
  if (!has('ownership_prefill')) return ownStatus(NOT_AVAILABLE('ownership_prefill'), true);
  try {
    const record = core.ownership_prefill({ ...request(), assignee: form.elements.assignee.value.trim() || undefined });
    formFromRecord(record);
    ownStatus('Prefilled from the ticket: check every field before writing it.');
    nudges();
  } catch (err) {
    ownStatus(`Could not prefill: ${err.message}`, true);
  }
}

function nudges() {
  const list = $('nudges');
  if (!has('ownership_nudges')) {
    list.replaceChildren(el('li', { class: 'muted', text: NOT_AVAILABLE('ownership_nudges') }));
    return;
  }
  try {
    const today = new Date().toISOString().slice(0, 10);
    const assignee = form.elements.assignee.value.trim() || undefined;
    const out = core.ownership_nudges({ record: recordFromForm(), assignee, today });
    const items = Array.isArray(out) ? out : out?.nudges ?? [];
    list.replaceChildren(...items.map((n) => el('li', { text: typeof n === 'string' ? n : n.message ?? JSON.stringify(n) })));
    if (!items.length) list.append(el('li', { class: 'muted', text: 'No nudges: the record looks complete.' }));
  } catch (err) {
    list.replaceChildren(el('li', { class: 'alert', text: `Could not compute nudges: ${err.message}` }));
  }
}

// ---- wiring ----------------------------------------------------------------------------------

function loadSample(i) {
  const s = SAMPLES[i];
  if (!s) return;
  title.value = s.title;
  body.value = s.body;
  format.value = s.format;
  update();
}

async function main() {
  $('status').textContent = 'Loading the core…';
  try {
    await init();
  } catch (err) {
    $('error').textContent = `Could not load the wasm core: ${err.message}`;
    return;
  }
  SAMPLES.forEach((s, i) => $('sample').append(el('option', { value: String(i), text: s.name })));
  $('sample').addEventListener('change', (e) => loadSample(Number(e.target.value)));
  for (const input of [title, body]) input.addEventListener('input', schedule);
  for (const sel of [format, to]) sel.addEventListener('change', update);
  $('add-decision').addEventListener('click', () => decisionEntry());
  $('add-handoff').addEventListener('click', () => handoffEntry());
  $('write').addEventListener('click', writeBlock);
  $('read').addEventListener('click', readBlock);
  $('prefill').addEventListener('click', prefill);
  form.addEventListener('change', nudges);
  const missing = ['ownership_read', 'ownership_write', 'ownership_prefill', 'ownership_nudges'].filter((n) => !has(n));
  if (missing.length) ownStatus(`Not available in this core build yet: ${missing.join(', ')}.`, true);
  nudges();
  loadSample(0);
  $('sample').value = '0';
  document.body.dataset.ready = 'true';
}

main();
