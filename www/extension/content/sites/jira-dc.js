// Jira Data Center / Server (self-hosted): wiki markup in plain textareas. Selectors from public
// extensions, see ../shared/notes/platform-facts.md; unverified against a live instance.
import { allMatches, firstMatch, textOf } from './util.js';

const DESCRIPTION = [
  { css: '#create-issue-dialog textarea#description', page: 'create issue dialog' },
  { css: '#edit-issue-dialog textarea#description', page: 'edit issue dialog' },
  { css: 'form#issue-create textarea#description', page: '/secure/CreateIssue.jspa' },
  { css: 'textarea#description', page: 'inline edit on /browse/KEY-1' },
];
const COMMENT = [{ css: 'textarea#comment', page: '/browse/KEY-1 comment' }];
const SUMMARY = [
  { css: '#create-issue-dialog input#summary', page: 'create issue dialog' },
  { css: 'input#summary', page: 'edit / create' },
  { css: '#summary-val', page: '/browse/KEY-1' },
];

// The ownership panel (content/features/panel.js): the view issue sidebar, the assignee (the
// user hover's rel attribute is the username) and the description (inline edit textarea when
// open, else the rendered #description-val read back as wiki markup).
const PANEL = {
  format: 'jira',
  title: [{ css: '#summary-val', page: '/browse/KEY-1' }],
  sidebar: [{ css: '#viewissuesidebar', page: '/browse/KEY-1' }],
  after: [{ css: '#peoplemodule', page: '/browse/KEY-1' }],
  assignee: [{ css: '#assignee-val .user-hover', page: '/browse/KEY-1' }, { css: '#assignee-val', page: '/browse/KEY-1' }],
  editor: [{ css: '#description-val textarea#description', page: '/browse/KEY-1 (inline edit)' }, { css: '#edit-issue-dialog textarea#description', page: 'edit issue dialog' }],
  source: [],
  rendered: [{ css: '#description-val .user-content-block', page: '/browse/KEY-1' }, { css: '#description-val', page: '/browse/KEY-1' }],
};

export default {
  id: 'jira-dc',
  panel: PANEL,
  name: 'Jira Data Center',
  format: 'jira',
  rewriteTo: 'jira',
  navigationEvents: [],
  teardownEvents: [],
  expectsEditor(loc, doc) {
    return !!doc.querySelector('#create-issue-dialog, #edit-issue-dialog, form#issue-create');
  },
  find(doc) {
    const title = () => textOf(firstMatch(doc, SUMMARY)).trim();
    const editors = [];
    const hits = [];
    const misses = [];
    for (const [list, role] of [[DESCRIPTION, 'body'], [COMMENT, 'comment']]) {
      // the visual editor hides the textarea (class richeditor-cover) behind a TinyMCE iframe
      for (const sel of list) {
        for (const el of doc.querySelectorAll(sel.css)) {
          if (el.classList.contains('richeditor-cover') && !el.getClientRects().length) {
            misses.push('visual editor (TinyMCE) is not supported: switch the field to Text');
          }
        }
      }
      const found = allMatches(doc, list);
      for (const el of found.elements) {
        if (!editors.some((e) => e.el === el)) {
          editors.push({ el, kind: 'textarea', role, title: role === 'body' ? title : () => '', titleEl: role === 'body' ? () => firstMatch(doc, SUMMARY) : undefined });
        }
      }
      hits.push(...found.hits);
    }
    return { editors, hits, misses };
  },
};
