use super::urls;

/// Where a stretch of prose sits in the ticket's structure; rules weigh a heading or a task-list
/// item differently from a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Paragraph,
    Heading(u8),
    /// A list item; `task` is `Some(checked)` for `- [ ]` / `- [x]` items.
    ListItem { ordered: bool, task: Option<bool> },
    TableCell,
}

/// One run of the clean text and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    clean_start: usize,
    clean_len: usize,
    src_start: usize,
    src_len: usize,
}

impl Piece {
    /// A verbatim piece maps offset for offset; a placeholder (inline code, a URL, an entity)
    /// maps every offset inside it to its whole source range.
    fn verbatim(&self) -> bool {
        self.clean_len == self.src_len
    }
}

/// A block of prose: the clean text rules read, and the way back to the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Prose with markup removed; inline code reads as `CODE` and URLs as `URL`.
    pub text: String,
    /// Every piece of text in the block is emphasised (`_Describe the problem_`): a hint of
    /// template instructions.
    pub all_emphasis: bool,
    /// Every word of the block is a link's text or a URL (`[Design doc](...)`, a list of related
    /// issues): a reference to another page, named by that page's own words, not this ticket's
    /// prose.
    pub all_link: bool,
    /// Index in `Document::blocks` of the heading this block falls under.
    pub section: Option<usize>,
    /// Nesting depth inside lists (0 outside lists).
    pub depth: u8,
    pieces: Vec<Piece>,
}

/// Placeholder words for text that is kept but not judged as prose.
pub const CODE_WORD: &str = "CODE";
pub const URL_WORD: &str = "URL";

impl Block {
    /// Maps a byte range of `self.text` to a byte range of the document's source.
    pub fn to_source(&self, start: usize, end: usize) -> (usize, usize) {
        let map = |pos: usize, is_end: bool| -> usize {
            // The piece containing pos (for an end, the piece containing pos - 1).
            let probe = if is_end && pos > 0 { pos - 1 } else { pos };
            let idx = match self.pieces.binary_search_by(|p| {
                if probe < p.clean_start {
                    std::cmp::Ordering::Greater
                } else if probe >= p.clean_start + p.clean_len {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Equal
                }
            }) {
                Ok(i) => i,
                Err(i) => i.min(self.pieces.len().saturating_sub(1)),
            };
            let Some(p) = self.pieces.get(idx) else { return 0 };
            if p.verbatim() {
                let off = pos.saturating_sub(p.clean_start).min(p.src_len);
                p.src_start + off
            } else if is_end {
                p.src_start + p.src_len
            } else {
                p.src_start
            }
        };
        let s = map(start, false);
        let e = map(end, true).max(s);
        (s, e)
    }

    /// The block's whole extent in the source.
    pub fn source_range(&self) -> (usize, usize) {
        self.to_source(0, self.text.len())
    }

    /// Sentences with their byte ranges in `self.text`.
    pub fn sentences(&self) -> impl Iterator<Item = (usize, &str)> {
        super::scan::sentences(&self.text)
            .into_iter()
            .map(|(s, e)| (s, &self.text[s..e]))
            .filter(|(_, s)| !s.trim().is_empty())
    }

    /// Words (punctuation dropped) with their offsets in `self.text`; see `text::scan`.
    pub fn words(&self) -> impl Iterator<Item = (usize, &str)> {
        super::scan::words(&self.text).into_iter().map(|(s, e)| (s, &self.text[s..e]))
    }

    pub fn word_count(&self) -> usize {
        super::scan::count_words(&self.text)
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
    }

    /// A heading, or a short paragraph standing in for one ("**Proposal:**", "**Expected
    /// behavior**" on a line of its own): it names the section that follows.
    pub fn is_heading_like(&self) -> bool {
        match self.kind {
            BlockKind::Heading(_) => true,
            BlockKind::Paragraph => {
                let t = self.text.trim();
                (t.ends_with(':') || (self.all_emphasis && !t.ends_with('.'))) && self.word_count() <= 6
            }
            _ => false,
        }
    }
}

/// Collects the pieces of one block while a reader walks the source.
#[derive(Debug)]
pub struct BlockBuilder {
    kind: BlockKind,
    text: String,
    pieces: Vec<Piece>,
    emphasis_bytes: usize,
    plain_bytes: usize,
    /// Whether a word was pushed inside, and outside, a link.
    linked_words: bool,
    unlinked_words: bool,
    in_link: bool,
    depth: u8,
    /// The clean text ends in a placeholder word (`CODE`, `URL`).
    after_placeholder: bool,
}

impl BlockBuilder {
    pub fn new(kind: BlockKind) -> Self {
        BlockBuilder { kind, text: String::new(), pieces: Vec::new(), emphasis_bytes: 0, plain_bytes: 0, linked_words: false, unlinked_words: false, in_link: false, depth: 0, after_placeholder: false }
    }

    pub fn kind(&self) -> BlockKind {
        self.kind
    }

    pub fn set_kind(&mut self, kind: BlockKind) {
        self.kind = kind;
    }

