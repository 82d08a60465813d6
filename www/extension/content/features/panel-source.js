// Where the ownership panel reads the description from and how it writes the block back.
//
// Reading, in order of preference (selectors in the site adapter's `panel` entry):
//   1. the description's editor, when it is open (textarea value, or a ProseMirror editor's DOM);
//   2. a raw source the page keeps (GitHub: the issue body's edit-form textarea, hidden until
//      "Edit" is clicked; its value is the Markdown exactly as stored);
//   3. the rendered description, read back as Jira wiki markup (Jira shows the block's markers as
//      visible text, so a rendered table reads back). GitHub's renderer drops HTML comments, so
//      its rendered body can't give the block back: the panel says so instead of guessing.
// Writing goes through the editor's own input path (textarea: execCommand insertText on the
// smallest changed range; ProseMirror: one paste), so the page's framework sees a normal edit
// and one undo restores the description. Ticket text only reaches the DOM as text.
import { firstMatch } from '../sites/util.js';

function visible(el) {
  if (!el || !el.isConnected) return false;
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
}

function firstVisible(doc, list) {
  for (const sel of list ?? []) {
    let found = [];
    try {
      found = doc.querySelectorAll(sel.css);
    } catch {
      continue;
    }
    for (const el of found) if (visible(el)) return el;
  }
  return null;
}

// Text a reader hears: avatars' initials and other aria-hidden parts left out.
function shownText(node) {
  let out = '';
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === Node.TEXT_NODE) out += c.data;
    else if (c.nodeType === Node.ELEMENT_NODE && c.getAttribute('aria-hidden') !== 'true' && !c.hidden) out += ` ${shownText(c)} `;
  }
  return out;
}

/** The assignee's handle or name, as the tracker shows it ('' when unassigned). */
export function readAssignee(doc, cfg) {
  const el = firstMatch(doc, cfg.assignee ?? []);
  if (!el) return '';
  // GitHub user links and Jira DC user hovers carry the login; fall back to the visible name
  const rel = el.getAttribute('rel');
  if (rel && el.classList.contains('user-hover')) return rel;
  if (el.matches('a[data-hovercard-type="user"]')) {
    const login = (el.getAttribute('href') ?? '').split('/').filter(Boolean).pop();
    return (el.textContent.trim() || login || '').replace(/^@/, '');
  }
  const text = shownText(el).replace(/\s+/g, ' ').trim();
  return /^(unassigned|none|no one)$/i.test(text) ? '' : text;
}

/**
 * What the panel reads: {text, origin: 'editor'|'source'|'rendered'|'none', editor?: {kind, el}}.
 * `text` is null when the description can't be read in a form the block survives.
 */
export function readDescription(doc, cfg) {
  const ed = firstVisible(doc, cfg.editor);
  if (ed) {
    if (ed.localName === 'textarea') return { text: ed.value, origin: 'editor', editor: { kind: 'textarea', el: ed } };
    return { text: wikiFromDom(ed), origin: 'editor', editor: { kind: 'prosemirror', el: ed } };
  }
  const src = firstMatch(doc, cfg.source ?? []);
  if (src && typeof src.value === 'string') return { text: src.value, origin: 'source' };
  const shown = firstMatch(doc, cfg.rendered ?? []);
  if (shown && cfg.format === 'jira') return { text: wikiFromDom(shown), origin: 'rendered' };
  if (shown && cfg.format === 'markdown') {
    const text = markdownFromRendered(shown);
    if (text != null) return { text, origin: 'rendered' };
  }
  return { text: null, origin: shown ? 'rendered' : 'none' };
}

// ---- rendered GitHub Markdown -> the block ----
// GitHub's renderer drops the block's HTML-comment markers but keeps its heading and tables. When
// the rendered body has an "Ownership" heading followed by a table whose first header is "Field"
// (what the core writes), the block is rebuilt around them so the core can read it; otherwise
// null (nothing that looks like the block, no guessing). Cells are encoded back as the core writes
// them. Read-only: writing always goes through the real Markdown.
const mdCell = (td) =>
  inline(td, { emphasis: false }).trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, '<br>').replace(/^([-:])/, '\\$1');

