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

export default {
  id: 'github',
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
    for (const el of body.elements) editors.push({ el, kind: 'textarea', role: 'body', title });
    for (const el of comments.elements) {
      if (!body.elements.includes(el)) editors.push({ el, kind: 'textarea', role: 'comment', title: () => '' });
    }
    const hits = [...body.hits, ...comments.hits];
    if (!editors.length && this.expectsEditor(doc.location)) {
      // final fallback: the largest visible textarea of an issue form
      const el = largest(doc, ['form', '[data-testid="issue-create-pane"]', 'main'], 'textarea');
      if (el) {
        editors.push({ el, kind: 'textarea', role: 'body', title });
        hits.push('fallback: largest textarea');
      }
    }
    return { editors, hits };
  },
};
