// The framing prompt: one <ownframe-prompt> per editor, placed right after it (never inside),
// height 0 so the page's layout never moves. It shows how the ticket reads (data-framing on the
// host), highlights the words responsible (mirror overlay for textareas, CSS Custom Highlight API
// for contenteditable), explains them on hover / keyboard focus, and rewrites the ticket
// outcome-first through the editor's own input path. Ticket text only ever reaches the DOM as
// textContent / Text nodes (Trusted Types pages).
import { textareaEditor, proseMirrorEditor } from '../editors.js';
import { ignoreRule } from '../../settings.js';

export const name = 'prompt';

const LABELS = {
  'task-style': 'Reads as an order',
  mixed: 'Order with an outcome',
  'outcome-first': 'Outcome-first',
  unframed: 'No outcome stated yet',
};
const HIGHLIGHT = 'ownframe-finding';
// User Timing marks (bench/extension-latency.mjs reads them); the buffer is cleared as it grows.
let marks = 0;
function mark(name) {
  if (++marks > 600) {
    performance.clearMarks();
    marks = 0;
  }
  performance.mark(name);
}

const CSS_TEXT = `
:host { all: initial; display: block !important; position: relative !important; height: 0 !important;
  width: 100%; margin: 0 !important; padding: 0 !important; border: 0 !important; z-index: 30; }
* { box-sizing: border-box; }
.bar, .panel, .card { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
.mirror { position: absolute; overflow: hidden; pointer-events: none; color: transparent !important;
  background: transparent !important; border-color: transparent !important; white-space: pre-wrap;
  overflow-wrap: break-word; word-wrap: break-word; margin: 0; }
.mirror mark { font: inherit; letter-spacing: inherit; word-spacing: inherit; padding: 0; margin: 0; color: transparent; background: rgba(245, 159, 0, 0.22); border-radius: 2px;
  box-shadow: inset 0 -2px 0 rgba(214, 120, 0, 0.85); }
.bar { position: absolute; display: flex; gap: 4px; align-items: center; font-size: 12px; }
button { font: 500 12px/1.2 system-ui, sans-serif; border-radius: 6px; border: 1px solid #8c959f;
  background: #fff; color: #1f2328; padding: 3px 8px; cursor: pointer; }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.badge[data-framing="task-style"] { border-color: #bc4c00; color: #953800; }
.badge[data-framing="mixed"] { border-color: #9a6700; color: #7d4e00; }
.badge[data-framing="outcome-first"] { border-color: #1a7f37; color: #116329; }
.panel, .card { position: absolute; background: #fff; color: #1f2328; border: 1px solid #d0d7de;
  border-radius: 8px; box-shadow: 0 8px 24px rgba(140,149,159,.3); padding: 8px 10px; font-size: 13px;
  line-height: 1.4; max-width: 360px; }
.panel[hidden], .card[hidden], .toast[hidden] { display: none; }
.toast { position: absolute; max-width: 360px; background: #1f2328; color: #fff; border-radius: 6px;
  padding: 4px 8px; font: 12px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; }
.panel ul { list-style: none; margin: 6px 0 0; padding: 0; }
.panel li { margin: 0 0 6px; }
.panel li button.finding { border: 0; padding: 2px 0; text-align: left; background: none; width: 100%; }
.msg { font-weight: 600; } .sug { color: #57606a; margin: 2px 0 6px; }
.msg, .sug { display: block; }
.status { color: #57606a; font-size: 12px; margin-top: 4px; }
@media (prefers-color-scheme: dark) {
  button { background: #21262d; color: #e6edf3; border-color: #6e7681; }
  .badge[data-framing="task-style"] { border-color: #db6d28; color: #ffa657; }
  .badge[data-framing="mixed"] { border-color: #bb8009; color: #e3b341; }
  .badge[data-framing="outcome-first"] { border-color: #2ea043; color: #56d364; }
  .panel, .card { background: #161b22; color: #e6edf3; border-color: #30363d; box-shadow: 0 8px 24px rgba(1,4,9,.8); }
  .sug, .status { color: #9198a1; }
  .toast { background: #e6edf3; color: #1f2328; }
}
`;

