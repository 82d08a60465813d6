//! The judge's view of a ticket: every prose block lower-cased once, split into words and
//! sentences once, tagged with the kind of section it sits in and whether it is boilerplate.
//! Rules read `Sentence`s and never re-tokenise.

use super::lexicon;
use crate::model::Field;
use crate::text::scan::{sentences as split_sentences, words as tokenize};
use crate::text::{template, Block, BlockKind, Document, CODE_WORD, URL_WORD};

/// What a section heading announces; rules weigh the same sentence differently under
/// "Steps to reproduce" and under "Proposal".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    None,
    /// Problem, why, motivation, background, goal, user story.
    Problem,
    /// Summary, description, details: neutral containers.
    Description,
    /// Proposal, implementation plan, tasks, how.
    Proposal,
    /// Steps to reproduce.
    Reproduce,
    /// Expected / actual / current behaviour.
    Behaviour,
    /// Acceptance criteria, definition of done, success.
    Acceptance,
    /// Possible fixes, workarounds, options: solutions offered, not ordered.
    PossibleFix,
    /// Versions, environment, links, release notes.
    Meta,
}

impl Section {
    /// Classifies a heading's lower-case text. Order matters: "possible solution" is an offer,
    /// "proposed solution" a plan.
    pub fn classify(lower: &str) -> Section {
        let any = |keys: &[&str]| mentions(lower, keys);
        if any(&["reproduc", "repro steps"]) || lower.trim_start().starts_with("steps") && !any(&["implement", "next"]) {
            Section::Reproduce
        } else if any(&["expected", "actual", "behavio", "observed", "what happens", "result"]) {
            Section::Behaviour
        } else if any(&["possible fix", "possible solution", "workaround", "alternative", "idea", "option", "suggest"]) {
            Section::PossibleFix
        } else if any(&["acceptance", "definition of done", "success", "exit criteria", "done when", "metric", "measure"]) {
            Section::Acceptance
        } else if any(&[
            "proposal", "proposed", "solution", "implement", "how", "task", "todo", "to do", "needs to be done",
            "plan", "approach", "changes", "steps", "checklist", "technical", "scope", "requirement",
        ]) {
            Section::Proposal
        } else if any(&[
            "problem", "why", "motivation", "background", "context", "use case", "goal", "purpose", "objective",
            "user story", "impact", "aim", "jobs to be done", "pain", "rationale", "benefit", "value",
        ]) {
            Section::Problem
        } else if any(&["summary", "description", "detail", "overview", "issue", "bug", "feature", "story"]) {
            Section::Description
        } else {
            Section::Meta
        }
    }
}

/// Whether a short lower-case text (a heading) contains any of `keys`. Headings are short: a
/// plain window comparison beats building a two-way searcher per key (`str::contains`), which
/// showed in the board's wasm profile.
pub fn mentions(lower: &str, keys: &[&str]) -> bool {
    let hay = lower.as_bytes();
    keys.iter().any(|k| hay.windows(k.len()).any(|w| w == k.as_bytes()))
}

/// One prose block as the judge reads it.
pub struct BlockView<'a> {
    /// Position in `Reading::blocks`.
    pub index: usize,
    pub field: Field,
    pub block: &'a Block,
    /// The block's words lower-cased and normalised (curly apostrophes read as straight ones),
    /// one after another; `norms` indexes into it.
    lower: String,
    /// Byte ranges of words in `block.text`.
    pub words: Vec<(usize, usize)>,
    /// Byte ranges of the same words in `lower`.
    norms: Vec<(usize, usize)>,
    /// FNV-1a hash of each lower-cased word: phrase look-ups compare these before the text.
    hashes: Vec<u64>,
    /// Lexicon memberships per word (`lexicon::flags`).
    flags: Vec<u16>,
    /// Per sentence: byte start, byte end, first word, end word, and a one-bit-per-word-hash
    /// signature so phrase look-ups skip sentences that cannot contain them.
    sentences: Vec<(usize, usize, usize, usize, u64)>,
    pub section: Section,
    pub boilerplate: bool,
    /// A heading, or a short paragraph standing in for one ("**Proposal:**").
    pub heading_like: bool,
    /// Under a framing's "Original proposal (non-binding)" heading: the ticket as first written,
    /// kept as one option the owner may weigh. It reads as it did, but its orders are not given:
    /// no finding points into it, and they do not make the framed ticket prescribe.
    pub non_binding: bool,
    /// The framing's own offers (authority levels, support, the request for an assessment):
    /// read for authority, support and invitation only (`rewrite::is_offer`).
    pub framing_offer: bool,
}

