//! Plain text with no markup: paragraphs split by blank lines, `-`/`*`/`•`/`1.` lines read as
//! list items, lines indented by four spaces or a tab read as code (not prose). Nothing else is
//! interpreted: `*stars*` and `# hashes` are the user's characters.
//!
//! Also home of `Blocks`, the block list with heading sections that the line-based readers
//! (plain text, Jira wiki) share.

use super::{Block, BlockBuilder, BlockKind, Document};

/// Collects finished blocks and tracks which heading each falls under.
#[derive(Default)]
pub(crate) struct Blocks {
    blocks: Vec<Block>,
    section: Option<usize>,
    current: Option<BlockBuilder>,
    /// See `Document::quoted_lines`; the plain-text reader has no quotes, Jira's does.
    pub quoted_lines: usize,
}

impl Blocks {
    /// Ends the block being built, if any.
    pub fn flush(&mut self) {
        if let Some(builder) = self.current.take() {
            if let Some(mut block) = builder.finish() {
                if block.is_heading() {
                    block.section = None;
                    self.section = Some(self.blocks.len());
                } else {
                    block.section = self.section;
                }
                self.blocks.push(block);
            }
        }
    }

    /// Starts a new block of `kind` at list depth `depth`.
    pub fn start(&mut self, kind: BlockKind, depth: u8) -> &mut BlockBuilder {
        self.flush();
        let mut b = BlockBuilder::new(kind);
        b.set_depth(depth);
        self.current.insert(b)
    }

    /// The block being built, if any.
    pub fn current(&mut self) -> Option<&mut BlockBuilder> {
        self.current.as_mut()
    }

    pub fn finish(mut self, source: &str) -> Document {
        self.flush();
        Document { source: source.to_string(), blocks: self.blocks, quoted_lines: self.quoted_lines }
    }
}

/// One line of a source: its text without the line ending, and where it starts.
pub(crate) fn lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    source.split_inclusive('\n').map(move |raw| {
        let at = start;
        start += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        (at, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Lines a piece of source spans (a last line without a newline counts).
pub(crate) fn line_count(s: &str) -> usize {
    memchr::memchr_iter(b'\n', s.as_bytes()).count() + usize::from(!s.is_empty() && !s.ends_with('\n'))
}

/// Leading horizontal whitespace (spaces, tabs, NBSP) and its byte length.
pub(crate) fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t', '\u{a0}']).len()
}

/// A list marker at the start of `rest`: its byte length including the following space, and
/// whether the list is ordered.
fn list_marker(rest: &str) -> Option<(usize, bool)> {
    for bullet in ["- ", "* ", "• ", "+ "] {
        if rest.starts_with(bullet) {
            return Some((bullet.len(), false));
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = &rest.as_bytes()[digits..];
        if after.len() >= 2 && matches!(after[0], b'.' | b')') && after[1] == b' ' {
            return Some((digits + 2, true));
        }
    }
    None
}

/// Reads a plain-text body into prose blocks.
pub fn read(source: &str) -> Document {
    let mut out = Blocks::default();
    for (at, line) in lines(source) {
        if line.trim().is_empty() {
            out.flush();
            continue;
        }
        // Code: indented by a tab or four spaces. Never prose.
        if line.starts_with('\t') || line.starts_with("    ") {
            out.flush();
            continue;
        }
        let lead = indent(line);
        let rest = &line[lead..];
        if let Some((marker, ordered)) = list_marker(rest) {
            let depth = 1 + (lead / 2).min(8) as u8;
            let b = out.start(BlockKind::ListItem { ordered, task: None }, depth);
            b.push_text(&rest[marker..], at + lead + marker);
            continue;
        }
        match out.current() {
            // A wrapped line continues the paragraph or list item above it.
            Some(b) => {
                b.push_break(at - 1, 1);
                b.push_text(rest, at + lead);
            }
            None => out.start(BlockKind::Paragraph, 0).push_text(rest, at + lead),
        }
    }
    out.finish(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn reads_paragraphs_lists_and_skips_indented_code() {
        let src = "Support agents can't see refunds older than 90 days,\r\nso customers call twice.\r\n\r\nSteps:\r\n- open https://admin.example.com/refunds\r\n2. filter by *date*\r\n\r\n    SELECT * FROM refunds;\r\n\tstack trace\r\n\r\nThanks 🙏";
        let doc = read(src);
        assert_eq!(
            texts(&doc),
            [
                "Support agents can't see refunds older than 90 days, so customers call twice.",
                "Steps:",
                "open URL",
                "filter by *date*",
                "Thanks 🙏"
            ]
        );
        assert_eq!(doc.blocks[2].kind, BlockKind::ListItem { ordered: false, task: None });
        assert_eq!(doc.blocks[3].kind, BlockKind::ListItem { ordered: true, task: None });
        let block = &doc.blocks[0];
        let at = block.text.find("so customers").unwrap();
        let (s, e) = block.to_source(at, at + 12);
        assert_eq!(&src[s..e], "so customers");
        let (s, e) = doc.blocks[2].source_range();
        assert_eq!(&src[s..e], "open https://admin.example.com/refunds");
    }

    #[test]
    fn hashes_and_markup_are_just_text() {
        let doc = read("# not a heading\n<!-- kept -->\n");
        assert_eq!(texts(&doc), ["# not a heading <!-- kept -->"]);
    }
}
