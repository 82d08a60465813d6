// Jira Cloud (*.atlassian.net): the description is an Atlassian editor (ProseMirror). Selectors
// from public extensions, see ../shared/notes/platform-facts.md; unverified against the live site.
import { allMatches, firstMatch, largest, textOf } from './util.js';

const DESCRIPTION = [
  // create dialog
  { css: '[data-testid="issue-create.common.ui.fields.description-field.wrapper"] .ProseMirror[contenteditable="true"]', page: 'create issue dialog' },
  // issue view, editing the description
  { css: '[data-testid="issue.views.field.rich-text.description"] .ProseMirror[contenteditable="true"]', page: '/browse/KEY-1 (edit description)' },
  { css: '#ak-editor-textarea[contenteditable="true"]', page: '/browse/KEY-1 (edit description)' },
];
const SUMMARY = [
  { css: '#summary-field', page: 'create issue dialog' },
  { css: '[data-testid="issue.views.issue-base.foundation.summary.heading"]', page: '/browse/KEY-1' },
];

// The ownership panel (content/features/panel.js): the right-hand details panel, the assignee
// field, and the description (the editor when it is open, else the rendered description, read
// back as wiki markup: the block's markers are visible text in Jira).
const PANEL = {
  format: 'jira',
  title: [{ css: '[data-testid="issue.views.issue-base.foundation.summary.heading"]', page: '/browse/KEY-1' }],
  sidebar: [{ css: '[data-testid="issue.views.issue-details.issue-layout.container-right"]', page: '/browse/KEY-1' }],
  after: [],
  assignee: [{ css: '[data-testid="issue.views.field.user.assignee"]', page: '/browse/KEY-1' }],
  editor: [
    { css: '[data-testid="issue.views.field.rich-text.description"] .ProseMirror[contenteditable="true"]', page: '/browse/KEY-1 (edit description)' },
  ],
  source: [],
  rendered: [
    { css: '[data-testid="issue.views.field.rich-text.description"] .ak-renderer-document', page: '/browse/KEY-1' },
    { css: '[data-testid="issue.views.field.rich-text.description"]', page: '/browse/KEY-1' },
  ],
};

export default {
  id: 'jira-cloud',
  panel: PANEL,
  name: 'Jira Cloud',
  format: 'text', // the text is read from the editor's DOM, block by block
  rewriteTo: 'markdown', // pasted as text/plain + simple text/html; the editor turns it into rich text
  navigationEvents: [],
  teardownEvents: [],
  // An issue view shows the description rendered until someone clicks it: only a create form or
  // an open editor in the description field means an editor should be there (else a miss).
  expectsEditor(loc, doc) {
    return !!doc.querySelector(
      '[data-testid="issue-create.ui.modal.create-form"], [data-testid="issue.views.field.rich-text.description"] [contenteditable="true"]',
    );
  },
  find(doc) {
    const found = allMatches(doc, DESCRIPTION);
    const title = () => textOf(firstMatch(doc, SUMMARY)).trim();
    const titleEl = () => firstMatch(doc, SUMMARY);
    const editors = found.elements.map((el) => ({ el, kind: 'prosemirror', role: 'body', title, titleEl }));
    const hits = [...found.hits];
    if (!editors.length && this.expectsEditor(doc.location, doc)) {
      const el = largest(
        doc,
        ['[data-testid="issue-create.ui.modal.create-form"]', '[role="dialog"]', 'form'],
        '.ProseMirror[contenteditable="true"], [contenteditable="true"]',
      );
      if (el) {
        editors.push({ el, kind: 'prosemirror', role: 'body', title, titleEl });
        hits.push('fallback: largest contenteditable');
      }
    }
    return { editors, hits };
  },
};