export function markdownFromRendered(root) {
  const kids = [...root.children];
  const at = kids.findIndex((k, i) => /^H[1-6]$/.test(k.tagName) && squash(k.textContent) === 'ownership'
    && kids[i + 1]?.matches('table, .table-wrap, markdown-accessiblity-table, markdown-accessibility-table')
    && squash(kids[i + 1].querySelector('th')?.textContent ?? '') === 'field');
  if (at < 0) return null;
  let end = at + 1;
  while (kids[end]?.querySelector('table') || kids[end]?.tagName === 'TABLE') end++;
  const lines = ['<!-- ownframe:ownership v1 -->', '### Ownership'];
  for (const wrap of kids.slice(at + 1, end)) {
    const table = wrap.tagName === 'TABLE' ? wrap : wrap.querySelector('table');
    lines.push('');
    [...table.querySelectorAll('tr')].forEach((tr, i) => {
      const cells = [...tr.children].filter((x) => x.tagName === 'TD' || x.tagName === 'TH');
      lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
      if (i === 0) lines.push(`|${' --- |'.repeat(cells.length)}`);
    });
  }
  lines.push('', '<!-- /ownframe:ownership -->');
  return lines.join('\n');
}

// ---- rendered / rich-text DOM -> Jira wiki markup ----
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'DIV', 'TABLE', 'HR', 'SECTION', 'ARTICLE']);

function inline(node, opts = { emphasis: true }) {
  let out = '';
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (!opts.emphasis && c.nodeType === Node.ELEMENT_NODE && c.tagName !== 'BR') {
      out += inline(c, opts);
      continue;
    }
    if (c.nodeType === Node.TEXT_NODE) out += c.data;
    else if (c.nodeType !== Node.ELEMENT_NODE || c.getAttribute('contenteditable') === 'false') continue;
    else if (c.tagName === 'BR') out += c.classList.contains('ProseMirror-trailingBreak') ? '' : '\n';
    else if (c.tagName === 'A' && c.classList.contains('user-hover') && c.getAttribute('rel')) out += `[~${c.getAttribute('rel')}]`; // Jira DC renders [~user] as a profile link
    else if (c.tagName === 'EM' || c.tagName === 'I') out += `_${inline(c)}_`;
    else if (c.tagName === 'STRONG' || c.tagName === 'B') out += `*${inline(c)}*`;
    else out += inline(c, opts);
  }
  return out;
}

// A rendered cell holds the decoded value: encode it back the way the block writes cells.
const cellText = (td) => inline(td).trim().replace(/\\/g, '&#92;').replace(/\|/g, '\\|').replace(/\n/g, '\\\\');

/** Reads a rendered description or a rich-text editor as wiki markup, block by block. */
export function wikiFromDom(root) {
  const blocks = [];
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === Node.TEXT_NODE) {
        if (c.data.trim()) blocks.push(c.data);
        continue;
      }
      if (c.nodeType !== Node.ELEMENT_NODE || c.getAttribute('contenteditable') === 'false') continue;
      const tag = c.tagName;
      if (/^H[1-6]$/.test(tag)) blocks.push(`h${tag[1]}. ${inline(c).trim()}`);
      else if (tag === 'TABLE') {
        const rows = [];
        for (const tr of c.querySelectorAll('tr')) {
          const cells = [...tr.children].filter((x) => x.tagName === 'TD' || x.tagName === 'TH');
          if (!cells.length) continue;
          const head = cells.every((x) => x.tagName === 'TH');
          const sep = head ? '||' : '|';
          rows.push(sep + cells.map((x) => cellText(x) || (head ? '' : ' ')).join(sep) + sep);
        }
        blocks.push(rows.join('\n'));
      } else if (tag === 'UL' || tag === 'OL') {
        const mark = tag === 'UL' ? '*' : '#';
        blocks.push([...c.children].filter((li) => li.tagName === 'LI').map((li) => `${mark} ${inline(li).trim()}`).join('\n'));
      } else if (tag === 'HR') blocks.push('----');
      else if (tag === 'P' || tag === 'PRE' || tag === 'LI') blocks.push(inline(c));
      else if (BLOCKS.has(tag) || [...c.children].some((x) => BLOCKS.has(x.tagName))) walk(c);
      else blocks.push(inline(c));
    }
  };
  walk(root);
  return blocks.join('\n\n').replace(/\n+$/, '');
}

// ---- writing ----
const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** Writes `after` into a textarea holding `before`: one insertText over the changed range only. */
export async function writeTextarea(el, before, after) {
  if (el.value !== before) throw new Error('the description changed meanwhile; nothing was written');
  if (before === after) return;
  let a = 0;
  while (a < before.length && a < after.length && before[a] === after[a]) a++;
  let b = 0;
  while (b < before.length - a && b < after.length - a && before[before.length - 1 - b] === after[after.length - 1 - b]) b++;
  el.focus();
  el.setSelectionRange(a, before.length - b);
  const middle = after.slice(a, after.length - b);
  // execCommand keeps the browser's undo stack (one Ctrl+Z restores) and fires the input events
  // frameworks (React) listen to
  const done = middle ? document.execCommand('insertText', false, middle) : document.execCommand('delete');
  if (!done || el.value !== after) throw new Error('the editor refused the change; check the description before saving');
}

