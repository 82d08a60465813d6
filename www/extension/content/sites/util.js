// Helpers shared by the site adapters. Every adapter lists its selectors in order of preference,
// each with the page it was seen on; `firstMatch` tries them in order and records which one hit,
// so the popup can show a miss instead of failing silently.

export function visible(el) {
  if (!el || !el.isConnected) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return false;
  const cs = getComputedStyle(el);
  return cs.visibility !== 'hidden' && cs.display !== 'none';
}

/** All elements matching any selector of the list, in list order, deduplicated, visible only. */
export function allMatches(root, selectors) {
  const out = [];
  const hits = [];
  for (const sel of selectors) {
    let found;
    try {
      found = root.querySelectorAll(sel.css);
    } catch {
      continue;
    }
    for (const el of found) {
      if (!out.includes(el) && visible(el)) {
        out.push(el);
        if (!hits.includes(sel.css)) hits.push(sel.css);
      }
    }
  }
  return { elements: out, hits };
}

export function firstMatch(root, selectors) {
  for (const sel of selectors) {
    let el = null;
    try {
      el = root.querySelector(sel.css);
    } catch {
      continue;
    }
    if (el) return el;
  }
  return null;
}

/** The final fallback: the largest visible element matching `css` inside one of `scopes`. */
export function largest(root, scopes, css) {
  let best = null;
  let bestArea = 0;
  for (const scope of scopes) {
    for (const container of root.querySelectorAll(scope)) {
      for (const el of container.querySelectorAll(css)) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        const area = r.width * r.height;
        if (area > bestArea) {
          best = el;
          bestArea = area;
        }
      }
    }
  }
  return best;
}

export function textOf(el) {
  if (!el) return '';
  if ('value' in el && typeof el.value === 'string') return el.value;
  return el.textContent ?? '';
}