    pub fn set_depth(&mut self, depth: u8) {
        self.depth = depth;
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Every piece of text so far is emphasised (see `Block::all_emphasis`).
    pub fn all_emphasis(&self) -> bool {
        self.emphasis_bytes > 0 && self.plain_bytes == 0
    }

    /// A paragraph whose text so far is all emphasis: at a line break, an emphasised lead line
    /// ("**Describe the bug**", "*Expected result*") that heads the text under it. The Markdown
    /// and Jira readers end the block there.
    pub fn is_emphasised_lead(&self) -> bool {
        self.kind == BlockKind::Paragraph && self.all_emphasis()
    }

    /// Whether the text pushed from now on is a link's text.
    pub fn set_in_link(&mut self, in_link: bool) {
        self.in_link = in_link;
    }

    /// Marks a piece of text as linked or not, if it holds a word; each flag is set once, so
    /// most pieces are not scanned at all.
    fn note_link(&mut self, text: &str, is_url: bool) {
        let flag = if self.in_link || is_url { &mut self.linked_words } else { &mut self.unlinked_words };
        if !*flag {
            *flag = text.chars().any(char::is_alphanumeric);
        }
    }

    /// Appends source text found verbatim at `src_start`, with bare URLs masked.
    pub fn push_text(&mut self, text: &str, src_start: usize) {
        self.push_text_styled(text, src_start, false);
    }

    pub fn push_text_styled(&mut self, text: &str, src_start: usize, emphasised: bool) {
        let mut last = 0;
        for (s, e) in urls::find(text) {
            self.push_verbatim(&text[last..s], src_start + last, emphasised);
            // A bare URL is a reference, as a link is.
            self.push_masked(URL_WORD, src_start + s, e - s, true);
            last = e;
        }
        self.push_verbatim(&text[last..], src_start + last, emphasised);
    }

    fn push_verbatim(&mut self, text: &str, src_start: usize, emphasised: bool) {
        if text.is_empty() {
            return;
        }
        self.note_link(text, false);
        self.separate_from_placeholder(text);
        if emphasised {
            self.emphasis_bytes += text.trim().len();
        } else {
            self.plain_bytes += text.trim().len();
        }
        self.pieces.push(Piece { clean_start: self.text.len(), clean_len: text.len(), src_start, src_len: text.len() });
        self.text.push_str(text);
    }

    /// Appends a placeholder standing for `src_len` bytes of source (inline code, an entity, a
    /// line break). A placeholder of the same length as its source must be verbatim, so pad.
    pub fn push_placeholder(&mut self, word: &str, src_start: usize, src_len: usize) {
        self.push_masked(word, src_start, src_len, false);
    }

    /// "`kind`s", "`x`y": text right after a code span or URL would join its placeholder into
    /// one word ("CODEs"), so the placeholder's piece takes a space, as padding does.
    fn separate_from_placeholder(&mut self, next: &str) {
        if !std::mem::take(&mut self.after_placeholder) || !next.starts_with(char::is_alphanumeric) {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            // Never to the source's length: a piece that long would read as verbatim.
            let pad = if last.clean_len + 1 == last.src_len { 2 } else { 1 };
            last.clean_len += pad;
            self.text.push_str(&"  "[..pad]);
        }
    }

    fn push_masked(&mut self, word: &str, src_start: usize, src_len: usize, is_url: bool) {
        self.separate_from_placeholder(word);
        let mut word = word.to_string();
        if word.len() == src_len && !word.trim().is_empty() {
            word.push(' ');
        }
        self.plain_bytes += word.trim().len();
        self.note_link(&word, is_url);
        self.pieces.push(Piece { clean_start: self.text.len(), clean_len: word.len(), src_start, src_len });
        self.text.push_str(&word);
        self.after_placeholder = matches!(word.trim_end(), CODE_WORD | URL_WORD) && !word.ends_with(' ');
    }

    /// A soft or hard line break: a space in the clean text.
    pub fn push_break(&mut self, src_start: usize, src_len: usize) {
        if src_len == 1 {
            self.after_placeholder = false;
            self.pieces.push(Piece { clean_start: self.text.len(), clean_len: 1, src_start, src_len: 1 });
            self.text.push(' ');
        } else {
            self.push_placeholder(" ", src_start, src_len);
        }
    }

    pub fn finish(self) -> Option<Block> {
        if self.is_empty() {
            return None;
        }
        Some(Block {
            kind: self.kind,
            all_emphasis: self.all_emphasis(),
            all_link: self.linked_words && !self.unlinked_words,
            text: self.text,
            section: None,
            depth: self.depth,
            pieces: self.pieces,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_clean_offsets_back_through_placeholders() {
        // Source: "Use `redis` now, see https://x.io ok"
        let src = "Use `redis` now, see https://x.io ok";
        let mut b = BlockBuilder::new(BlockKind::Paragraph);
        b.push_text("Use ", 0);
        b.push_placeholder(CODE_WORD, 4, 7);
        b.push_text(" now, see https://x.io ok", 11);
        let block = b.finish().unwrap();
        assert_eq!(block.text, "Use CODE now, see URL ok");
        let now = block.text.find("now").unwrap();
        let (s, e) = block.to_source(now, now + 3);
        assert_eq!(&src[s..e], "now");
        let code = block.text.find("CODE").unwrap();
        let (s, e) = block.to_source(code, code + 4);
        assert_eq!(&src[s..e], "`redis`");
        let url = block.text.find("URL").unwrap();
        let (s, e) = block.to_source(url, url + 3);
        assert_eq!(&src[s..e], "https://x.io");
        let (s, e) = block.to_source(0, block.text.len());
        assert_eq!(&src[s..e], src);
    }
}
