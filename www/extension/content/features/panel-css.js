// Styles of <ownframe-panel> (inside its shadow root). The host's data-theme (light|dark) follows
// the site: GitHub's data-color-mode on <html>, else prefers-color-scheme. Colours are GitHub
// Primer's, chosen for at least 4.5:1 contrast in both themes.
export const PANEL_CSS = `
:host { all: initial; display: block; margin: 0 0 16px; contain: content;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --subtle: #f6f8fa;
  --accent: #0969da; --warn-border: #bf8700; --warn-bg: #fff8c5; --btn-bg: #f6f8fa; --btn-fg: #25292e;
  --primary-bg: #1f883d; --primary-fg: #ffffff; --focus: #0969da; color-scheme: light; }
:host([data-theme="dark"]) { --bg: #0d1117; --fg: #f0f6fc; --muted: #9198a1; --border: #3d444d;
  --subtle: #151b23; --accent: #4493f8; --warn-border: #d29922; --warn-bg: #272115; --btn-bg: #212830;
  --btn-fg: #f0f6fc; --primary-bg: #238636; --primary-fg: #ffffff; --focus: #1f6feb; color-scheme: dark; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
section { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: var(--bg); border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; }
h2 { font-size: 14px; margin: 0 0 6px; display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
h3 { font-size: 12px; margin: 10px 0 4px; color: var(--fg); font-weight: 600; }
.muted, .hint { color: var(--muted); }
.hint { font-size: 12px; margin: 2px 0 0; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; }
dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
ul { margin: 0; padding: 0 0 0 16px; } li { margin: 0 0 3px; overflow-wrap: anywhere; }
ul.plain { list-style: none; padding: 0; }
.nudges li { list-style: none; margin: 0 0 4px -16px; padding: 4px 8px; border-left: 3px solid var(--warn-border);
  background: var(--warn-bg); border-radius: 0 4px 4px 0; }
.warnings li { color: var(--fg); }
.level { color: var(--muted); }
.status { min-height: 0; margin: 6px 0 0; }
.status:empty { display: none; }
button, input, select, textarea { font: inherit; color: var(--fg); }
button { background: var(--btn-bg); color: var(--btn-fg); border: 1px solid var(--border); border-radius: 6px;
  padding: 3px 10px; cursor: pointer; }
button.primary { background: var(--primary-bg); color: var(--primary-fg); border-color: transparent; }
button.link { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline; }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 2px solid var(--focus); outline-offset: 1px; }
.actions { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 10px; }
form label { display: block; font-weight: 600; margin: 8px 0 2px; }
form input[type="text"], form input[type="date"], form select, form textarea { width: 100%; background: var(--bg);
  border: 1px solid var(--border); border-radius: 6px; padding: 4px 6px; }
form textarea { min-height: 48px; resize: vertical; }
fieldset { border: 1px solid var(--border); border-radius: 6px; margin: 10px 0 0; padding: 4px 8px 8px; min-width: 0; }
legend { font-weight: 600; padding: 0 4px; }
.row { border-top: 1px solid var(--border); margin-top: 6px; padding-top: 2px; }
.row:first-of-type { border-top: 0; }
.checks label { display: flex; gap: 6px; align-items: center; font-weight: 400; margin: 4px 0 0; }
.checks input { margin: 0; }
textarea.copy { width: 100%; min-height: 80px; font: 12px/1.4 ui-monospace, monospace; background: var(--subtle);
  color: var(--fg); border: 1px solid var(--border); border-radius: 6px; }
`;