function el(doc, tag, props = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function adoptStyles(shadow, doc) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // Firefox content scripts cannot always adopt a sheet built in their own compartment
  }
  shadow.append(el(doc, 'style', { text: CSS_TEXT }));
}

// All prompts on the page share one CSS highlight; each contributes its ranges.
const highlightRanges = new Map(); // prompt -> Range[]
function refreshHighlight() {
  if (typeof CSS === 'undefined' || !CSS.highlights || typeof Highlight === 'undefined') return false;
  const all = [...highlightRanges.values()].flat();
  if (all.length) CSS.highlights.set(HIGHLIGHT, new Highlight(...all));
  else CSS.highlights.delete(HIGHLIGHT);
  return true;
}

const MIRRORED = [
  'boxSizing', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontFamily', 'fontSize', 'fontWeight',
  'fontStyle', 'fontVariant', 'fontStretch', 'fontFeatureSettings', 'lineHeight', 'letterSpacing',
  'wordSpacing', 'textTransform', 'textIndent', 'tabSize', 'direction', 'textAlign', 'whiteSpace',
  'overflowWrap', 'wordBreak',
];

class Prompt {
  constructor(ctx, found) {
    this.ctx = ctx;
    this.found = found;
    this.target = found.el;
    this.editor = found.kind === 'textarea' ? textareaEditor(found.el) : proseMirrorEditor(found.el);
    this.doc = found.el.ownerDocument;
    this.analysis = null;
    this.analysedText = null;
    this.findings = [];
    this.marks = []; // {finding, rects(): DOMRect[]}
    this.inFlight = false;
    this.dirty = false;
    this.build();
    const stopEditor = this.editor.observe(() => this.schedule());
    // the title is judged too: re-analyse when an editable title field changes
    const titleEl = found.titleEl?.();
    const onTitle = () => this.schedule();
    if (titleEl && 'value' in titleEl) titleEl.addEventListener('input', onTitle);
    this.stopObserving = () => {
      stopEditor();
      titleEl?.removeEventListener('input', onTitle);
    };
    this.onMove = (e) => this.hover(e);
    this.target.addEventListener('mousemove', this.onMove);
    // Chrome stops an idle background after ~30 s and restarting it costs 100-300 ms: while the
    // editor has focus, a cheap status message every 25 s keeps the core warm for the next key.
    this.onFocus = () => {
      clearInterval(this.warmTimer);
      this.ctx.send({ type: 'status' }).catch(() => {});
      this.warmTimer = setInterval(() => this.ctx.send({ type: 'status' }).catch(() => {}), 25000);
    };
    this.onBlur = () => clearInterval(this.warmTimer);
    this.target.addEventListener('focusin', this.onFocus);
    this.target.addEventListener('focusout', this.onBlur);
    this.onKey = (e) => this.caretCard(e);
    this.target.addEventListener('keyup', this.onKey);
    this.onScroll = () => this.syncScroll();
    this.target.addEventListener('scroll', this.onScroll);
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(this.target);
    this.schedule();
  }