impl BlockView<'_> {
    pub fn is_list_item(&self) -> bool {
        matches!(self.block.kind, BlockKind::ListItem { .. })
    }

    pub fn is_title(&self) -> bool {
        self.field == Field::Title
    }
}

/// A sentence: a window onto its block's words.
#[derive(Clone, Copy)]
pub struct Sentence<'a> {
    pub view: &'a BlockView<'a>,
    pub start: usize,
    pub end: usize,
    w0: usize,
    w1: usize,
    bits: u64,
    /// The first sentence of its block (where list markers and titles put imperatives).
    pub first_in_block: bool,
}

impl<'a> Sentence<'a> {
    pub fn len(&self) -> usize {
        self.w1 - self.w0
    }

    pub fn is_empty(&self) -> bool {
        self.w1 == self.w0
    }

    /// The i-th word, lower-cased; "" past the end.
    pub fn word(&self, i: usize) -> &'a str {
        match self.view.norms.get(self.w0 + i) {
            Some(&(s, e)) if self.w0 + i < self.w1 => &self.view.lower[s..e],
            _ => "",
        }
    }

    /// The i-th word's lexicon bits.
    pub fn flags(&self, i: usize) -> u16 {
        if i < self.len() {
            self.view.flags[self.w0 + i]
        } else {
            0
        }
    }

    /// The i-th word belongs to a lexicon list (`lexicon::ORDER` ...); false past the end.
    pub fn is(&self, i: usize, mask: u16) -> bool {
        self.flags(i) & mask != 0
    }

    /// Some word belongs to a lexicon list (`lexicon::TROUBLE` ...).
    pub fn any(&self, mask: u16) -> bool {
        self.view.flags[self.w0..self.w1].iter().any(|f| f & mask != 0)
    }

    pub fn count(&self, mask: u16) -> usize {
        self.view.flags[self.w0..self.w1].iter().filter(|f| *f & mask != 0).count()
    }

    /// The i-th word as written.
    pub fn raw(&self, i: usize) -> &'a str {
        match self.view.words.get(self.w0 + i) {
            Some(&(s, e)) if self.w0 + i < self.w1 => &self.view.block.text[s..e],
            _ => "",
        }
    }

    /// Inline code or a URL stood here.
    pub fn is_placeholder(&self, i: usize) -> bool {
        matches!(self.raw(i), CODE_WORD | URL_WORD)
    }

    pub fn words(&self) -> impl Iterator<Item = &'a str> + 'a {
        let view = self.view;
        view.norms[self.w0..self.w1].iter().map(move |&(s, e)| &view.lower[s..e])
    }

    pub fn text(&self) -> &'a str {
        &self.view.block.text[self.start..self.end]
    }

    /// Opens as a user story does ("As a maintainer ...", "As an admin ...").
    pub fn opens_user_story(&self) -> bool {
        self.word(0) == "as" && matches!(self.word(1), "a" | "an")
    }

    pub fn is_question(&self) -> bool {
        self.text().trim_end().ends_with('?')
    }

    /// Finds a phrase (`phrase!`); returns the index of its first word. The signature check is
    /// inline at each call site: most sentences lack one of the words and stop there.
    #[inline]
    pub fn find(&self, p: &Phrase) -> Option<usize> {
        if self.bits & p.bits != p.bits || p.words.len() > self.len() {
            return None;
        }
        self.scan(&p.hashes[..p.words.len()], p.words)
    }

    #[inline]
    pub fn contains(&self, p: &Phrase) -> bool {
        self.find(p).is_some()
    }

    /// Finds a run of words known only at run time (a team's vocabulary).
    pub fn find_words(&self, words: &[&str]) -> Option<usize> {
        if words.is_empty() || words.len() > self.len() {
            return None;
        }
        let hashes: Vec<u64> = words.iter().map(|w| hash(w)).collect();
        if hashes.iter().any(|&h| self.bits & bit_of(h) == 0) {
            return None;
        }
        self.scan(&hashes, words)
    }

    /// Hashes first (an integer compare per word), the text only where they all agree. One
    /// copy of the loop for every phrase: in wasm, code the engine must compile costs as much
    /// as code it runs (a copy per call site made the signal collector 53 KB).
    #[inline(never)]
    fn scan(&self, wanted: &[u64], words: &[&str]) -> Option<usize> {
        let hashes = &self.view.hashes[self.w0..self.w1];
        let (first, rest) = (wanted[0], &wanted[1..]);
        // A plain loop over the first word's hash (a `find` closure was a call per word), then
        // the rest element by element (a u64 slice `==` is a memcmp call).
        let mut from = 0;
        while let Some(k) = hashes[from..=hashes.len() - wanted.len()].iter().position(|&h| h == first) {
            let i = from + k;
            if rest.iter().enumerate().all(|(j, h)| hashes[i + 1 + j] == *h) && words.iter().enumerate().all(|(j, w)| self.word(i + j) == *w) {
                return Some(i);
            }
            from = i + 1;
        }
        None
    }

    /// Whether any word of a signature (`any_word!`) may occur: false means surely absent.
    #[inline]
    pub fn may_have(&self, signature: u64) -> bool {
        self.bits & signature != 0
    }

    /// Byte range of the i-th word in the block's clean text.
    pub fn word_range(&self, i: usize) -> Option<(usize, usize)> {
        (self.w0 + i < self.w1).then(|| self.view.words[self.w0 + i])
    }

    /// Index of the first word starting at or after `byte` (a block offset).
    pub fn word_at_or_after(&self, byte: usize) -> usize {
        (0..self.len()).find(|&i| self.view.words[self.w0 + i].0 >= byte).unwrap_or(self.len())
    }

    /// Source byte range covering words `from..to` (clamped).
    pub fn source_span(&self, from: usize, to: usize) -> (usize, usize) {
        let last = self.len();
        if last == 0 {
            return self.view.block.to_source(self.start, self.end);
        }
        let from = from.min(last - 1);
        let to = to.clamp(from + 1, last);
        let s = self.view.words[self.w0 + from].0;
        let e = self.view.words[self.w0 + to - 1].1;
        self.view.block.to_source(s, e)
    }

    /// Source range of the whole sentence, trailing space trimmed.
    pub fn whole_span(&self) -> (usize, usize) {
        let text = self.text();
        let trimmed = text.trim_end();
        let lead = text.len() - text.trim_start().len();
        self.view.block.to_source(self.start + lead.min(trimmed.len()), self.start + trimmed.len())
    }
}

