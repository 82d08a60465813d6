// The two kinds of editor Ownframe works with, behind one interface:
//   text()            the text the core judges (UTF-16 offsets of findings point into it)
//   replace(text)     replaces everything through the editor's own input path (one undo step)
//   rangesFor(s, e)   DOM Ranges for [s, e) (contenteditable only; textareas use the mirror)
//   observe(cb)       calls cb on every change of the text; returns a function that stops

export function textareaEditor(el) {
  return {
    kind: 'textarea',
    el,
    text: () => el.value,
    caret: () => (el.selectionStart === el.selectionEnd ? el.selectionStart : null),
    async replace(text) {
      el.focus();
      el.setSelectionRange(0, el.value.length);
      // execCommand keeps the browser's undo stack (one Ctrl+Z restores) and fires the input
      // events frameworks (React) listen to.
      const original = el.value;
      const done = document.execCommand('insertText', false, text);
      if (el.value === text) return;
      if (!done || el.value === original) throw new Error('the editor refused the rewrite; your text is unchanged');
      // changed, but not into the rewrite (a maxlength, a page script): put the original back
      document.execCommand('undo');
      if (el.value === original) throw new Error('the editor changed the rewrite (too long?); your text is unchanged');
      throw new Error('the editor changed the rewrite; press Ctrl+Z to get your text back');
    },
    observe(cb) {
      el.addEventListener('input', cb);
      return () => el.removeEventListener('input', cb);
    },
  };
}

const BLOCK = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'DIV', 'TABLE', 'TR', 'TD', 'TH', 'HR']);

/** Text of a contenteditable editor, blocks separated by blank lines, with a map back to DOM. */
export function readBlocks(root) {
  let text = '';
  const nodes = []; // {node, start}
  const sep = () => {
    if (text && !text.endsWith('\n\n')) text += text.endsWith('\n') ? '\n' : '\n\n';
  };
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        nodes.push({ node: child, start: text.length });
        text += child.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.getAttribute('contenteditable') === 'false') continue;
        if (child.tagName === 'BR') {
          if (!child.classList.contains('ProseMirror-trailingBreak')) text += '\n';
          continue;
        }
        const block = BLOCK.has(child.tagName);
        if (block) sep();
        walk(child);
        if (block) sep();
      }
    }
  };
  walk(root);
  return { text: text.replace(/\n+$/, ''), nodes };
}

function pointAt(nodes, offset, preferEnd) {
  // the text node holding `offset`; offsets inside a separator snap to the neighbouring node
  let best = null;
  for (const n of nodes) {
    const end = n.start + n.node.data.length;
    if (offset >= n.start && offset <= end) {
      if (offset === end && !preferEnd && n !== nodes[nodes.length - 1]) {
        best = best ?? { node: n.node, offset: offset - n.start };
        continue;
      }
      return { node: n.node, offset: offset - n.start };
    }
    if (n.start > offset) return best ?? { node: n.node, offset: 0 };
    best = { node: n.node, offset: n.node.data.length };
  }
  return best;
}

/** Appends `text` to `parent`, turning **strong** runs into <strong> (the rewrite's only inline markup). */
function appendInline(doc, parent, text) {
  const parts = text.split(/\*\*(?=\S)(.+?)(?<=\S)\*\*/);
  parts.forEach((part, i) => {
    if (i % 2) {
      const b = doc.createElement('strong');
      b.textContent = part;
      parent.append(b);
    } else if (part) parent.append(part);
  });
}