// The block's first and last lines as a rich-text editor shows them (Jira markers are visible
// text). Matched loosely like the core does (case, spaces, emphasis); only used to find which
// paragraphs to paste over, the core decides what a block is.
const START = /^h[1-6]\.\s*ownership \(ownframe v\d+\)$/;
const END = /^end of ownership \(ownframe v\d+\)$/;
const squash = (s) => s.replace(/\s+/g, ' ').trim().toLowerCase();
function markerOf(block) {
  const text = squash(block.textContent);
  if (/^H[1-6]$/.test(block.tagName) && /^ownership \(ownframe v\d+\)$/.test(text)) return 'start';
  if (START.test(text)) return 'start';
  if (END.test(text.replace(/^[_*+~\-\s]+|[_*+~\-\s]+$/g, ''))) return 'end';
  return null;
}

function paragraphsHtml(doc, lines) {
  // one paragraph per line: the editor keeps the wiki text as it is (Jira's editor may convert
  // it to a table on its own; the panel reads either back)
  const root = doc.createElement('div');
  for (const line of lines) {
    const p = doc.createElement('p');
    p.textContent = line;
    root.append(p);
  }
  let out = '';
  for (const child of root.children) out += child.outerHTML; // reading markup is no TT sink
  return out;
}

const lastChange = new WeakMap(); // editor element -> time of its last DOM change
const watched = new WeakSet();
/** Start noting the editor's changes (prosemirror-history merges changes within 500 ms). */
export function watchEditor(el) {
  if (watched.has(el)) return;
  watched.add(el);
  new MutationObserver(() => lastChange.set(el, performance.now())).observe(el, { childList: true, subtree: true, characterData: true });
}

// Gecko ignores ClipboardEventInit.clipboardData for synthetic events and hands the page an empty
// DataTransfer; it fills that one from its own (non-standard) init members `dataType` and `data`
// instead, one flavour only: the HTML (one paragraph per line) is what the editor parses.
function pasteEvent(data) {
  const init = { clipboardData: data, bubbles: true, cancelable: true };
  let event = new ClipboardEvent('paste', init);
  if (event.clipboardData && !event.clipboardData.types.length) {
    event = new ClipboardEvent('paste', { ...init, dataType: 'text/html', data: data.getData('text/html') });
  }
  return event;
}

/**
 * Pastes the block (its wiki text, `block`) into a ProseMirror editor: over the paragraphs of the
 * existing block, or after the last paragraph. One paste, one transaction, one undo.
 */
export async function writeProseMirror(el, block) {
  const quiet = 600 - (performance.now() - (lastChange.get(el) ?? -Infinity));
  if (quiet > 0) await new Promise((r) => setTimeout(r, quiet));
  const doc = el.ownerDocument;
  const kids = [...el.children];
  const first = kids.findIndex((k) => markerOf(k) === 'start');
  const last = first < 0 ? -1 : kids.findIndex((k, i) => i > first && markerOf(k) === 'end');
  const lines = block.split(/\r?\n/).filter((l) => l.trim());
  const range = doc.createRange();
  let html;
  if (first >= 0 && last > first) {
    range.setStart(kids[first], 0);
    range.setEnd(kids[last], kids[last].childNodes.length);
    html = paragraphsHtml(doc, lines);
  } else {
    // after everything: an empty first paragraph takes the open start of the pasted slice, so the
    // block starts on its own line instead of joining the last paragraph
    const tail = kids[kids.length - 1];
    if (tail) range.setStart(tail, tail.childNodes.length);
    else range.setStart(el, 0);
    range.collapse(true);
    html = paragraphsHtml(doc, ['', ...lines]).replace('<p></p>', '<p><br></p>');
  }
  const before = el.textContent;
  el.focus();
  const sel = doc.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  await nextFrame(); // let the editor read the DOM selection
  const data = new DataTransfer();
  data.setData('text/plain', lines.join('\n'));
  data.setData('text/html', html);
  const event = pasteEvent(data);
  el.dispatchEvent(event);
  await nextFrame();
  if (!event.defaultPrevented && el.textContent === before) {
    throw new Error('the editor refused the paste; your text is unchanged');
  }
}

/** Copies text to the clipboard; false when the page or browser refuses. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