/// Words a phrase may have at most (`Phrase`).
const MAX_PHRASE: usize = 6;

/// A phrase the rules look for, its words' hashes and signature bits worked out at compile
/// time (`phrase!`), so a look-up hashes nothing.
pub struct Phrase {
    words: &'static [&'static str],
    hashes: [u64; MAX_PHRASE],
    bits: u64,
}

impl Phrase {
    pub const fn new(words: &'static [&'static str]) -> Phrase {
        assert!(!words.is_empty() && words.len() <= MAX_PHRASE, "a phrase has 1 to MAX_PHRASE words");
        let mut hashes = [0; MAX_PHRASE];
        let mut i = 0;
        while i < words.len() {
            hashes[i] = hash(words[i]);
            i += 1;
        }
        Phrase { words, hashes, bits: signature(words) }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The signature bits of a set of words, for `Sentence::may_have`.
pub const fn signature(words: &[&str]) -> u64 {
    let mut bits = 0;
    let mut i = 0;
    while i < words.len() {
        bits |= bit_of(hash(words[i]));
        i += 1;
    }
    bits
}

/// `phrase!["so", "that"]`: a `&Phrase` built at compile time.
macro_rules! phrase {
    ($($w:literal),+ $(,)?) => {
        &const { $crate::judge::reading::Phrase::new(&[$($w),+]) }
    };
}
pub(crate) use phrase;

/// `any_word!["i", "we"]`: the signature of a set of words, built at compile time.
macro_rules! any_word {
    ($($w:literal),+ $(,)?) => {
        const { $crate::judge::reading::signature(&[$($w),+]) }
    };
}
pub(crate) use any_word;

/// The whole ticket as the judge reads it.
pub struct Reading<'a> {
    pub blocks: Vec<BlockView<'a>>,
    pub title: &'a Document,
    /// The body as read, for evidence the prose does not carry (code blocks, images, quotes).
    pub body: &'a Document,
    /// The body's quoted lines (`Document::quoted_lines`), less a framing's quotes of the
    /// ticket's own sentences.
    pub quoted_lines: usize,
    /// The body starts with the rewrite's framing (`rewrite::is_framed`).
    pub framed: bool,
}