/** Minimal Markdown -> HTML (headings, lists, paragraphs, **strong**) for the paste's text/html flavour. */
export function markdownToHtml(md) {
  const doc = document.implementation.createHTMLDocument('');
  const root = doc.createElement('div');
  let list = null;
  for (const block of md.split(/\n{2,}/)) {
    for (const line of block.split('\n')) {
      const h = /^(#{1,6})\s+(.*)$/.exec(line);
      const li = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
      if (li) {
        const tag = li[1] ? 'OL' : 'UL';
        if (!list || list.tagName !== tag) root.append((list = doc.createElement(tag)));
        const item = doc.createElement('li');
        appendInline(doc, item, li[2]);
        list.append(item);
        continue;
      }
      list = null;
      if (h) {
        const el = doc.createElement(`h${h[1].length}`);
        appendInline(doc, el, h[2]);
        root.append(el);
      } else if (line.trim()) {
        const last = root.lastElementChild;
        if (last?.tagName === 'P' && last.dataset.open) {
          last.append(doc.createElement('br'));
          appendInline(doc, last, line);
        } else {
          const p = doc.createElement('p');
          p.dataset.open = '1';
          appendInline(doc, p, line);
          root.append(p);
        }
      }
    }
    for (const p of root.querySelectorAll('p[data-open]')) delete p.dataset.open;
    list = null;
  }
  return serialise(root);
}
function serialise(root) {
  // reading markup is not a Trusted Types sink (only writing is)
  let out = '';
  for (const child of root.children) out += child.outerHTML;
  return out;
}

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

// prosemirror-history merges changes made within 500 ms (newGroupDelay) into one undo event; a
// paste right after typing would be undone together with the typing. Wait until the last change
// is older than that before pasting.
const HISTORY_GROUP_MS = 600;

export function proseMirrorEditor(el, { toHtml = markdownToHtml } = {}) {
  let lastChange = 0;
  const changes = new MutationObserver(() => (lastChange = performance.now()));
  changes.observe(el, { childList: true, subtree: true, characterData: true });
  return {
    kind: 'prosemirror',
    el,
    text: () => readBlocks(el).text,
    caret() {
      const sel = el.ownerDocument.getSelection();
      if (!sel || !sel.isCollapsed || !el.contains(sel.anchorNode)) return null;
      const hit = readBlocks(el).nodes.find((n) => n.node === sel.anchorNode);
      return hit ? hit.start + sel.anchorOffset : null;
    },
    async replace(text) {
      const quiet = HISTORY_GROUP_MS - (performance.now() - lastChange);
      if (quiet > 0) await new Promise((r) => setTimeout(r, quiet));
      const before = readBlocks(el).text;
      el.focus();
      // select everything, let the editor read the DOM selection, then paste through its own
      // handler: one transaction, so one undo restores the original.
      const sel = el.ownerDocument.getSelection();
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      sel.removeAllRanges();
      sel.addRange(range);
      await nextFrame();
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const html = toHtml(text);
      if (html) data.setData('text/html', html);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      // Firefox copies clipboardData into a fresh, empty DataTransfer: fill the event's own one
      if (event.clipboardData && event.clipboardData.getData('text/plain') !== text) {
        event.clipboardData.setData('text/plain', text);
        if (html) event.clipboardData.setData('text/html', html);
      }
      el.dispatchEvent(event);
      await nextFrame();
      if (!event.defaultPrevented && readBlocks(el).text === before) {
        // Firefox hides data a content script put in a DataTransfer from the page's own code, so
        // the editor cannot read the synthetic paste: type the text in through the browser's
        // editing command instead (the editor reads the DOM change as one transaction).
        sel.removeAllRanges();
        sel.addRange(range);
        await nextFrame();
        document.execCommand('insertText', false, text);
        await nextFrame();
      }
      if (readBlocks(el).text === before) {
        throw new Error('the editor refused the rewrite; your text is unchanged');
      }
    },
    rangesFor(start, end) {
      const { nodes } = readBlocks(el);
      const a = pointAt(nodes, start, false);
      const b = pointAt(nodes, end, true);
      if (!a || !b) return [];
      const r = el.ownerDocument.createRange();
      try {
        r.setStart(a.node, a.offset);
        r.setEnd(b.node, b.offset);
      } catch {
        return [];
      }
      return r.collapsed ? [] : [r];
    },
    observe(cb) {
      const mo = new MutationObserver(cb);
      mo.observe(el, { childList: true, subtree: true, characterData: true });
      return () => {
        mo.disconnect();
        changes.disconnect();
      };
    },
  };
}
