// Where the prompt's textarea highlights sit versus where the textarea draws the same words,
// measured independently of the mirror (canvas text metrics in the textarea's own font, for spans
// on unwrapped lines). Runs in the page: page.evaluate(misplacedMarks, css) or as a string.
export function misplacedMarks(css = 'textarea') {
  const t = document.querySelector(css);
  const host = t.nextElementSibling;

  const cs = getComputedStyle(t);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = cs.font;
  const r = t.getBoundingClientRect();
  const x0 = r.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
  const y0 = r.top + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop) - t.scrollTop;
  const lh = parseFloat(cs.lineHeight);
  const mirror = host.shadowRoot.querySelector('.mirror');
  const out = [];
  let offset = 0;
  for (const node of mirror.childNodes) {
    if (node.nodeName === 'MARK') {
      const before = t.value.slice(0, offset);
      const line = before.split('\n').length - 1;
      const prefix = before.slice(before.lastIndexOf('\n') + 1);
      const want = { left: x0 + ctx.measureText(prefix).width, width: ctx.measureText(node.textContent).width, top: y0 + line * lh };
      const got = node.getClientRects()[0];
      const mid = got.top + got.height / 2;
      if (Math.abs(got.left - want.left) > 1.5 || Math.abs(got.width - want.width) > 1.5 || mid < want.top || mid > want.top + lh) {
        out.push({ text: node.textContent, got: [got.left, got.width, mid], want: [want.left, want.width, want.top] });
      }
    }
    offset += node.textContent.length;
  }
  return { out, marks: mirror.querySelectorAll('mark').length };
}