impl<'a> Reading<'a> {
    pub fn new(title: &'a Document, body: &'a Document) -> Reading<'a> {
        let mut blocks = Vec::with_capacity(title.blocks.len() + body.blocks.len());
        // A body the rewrite framed: its prompts are boilerplate until answered, and what
        // follows its last heading is the original, non-binding.
        let framed = crate::rewrite::is_framed(&body.source);
        let mut non_binding = false;
        for (field, doc) in [(Field::Title, title), (Field::Body, body)] {
            let mask = template::boilerplate(doc);
            let mut section = Section::None;
            let framed_body = framed && field == Field::Body;
            for (block, boilerplate) in doc.blocks.iter().zip(mask) {
                // The framing's last heading, also where an editor's plain text lost its markup
                // (a rich-text editor's text has no `##`): the original follows, read as told.
                let original = framed_body && block.text.trim() == crate::rewrite::ORIGINAL_HEADING;
                // The framing's own text: everything before the original.
                let framing = framed_body && !non_binding && !original;
                let prompt = framing && crate::rewrite::is_prompt(&block.text);
                let mut view = view_of(blocks.len(), field, block, boilerplate || prompt);
                view.heading_like |= original;
                non_binding |= original;
                if view.heading_like && field == Field::Body {
                    // A heading-like line names the section that follows; an empty one still
                    // ends the previous section.
                    section = if original { Section::None } else { Section::classify(view.block.text.to_ascii_lowercase().trim()) };
                    view.section = section;
                } else {
                    view.section = section;
                }
                view.non_binding = non_binding;
                view.framing_offer = framing && crate::rewrite::is_offer(&block.text);
                blocks.push(view);
            }
        }
        let quoted_lines = body.quoted_lines.saturating_sub(if framed { framing_quotes(&body.source) } else { 0 });
        Reading { blocks, title, body, quoted_lines, framed }
    }

    /// Every sentence of judged prose (boilerplate, headings and link-only references
    /// excluded), title first.
    pub fn sentences(&self) -> impl Iterator<Item = Sentence<'_>> + '_ {
        self.blocks.iter().filter(|v| !v.boilerplate && !v.heading_like && !v.block.all_link).flat_map(|v| {
            v.sentences.iter().enumerate().map(move |(k, &(start, end, w0, w1, bits))| Sentence {
                view: v,
                start,
                end,
                w0,
                w1,
                bits,
                first_in_block: k == 0,
            })
        })
    }

    /// Headings and heading-like lines that introduce filled sections.
    pub fn headings(&self) -> impl Iterator<Item = &BlockView<'a>> + '_ {
        self.blocks.iter().filter(|v| v.heading_like && !v.boilerplate && !v.is_title())
    }

    pub fn title(&self) -> Option<&BlockView<'a>> {
        self.blocks.first().filter(|v| v.is_title())
    }
}

