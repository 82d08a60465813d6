// GitHub issues (github.com and GitHub Enterprise Server). Selectors from public extensions, see
// ../shared/notes/platform-facts.md; could not be checked against the live site here.
import { allMatches, firstMatch, largest, textOf } from './util.js';

const BODY = [
  // new issue, React issues UI (2024-): the Markdown editor's textarea (hashed CSS-module class: fragile)
  { css: '[class*="MarkdownInput-module__textArea"] textarea', page: '/:owner/:repo/issues/new' },
  { css: 'textarea[class*="MarkdownInput-module__textArea"]', page: '/:owner/:repo/issues/new' },
  // editing the issue body in place (React issue view)
  { css: '[data-testid="issue-body"] textarea', page: '/:owner/:repo/issues/:n (edit description)' },
  // older Rails views
  { css: 'textarea#issue_body', page: '/:owner/:repo/issues/new (classic)' },
];
const COMMENT = [
  { css: 'textarea[aria-labelledby="comment-composer-heading"]', page: '/:owner/:repo/issues/:n' },
  { css: '[data-testid="comment-composer"] textarea', page: '/:owner/:repo/issues/:n' },
  { css: 'textarea#new_comment_field', page: '/:owner/:repo/issues/:n (classic)' },
];
const TITLE = [
  { css: 'input[aria-label="Add a title"]', page: 'new issue (React)' },
  { css: 'input#issue_title', page: 'new issue (classic)' },
  { css: '[data-testid="issue-title"]', page: 'issue view' },
  { css: '.js-issue-title', page: 'issue view (classic)' },
];

// The ownership panel (content/features/panel.js): where it goes and where it reads from.
// GitHub's rendered issue body drops HTML comments (the block's markers), so the raw Markdown
// comes from the body's edit textarea when it is open, else from the edit form's textarea that
// the classic view keeps hidden in the page (`form.js-comment-update textarea[name="issue[body]"]`).
const PANEL = {
  format: 'markdown',
  title: [{ css: '[data-testid="issue-title"]', page: 'issue view' }, { css: '.js-issue-title', page: 'issue view (classic)' }],
  sidebar: [
    { css: '[data-testid="issue-viewer-metadata-container"]', page: '/:owner/:repo/issues/:n' },
    { css: '#partial-discussion-sidebar', page: '/:owner/:repo/issues/:n (classic)' },
  ],
  after: [
    { css: '[data-testid="sidebar-assignees-section"]', page: 'issue sidebar' },
    { css: '.discussion-sidebar-item.sidebar-assignee', page: 'issue sidebar (classic)' },
  ],
  assignee: [
    { css: '[data-testid="sidebar-assignees-section"] a[data-hovercard-type="user"]', page: 'issue sidebar' },
    { css: '.sidebar-assignee a.assignee', page: 'issue sidebar (classic)' },
  ],
  editor: [
    { css: '[data-testid="issue-body"] textarea', page: 'issue view, editing the description' },
    { css: '.js-comment-update textarea[name="issue[body]"]', page: 'issue view (classic), editing' },
  ],
  source: [
    { css: '[data-testid="issue-body"] textarea[name="issue[body]"]', page: 'issue view, hidden edit form' },
    { css: 'form.js-comment-update textarea[name="issue[body]"]', page: 'issue view (classic), hidden edit form' },
  ],
  rendered: [
    { css: '[data-testid="issue-body"] [data-testid="markdown-body"]', page: 'issue view' },
    { css: '.react-issue-body .markdown-body', page: 'issue view' },
  ],
};

export default {
  id: 'github',
  panel: PANEL,
  name: 'GitHub',
  format: 'markdown',
  rewriteTo: 'markdown',
  navigationEvents: ['turbo:render', 'soft-nav:react-done', 'turbo:load', 'pjax:end'],
  teardownEvents: ['turbo:visit', 'turbo:before-fetch-request'],
  /** Does this URL show an issue form or an issue? */
  expectsEditor(loc) {
    return /\/issues\/(new|\d+)/.test(loc.pathname);
  },
  find(doc) {
    const body = allMatches(doc, BODY);
    const comments = allMatches(doc, COMMENT);
    const editors = [];
    const title = () => textOf(firstMatch(doc, TITLE)).trim();
    const titleEl = () => firstMatch(doc, TITLE);
    for (const el of body.elements) editors.push({ el, kind: 'textarea', role: 'body', title, titleEl });
    for (const el of comments.elements) {
      if (!body.elements.includes(el)) editors.push({ el, kind: 'textarea', role: 'comment', title: () => '' });
    }
    const hits = [...body.hits, ...comments.hits];
    if (!editors.length && this.expectsEditor(doc.location)) {
      // final fallback: the largest visible textarea of an issue form
      const el = largest(doc, ['form', '[data-testid="issue-create-pane"]', 'main'], 'textarea');
      if (el) {
        editors.push({ el, kind: 'textarea', role: 'body', title, titleEl });
        hits.push('fallback: largest textarea');
      }
    }
    return { editors, hits };
  },
};