  build() {
    const doc = this.doc;
    const next = this.target.nextElementSibling;
    if (next?.localName === 'ownframe-prompt') next.remove(); // left by a reloaded extension
    this.host = doc.createElement('ownframe-prompt');
    this.host.setAttribute('data-framing', 'unframed');
    this.host.setAttribute('data-pending', '');
    this.host.setAttribute('data-editor', this.found.kind);
    const shadow = this.host.attachShadow({ mode: 'open' });
    adoptStyles(shadow, doc);
    this.mirror = el(doc, 'div', { class: 'mirror', 'aria-hidden': 'true' });
    if (this.found.kind !== 'textarea') this.mirror.hidden = true;
    this.badge = el(doc, 'button', {
      class: 'badge', type: 'button', 'aria-expanded': 'false', 'data-framing': 'unframed',
      onclick: () => this.togglePanel(),
    }, 'Ownframe');
    this.rewriteButton = el(doc, 'button', { class: 'rewrite', type: 'button', onclick: () => this.rewrite() }, 'Rewrite outcome-first');
    this.bar = el(doc, 'div', { class: 'bar', role: 'group', 'aria-label': 'Ownframe' }, this.badge, this.rewriteButton);
    this.list = el(doc, 'ul');
    // status messages (rewrite done / failed) show above the bar, and stay in the panel
    this.statusLine = el(doc, 'div', { class: 'status', role: 'status' });
    this.toast = el(doc, 'div', { class: 'toast', 'aria-hidden': 'true' });
    this.toast.hidden = true;
    this.panel = el(doc, 'div', { class: 'panel', role: 'region', 'aria-label': 'Ownframe findings' }, this.list, this.statusLine);
    this.panel.hidden = true;
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        this.togglePanel();
        this.badge.focus();
      }
    });
    this.card = el(doc, 'div', { class: 'card', role: 'tooltip' });
    this.card.hidden = true;
    this.card.addEventListener('mouseenter', () => clearTimeout(this.hideTimer));
    this.card.addEventListener('mouseleave', () => this.hideCardSoon());
    shadow.append(this.mirror, this.bar, this.toast, this.panel, this.card);
    this.target.after(this.host);
    this.layout();
  }

  get connected() {
    return this.target.isConnected && this.host.isConnected;
  }

  destroy() {
    this.stopObserving();
    this.target.removeEventListener('mousemove', this.onMove);
    this.target.removeEventListener('scroll', this.onScroll);
    this.target.removeEventListener('keyup', this.onKey);
    this.target.removeEventListener('focusin', this.onFocus);
    this.target.removeEventListener('focusout', this.onBlur);
    clearInterval(this.warmTimer);
    this.resize.disconnect();
    highlightRanges.delete(this);
    refreshHighlight();
    this.host.remove();
  }

  // ---- analysis: at most one request in flight; the latest text follows when it returns ----
  schedule() {
    this.host.setAttribute('data-pending', '');
    if (this.inFlight) {
      this.dirty = true;
      return;
    }
    this.run();
  }

  async run() {
    this.inFlight = true;
    this.dirty = false;
    const text = this.editor.text();
    const title = this.found.title();
    try {
      mark('ownframe:send');
      const analysis = await this.ctx.send({ type: 'analyze', title, body: text, format: this.ctx.site.format });
      mark('ownframe:answer');
      if (!this.connected) return;
      if (!this.dirty && this.editor.text() === text) {
        this.analysedTitle = title;
        this.apply(analysis, text);
      }
    } catch (e) {
      this.setStatus(`Could not analyse: ${e.message}`);
    } finally {
      this.inFlight = false;
      if (this.dirty && this.connected) this.run();
      else if (this.connected && this.editor.text() === this.analysedText && this.found.title() === this.analysedTitle) {
        this.host.removeAttribute('data-pending');
      }
    }
  }

  apply(analysis, text) {
    this.analysis = analysis;
    this.analysedText = text;
    this.findings = analysis.findings.filter((f) => f.field === 'body' && f.span_utf16.end > f.span_utf16.start);
    this.host.setAttribute('data-framing', analysis.class);
    this.badge.setAttribute('data-framing', analysis.class);
    const n = analysis.findings.length;
    this.badge.textContent = `${LABELS[analysis.class] ?? analysis.class}${n ? ` · ${n}` : ''}`;
    this.badge.title = 'Ownframe: how this ticket is framed (click for details)';
    this.renderHighlights(text);
    this.renderList(analysis);
    this.layout();
    mark('ownframe:applied');
    // other features (e.g. the ownership panel) reuse this analysis instead of asking again
    this.ctx.emit?.('analysis', { editor: this.target, role: this.found.role, text, analysis });
    mark('ownframe:emitted');
  }

  /** Findings in text order without overlaps (the first one wins the highlight). */
  visibleFindings() {
    const out = [];
    let at = 0;
    for (const f of [...this.findings].sort((a, b) => a.span_utf16.start - b.span_utf16.start)) {
      if (f.span_utf16.start < at) continue;
      out.push(f);
      at = f.span_utf16.end;
    }
    return out;
  }

  renderHighlights(text) {
    this.marks = [];
    const shown = this.visibleFindings();
    if (this.found.kind === 'textarea') {
      const nodes = [];
      let at = 0;
      for (const f of shown) {
        const { start, end } = f.span_utf16;
        if (start > at) nodes.push(this.doc.createTextNode(text.slice(at, start)));
        const mark = el(this.doc, 'mark', { 'data-rule': f.rule, text: text.slice(start, end) });
        nodes.push(mark);
        this.marks.push({ finding: f, rects: () => [...mark.getClientRects()] });
        at = end;
      }
      nodes.push(this.doc.createTextNode(text.slice(at) + '\u200b'));
      this.mirror.replaceChildren(...nodes);
      this.syncScroll();
    } else {
      const ranges = [];
      for (const f of shown) {
        for (const r of this.editor.rangesFor(f.span_utf16.start, f.span_utf16.end)) {
          ranges.push(r);
          this.marks.push({ finding: f, rects: () => [...r.getClientRects()] });
        }
      }
      highlightRanges.set(this, ranges);
      refreshHighlight();
    }
  }

  renderList(analysis) {
    const items = analysis.findings.map((f) =>
      el(this.doc, 'li', {},
        el(this.doc, 'button', {
          class: 'finding', type: 'button',
          onfocus: () => this.showCardFor(f), onblur: () => this.hideCardSoon(),
          onmouseenter: () => this.showCardFor(f), onmouseleave: () => this.hideCardSoon(),
        }, el(this.doc, 'span', { class: 'msg', text: f.message }), el(this.doc, 'span', { class: 'sug', text: f.suggestion })),
        el(this.doc, 'button', { type: 'button', class: 'ignore', 'data-rule': f.rule, onclick: () => this.ignore(f.rule) }, 'Ignore this rule'),
      ),
    );
    if (!items.length) items.push(el(this.doc, 'li', { text: 'Nothing to point out.' }));
    this.list.replaceChildren(...items);
  }

  // ---- layout: everything is positioned relative to the host, which sits right after the editor ----
  layout() {
    if (!this.connected) return;
    const h = this.host.getBoundingClientRect();
    const t = this.target.getBoundingClientRect();
    const top = t.top - h.top;
    const left = t.left - h.left;
    // keep the bar clear of the editor's vertical scrollbar
    const inset = Math.max(0, this.target.offsetWidth - this.target.clientWidth - this.target.clientLeft * 2);
    if (this.found.kind === 'textarea') {
      const cs = getComputedStyle(this.target);
      const ms = this.mirror.style;
      for (const p of MIRRORED) ms[p] = cs[p];
      ms.whiteSpace = 'pre-wrap';
      ms.boxSizing = 'border-box';
      ms.top = `${top}px`;
      ms.left = `${left}px`;
      ms.width = `${t.width}px`;
      ms.height = `${t.height}px`;
      // a vertical scrollbar narrows the textarea's text box: narrow the mirror's too
      const borders = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
      const scrollbar = Math.max(0, this.target.offsetWidth - this.target.clientWidth - borders);
      ms.paddingRight = `${parseFloat(cs.paddingRight) + scrollbar}px`;
    }
    const b = this.bar.getBoundingClientRect();
    this.bar.style.top = `${top + t.height - (b.height || 24) - 6}px`;
    this.toast.style.bottom = `${h.height - (top + t.height - (b.height || 24) - 10)}px`;
    this.toast.style.right = `${h.right - t.right + 6 + inset}px`;
    this.bar.style.right = `${h.right - t.right + 6 + inset}px`;
    this.panel.style.top = `${top + t.height + 4}px`;
    this.panel.style.right = `${h.right - t.right}px`;
    this.syncScroll();
  }

  syncScroll() {
    if (this.found.kind !== 'textarea') return;
    this.mirror.scrollTop = this.target.scrollTop;
    this.mirror.scrollLeft = this.target.scrollLeft;
  }

  // ---- explanation card: on hover over a highlight, or focus / hover of a finding in the panel ----
  hover(e) {
    for (const m of this.marks) {
      for (const r of m.rects()) {
        if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) {
          this.showCardFor(m.finding, r);
          return;
        }
      }
    }
    this.hideCardSoon();
  }

  showCardFor(finding, rect) {
    clearTimeout(this.hideTimer);
    rect ??= this.marks.find((m) => m.finding === finding)?.rects()[0];
    const h = this.host.getBoundingClientRect();
    const t = this.target.getBoundingClientRect();
    const anchor = rect ?? { left: t.left, bottom: t.bottom };
    this.card.replaceChildren(
      el(this.doc, 'div', { class: 'msg', text: finding.message }),
      el(this.doc, 'div', { class: 'sug', text: finding.suggestion }),
      el(this.doc, 'button', { type: 'button', class: 'ignore', onclick: () => this.ignore(finding.rule) }, 'Ignore this rule'),
    );
    this.card.style.left = `${anchor.left - h.left}px`;
    this.card.style.top = `${anchor.bottom - h.top + 4}px`;
    this.card.hidden = false;
    this.card.setAttribute('data-rule', finding.rule);
  }

  /** Keyboard users: moving the caret into a highlighted span shows its card; Escape hides it. */
  caretCard(e) {
    if (e.key === 'Escape') {
      this.card.hidden = true;
      if (!this.panel.hidden) this.togglePanel();
      return;
    }
    if (!/^(Arrow|Home|End|Page)/.test(e.key)) return;
    const at = this.editor.caret?.();
    const f = at == null ? null : this.findings.find((x) => at >= x.span_utf16.start && at <= x.span_utf16.end);
    if (f && this.editor.text() === this.analysedText) this.showCardFor(f);
    else this.card.hidden = true;
  }

  hideCardSoon() {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => (this.card.hidden = true), 250);
  }

  togglePanel() {
    this.panel.hidden = !this.panel.hidden;
    this.badge.setAttribute('aria-expanded', String(!this.panel.hidden));
    this.layout();
  }

  setStatus(text) {
    this.statusLine.textContent = text;
    this.host.setAttribute('data-status', text);
    this.toast.textContent = text;
    this.toast.hidden = false;
    this.layout();
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast.hidden = true), 6000);
  }

  async ignore(rule) {
    try {
      await ignoreRule(rule);
      this.card.hidden = true;
      this.schedule();
    } catch (e) {
      this.setStatus(`Could not save: ${e.message}`);
    }
  }

  // ---- rewrite ----
  async rewrite() {
    this.rewriteButton.disabled = true;
    try {
      const body = this.editor.text();
      const text = await this.ctx.send({
        type: 'rewrite', title: this.found.title(), body, format: this.ctx.site.format, to: this.ctx.site.rewriteTo,
      });
      // never replace words typed while the rewrite was being made
      if (this.editor.text() !== body) throw new Error('the text changed meanwhile; nothing was replaced, try again');
      await this.editor.replace(text);
      this.setStatus('Rewritten. Ctrl+Z (⌘Z) restores your text.');
    } catch (e) {
      this.setStatus(`Could not rewrite: ${e.message}`);
    } finally {
      this.rewriteButton.disabled = false;
    }
  }
}

/** Feature entry point: the content script calls update() with the editors it found. */
export function init(ctx) {
  const prompts = new Map(); // editor element -> Prompt
  const relayout = () => prompts.forEach((p) => p.layout());
  addEventListener('resize', relayout);
  return {
    update(found) {
      const current = new Set(found.map((f) => f.el));
      for (const [el, p] of prompts) {
        if (!current.has(el) || !p.connected) {
          p.destroy();
          prompts.delete(el);
        }
      }
      for (const f of found) if (!prompts.has(f.el)) prompts.set(f.el, new Prompt(ctx, f));
      relayout();
    },
    async rewriteFocused() {
      const active = document.activeElement;
      const list = [...prompts.values()];
      const p = list.find((x) => x.target === active || x.target.contains(active)) ?? (list.length === 1 ? list[0] : null);
      if (p) await p.rewrite();
    },
    teardown() {
      for (const p of prompts.values()) p.destroy();
      prompts.clear();
      removeEventListener('resize', relayout);
    },
    count: () => prompts.size,
  };
}