/// Quote lines the framing wrote before the original (`> ` in Markdown, `bq. ` in Jira).
fn framing_quotes(source: &str) -> usize {
    source
        .lines()
        .take_while(|l| !l.trim_end().ends_with(crate::rewrite::ORIGINAL_HEADING))
        .filter(|l| crate::rewrite::is_quote_line(l))
        .count()
}

fn view_of<'a>(index: usize, field: Field, block: &'a Block, boilerplate: bool) -> BlockView<'a> {
    let text = block.text.as_str();
    let words = tokenize(text);
    let mut lower = String::with_capacity(text.len());
    let mut norms = Vec::with_capacity(words.len());
    for &(s, e) in &words {
        let start = lower.len();
        let word = &text[s..e];
        if word.is_ascii() {
            // Most words: one copy and an in-place lowering instead of a push per char.
            lower.push_str(word);
            lower[start..].make_ascii_lowercase();
        } else {
            for ch in word.chars() {
                match ch {
                    '\u{2019}' | '\u{2018}' => lower.push('\''),
                    c => lower.push(c.to_ascii_lowercase()),
                }
            }
        }
        norms.push((start, lower.len()));
    }
    let hashes: Vec<u64> = norms.iter().map(|&(s, e)| hash(&lower[s..e])).collect();
    let flags: Vec<u16> = norms.iter().zip(&hashes).map(|(&(s, e), &h)| lexicon::flags_hashed(h, &lower[s..e])).collect();
    let mut sentences = Vec::new();
    let mut wi = 0;
    for (start, end) in split_sentences(text) {
        let w0 = wi;
        let mut bits = 0u64;
        while wi < words.len() && words[wi].0 < end {
            bits |= bit_of(hashes[wi]);
            wi += 1;
        }
        if !text[start..end].trim().is_empty() {
            sentences.push((start, end, w0, wi, bits));
        }
    }
    let heading_like = block.is_heading_like();
    BlockView { index, field, block, lower, words, norms, hashes, flags, sentences, section: Section::None, boilerplate, heading_like, non_binding: false, framing_offer: false }
}

/// FNV-1a of a word.
#[inline(always)]
pub(crate) const fn hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// One bit of a 64-bit signature per word, for quick "cannot contain" checks.
const fn bit_of(hash: u64) -> u64 {
    1 << (hash % 64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown;

    #[test]
    fn tags_sections_and_skips_boilerplate() {
        let title = Document::title("Export times out");
        let body = markdown::read(
            "## Steps to reproduce\n\n1. Open the report\n\n**Proposal:**\n\nCache the totals.\n\n## Notes\n\nDescribe the bug.\n",
        );
        let r = Reading::new(&title, &body);
        let got: Vec<(&str, Section)> = r.sentences().map(|s| (s.text().trim(), s.view.section)).collect();
        assert_eq!(
            got,
            [("Export times out", Section::None), ("Open the report", Section::Reproduce), ("Cache the totals.", Section::Proposal)]
        );
    }

    #[test]
    fn words_and_phrases_are_lower_case_with_source_spans() {
        let title = Document::title("");
        let body = markdown::read("We SHOULD use `redis` here.");
        let r = Reading::new(&title, &body);
        let s = r.sentences().next().unwrap();
        assert_eq!(s.find(phrase!["should", "use"]), Some(1));
        assert_eq!(s.find_words(&["should", "use"]), Some(1));
        assert_eq!(s.find(phrase!["use", "should"]), None);
        assert!(s.is_placeholder(3));
        assert_eq!(s.word(4), "here");
        let (a, b) = s.source_span(2, 4);
        assert_eq!(&body.source[a..b], "use `redis`");
    }
}

#[cfg(test)]
mod word_tests {
    use super::*;

    #[test]
    fn words_are_lower_cased_with_straight_apostrophes() {
        let text = "It doesn’t work in 4.17, e.g. on Café_2!";
        let title = Document::title(text);
        let body = Document::default();
        let r = Reading::new(&title, &body);
        assert_eq!(r.sentences().next().unwrap().word(1), "doesn't");
    }
}
