// The benchmarks' board list: N GitHub issues built from ../shared/corpus/tickets.jsonl (read at
// run time, never copied), repeated with variations (numbered titles, rotated assignees, a
// varying last sentence) so no two tickets are the same text. Shared by bench/board.mjs and
// bench/board-rows.mjs so both judge exactly the same list.
import { existsSync, readFileSync } from 'node:fs';

export const CORPUS = new URL('../../shared/corpus/tickets.jsonl', import.meta.url);

/** `{issues, corpusTickets}`, or null when the corpus is absent. */
export function boardList(n) {
  if (!existsSync(CORPUS)) return null;
  const corpus = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const people = ['ana', 'bo', 'cy', 'dee', null, 'eli', 'fay'];
  const extra = ['', '\n\nThis came up again this week.', '\n\nSee the linked thread for context.', '\n\nPlease take a look when you can.'];
  const issues = Array.from({ length: n }, (_, i) => {
    const t = corpus[i % corpus.length];
    const round = Math.floor(i / corpus.length);
    return {
      number: i + 1,
      title: round ? `${t.title} (${round + 1})` : t.title,
      body: (t.body ?? '') + extra[(i + round) % extra.length],
      html_url: `https://github.com/example/bench/issues/${i + 1}`,
      assignee: people[i % people.length] ? { login: people[i % people.length] } : null,
      state: i % 5 ? 'open' : 'closed',
    };
  });
  return { issues, corpusTickets: corpus.length };
}
