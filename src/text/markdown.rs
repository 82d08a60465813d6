//! GitHub / GitLab Markdown through pulldown-cmark's offset iterator. Prose comes from paragraphs,
//! headings, list items and table cells, and the visible text of HTML blocks (`text::html`);
//! code blocks, block quotes, HTML comments, inline HTML tags and images are skipped, inline
//! code becomes a `CODE` placeholder.

use super::{Block, BlockBuilder, BlockKind, Document};
use crate::text::block::CODE_WORD;
use crate::text::html::{self, Edge, Part};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
}

/// Reads a Markdown body into prose blocks.
pub fn read(source: &str) -> Document {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<BlockBuilder> = None;
    // Depth of constructs whose text is never prose (code blocks, quotes, images, HTML blocks).
    let mut skip = 0usize;
    let mut emphasis = 0usize;
    let mut link = 0usize;
    let mut list_stack: Vec<bool> = Vec::new();
    let mut section: Option<usize> = None;
    let mut quote_depth = 0usize;
    let mut quoted_lines = 0usize;

    let flush = |current: &mut Option<BlockBuilder>, blocks: &mut Vec<Block>, section: &mut Option<usize>| {
        if let Some(builder) = current.take() {
            if let Some(mut block) = builder.finish() {
                if block.is_heading() {
                    block.section = None;
                    *section = Some(blocks.len());
                } else {
                    block.section = *section;
                }
                blocks.push(block);
            }
        }
    };

    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) if skip == 0 => {
                flush(&mut current, &mut blocks, &mut section);
                let mut flush_to = |b: &mut Option<BlockBuilder>| flush(b, &mut blocks, &mut section);
                quoted_lines += read_html(&source[range.clone()], range.start, &mut current, &mut flush_to);
                flush(&mut current, &mut blocks, &mut section);
                skip += 1; // its Html events are read
            }
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::BlockQuote(_) | Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    if matches!(tag, Tag::BlockQuote(_)) {
                        if quote_depth == 0 {
                            quoted_lines += super::plain::line_count(&source[range.clone()]);
                        }
                        quote_depth += 1;
                    }
                    if skip == 0 {
                        flush(&mut current, &mut blocks, &mut section);
                    }
                    skip += 1;
                }
                Tag::Paragraph => {
                    if skip == 0 {
                        // A paragraph inside a list item continues the item's block when the item
                        // has no text yet (loose lists), otherwise starts a new paragraph block.
                        let continue_item = matches!(&current, Some(b) if matches!(b.kind(), BlockKind::ListItem { .. }) && b.is_empty());
                        if !continue_item {
                            flush(&mut current, &mut blocks, &mut section);
                            current = Some(BlockBuilder::new(BlockKind::Paragraph));
                        }
                    }
                }
                Tag::Heading { level, .. } => {
                    if skip == 0 {
                        flush(&mut current, &mut blocks, &mut section);
                        current = Some(BlockBuilder::new(BlockKind::Heading(level as u8)));
                    }
                }
                Tag::List(start) => {
                    if skip == 0 {
                        flush(&mut current, &mut blocks, &mut section);
                    }
                    list_stack.push(start.is_some());
                }
                Tag::Item => {
                    if skip == 0 {
                        flush(&mut current, &mut blocks, &mut section);
                        let ordered = list_stack.last().copied().unwrap_or(false);
                        let mut b = BlockBuilder::new(BlockKind::ListItem { ordered, task: None });
                        b.set_depth(list_stack.len().min(u8::MAX as usize) as u8);
                        current = Some(b);
                    }
                }
                Tag::TableCell => {
                    if skip == 0 {
                        flush(&mut current, &mut blocks, &mut section);
                        current = Some(BlockBuilder::new(BlockKind::TableCell));
                    }
                }
                Tag::Emphasis | Tag::Strong => emphasis += 1,
                Tag::Link { .. } => link += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                    if matches!(tag, TagEnd::BlockQuote(_)) {
                        quote_depth = quote_depth.saturating_sub(1);
                    }
                    skip = skip.saturating_sub(1);
                }
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                    if skip == 0 {
                        flush(&mut current, &mut blocks, &mut section);
                    }
                }
                TagEnd::List(_) => {
                    list_stack.pop();
                }
                TagEnd::Emphasis | TagEnd::Strong => emphasis = emphasis.saturating_sub(1),
                TagEnd::Link => link = link.saturating_sub(1),
                _ => {}
            },
            Event::Text(text) if skip == 0 => {
                let builder = current.get_or_insert_with(|| BlockBuilder::new(BlockKind::Paragraph));
                builder.set_in_link(link > 0);
                if source.get(range.clone()) == Some(text.as_ref()) {
                    builder.push_text_styled(&text, range.start, emphasis > 0);
                } else {
                    // Entities and escapes (`&amp;`, `\*`): the clean text differs from the source.
                    builder.push_placeholder(&text, range.start, range.len());
                }
            }
            Event::Code(_) if skip == 0 => {
                let builder = current.get_or_insert_with(|| BlockBuilder::new(BlockKind::Paragraph));
                builder.set_in_link(link > 0);
                builder.push_placeholder(CODE_WORD, range.start, range.len());
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => {
                // "**Describe the bug**" on a line of its own, the text right under it: GitHub's
                // issue templates write a heading so. The emphasised line is a block of its own
                // (a heading-like line to `judge::reading`), else the reporter's text would be
                // read as part of the template's instruction.
                let lead_line = emphasis == 0 && current.as_ref().is_some_and(BlockBuilder::is_emphasised_lead);
                if lead_line {
                    flush(&mut current, &mut blocks, &mut section);
                    current = Some(BlockBuilder::new(BlockKind::Paragraph));
                } else if let Some(builder) = current.as_mut() {
                    builder.push_break(range.start, range.len().max(1));
                }
            }
            Event::TaskListMarker(checked) if skip == 0 => {
                if let Some(builder) = current.as_mut() {
                    if let BlockKind::ListItem { ordered, .. } = builder.kind() {
                        builder.set_kind(BlockKind::ListItem { ordered, task: Some(checked) });
                    }
                }
            }
            // HTML comments, inline HTML, math and footnote references are never prose.
            _ => {}
        }
    }
    flush(&mut current, &mut blocks, &mut section);
    Document { source: source.to_string(), blocks, quoted_lines }
}

/// An HTML block's visible text as blocks (`text::html`); `base` is where it starts in the source.
/// Returns the lines its `<blockquote>`s hold, counted as Markdown's `>` quotes are.
fn read_html(html: &str, base: usize, current: &mut Option<BlockBuilder>, flush: &mut dyn FnMut(&mut Option<BlockBuilder>)) -> usize {
    let mut quoted_lines = 0;
    // A break counts only between words: not before a block's end (`...blur.\n</p>`).
    let mut pending_break: Option<(usize, usize)> = None;
    for part in html::parts(html) {
        if let (Some((start, len)), Part::Text { .. } | Part::Entity { .. } | Part::Code { .. }, Some(b)) = (pending_break, &part, current.as_mut()) {
            b.push_break(base + start, len);
        }
        if !matches!(part, Part::Break { .. }) {
            pending_break = None;
        }
        match part {
            Part::Edge(edge) => {
                flush(current);
                *current = match edge {
                    Edge::Heading(level) => Some(BlockBuilder::new(BlockKind::Heading(level))),
                    Edge::ListItem { ordered } => {
                        let mut b = BlockBuilder::new(BlockKind::ListItem { ordered, task: None });
                        b.set_depth(1);
                        Some(b)
                    }
                    Edge::Other => None,
                };
            }
            Part::Text { start, end, emphasised, linked } => {
                let text = &html[start..end];
                if current.is_some() || !text.trim().is_empty() {
                    let builder = current.get_or_insert_with(|| BlockBuilder::new(BlockKind::Paragraph));
                    builder.set_in_link(linked);
                    builder.push_text_styled(text, base + start, emphasised);
                }
            }
            Part::Quote { start, len } => quoted_lines += super::plain::line_count(&html[start..start + len]),
            Part::Entity { ch, start, len } => {
                current.get_or_insert_with(|| BlockBuilder::new(BlockKind::Paragraph)).push_placeholder(ch.encode_utf8(&mut [0; 4]), base + start, len);
            }
            Part::Code { start, len } => {
                current.get_or_insert_with(|| BlockBuilder::new(BlockKind::Paragraph)).push_placeholder(CODE_WORD, base + start, len);
            }
            Part::Break { start, len } => {
                if current.is_some() && pending_break.is_none() {
                    pending_break = Some((start, len));
                }
            }
        }
    }
    quoted_lines
}

/// A code span whose fence outnumbers any backtick run inside.
pub fn code_span(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let ticks = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.starts_with(' ') { " " } else { "" };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

pub fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn keeps_code_comments_and_quotes_out_of_prose() {
        let src = "## Problem\r\n\r\nExport fails for `big` files.\r\n\r\n<!-- Describe the bug -->\r\n\r\n```\r\nstack trace here\r\n```\r\n\r\n> quoted text\r\n\r\n- [ ] add a test\r\n";
        let doc = read(src);
        assert_eq!(texts(&doc), ["Problem", "Export fails for CODE files.", "add a test"]);
        assert_eq!(doc.blocks[1].section, Some(0));
        assert_eq!(doc.blocks[2].kind, BlockKind::ListItem { ordered: false, task: Some(false) });
        for block in &doc.blocks {
            let (s, e) = block.source_range();
            assert!(src.is_char_boundary(s) && src.is_char_boundary(e));
        }
        let (s, e) = doc.blocks[1].source_range();
        assert_eq!(&src[s..e], "Export fails for `big` files.");
    }

    #[test]
    fn reads_html_blocks_as_a_reader_sees_them() {
        let src = "<p>\nIn the dark theme <code>&lt;pre&gt;</code> and\nquotes share a colour &amp; blur.\n</p>\n\n\
                   <details><summary>Reporter: ana</summary>\n\n```\ntrace\n```\n\n</details>\n\n<h3>Steps</h3><ol><li>Open a quote</li></ol>\n";
        let doc = read(src);
        assert_eq!(texts(&doc), ["In the dark theme CODE and quotes share a colour & blur.", "Steps", "Open a quote"]);
        assert_eq!(doc.blocks[1].kind, BlockKind::Heading(3));
        assert_eq!(doc.blocks[2].kind, BlockKind::ListItem { ordered: true, task: None });
        assert_eq!(doc.blocks[2].section, Some(1));
        let block = &doc.blocks[0];
        for (word, original) in [("CODE", "<code>&lt;pre&gt;</code>"), ("quotes", "quotes"), ("&", "&amp;")] {
            let at = block.text.find(word).unwrap();
            let (s, e) = block.to_source(at, at + word.len());
            assert_eq!(&src[s..e], original);
        }
    }

    // pulldown-cmark is patched (vendor/pulldown-cmark/PATCH.md): its entity table is re-encoded.
    // Names at both ends of the table, a value that is ASCII ("fjlig"), near misses left literal.
    #[test]
    fn decodes_named_entities_through_the_patched_table() {
        let src = "&AElig;sop caf&eacute; &amp; &fjlig;ord &zwnj;x &Amp; &ampx; &semi;";
        let doc = read(src);
        assert_eq!(texts(&doc), ["\u{c6}sop caf\u{e9} & fjord \u{200c}x &Amp; &ampx; ;"]);
        let block = &doc.blocks[0];
        let at = block.text.find('\u{e9}').unwrap();
        let (s, e) = block.to_source(at, at + '\u{e9}'.len_utf8());
        assert_eq!(&src[s..e], "&eacute;");
    }

    #[test]
    fn text_glued_to_a_code_span_stays_a_word_of_its_own() {
        // The second span is five bytes, one more than its placeholder: the separating space
        // must not make the piece as long as its source, which would read as verbatim text.
        let src = "Set `kind`s and `abc`c, see https://x.io/a`b`.";
        let doc = read(src);
        let block = &doc.blocks[0];
        let words: Vec<&str> = block.words().map(|(_, w)| w).collect();
        assert_eq!(words, ["Set", "CODE", "s", "and", "CODE", "c", "see", "URL", "CODE"]);
        let at = block.text.find("CODE s").unwrap();
        assert_eq!(block.to_source(at, at + 4), (4, 10));
        let at = block.text.rfind("CODE  c").unwrap();
        let (s, e) = block.to_source(at, at + 4);
        assert_eq!(&src[s..e], "`abc`");
    }

    #[test]
    fn soft_breaks_read_as_spaces_and_map_back() {
        let src = "Users cannot\nexport 😀 data\u{a0}now.";
        let doc = read(src);
        assert_eq!(doc.blocks.len(), 1);
        let block = &doc.blocks[0];
        assert_eq!(block.text, "Users cannot export 😀 data\u{a0}now.");
        let at = block.text.find("now").unwrap();
        let (s, e) = block.to_source(at, at + 3);
        assert_eq!(&src[s..e], "now");
    }

    #[test]
    fn emphasis_only_paragraphs_are_marked() {
        let doc = read("_Describe what you expected to happen._\n\nIt crashed.");
        assert!(doc.blocks[0].all_emphasis);
        assert!(!doc.blocks[1].all_emphasis);
    }

    #[test]
    fn an_emphasised_lead_line_is_a_block_of_its_own() {
        let src = "**Describe the bug**\nExports fail for files over 2 GB.\n\n**Note:** this\nis one paragraph.\n";
        let doc = read(src);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Describe the bug", "Exports fail for files over 2 GB.", "Note: this is one paragraph."]);
        assert!(doc.blocks[0].all_emphasis && !doc.blocks[1].all_emphasis);
        let (s, e) = doc.blocks[1].source_range();
        assert_eq!(&src[s..e], "Exports fail for files over 2 GB.");
    }

    #[test]
    fn link_only_blocks_are_marked_as_references() {
        let doc = read("[Link to epic](https://x.io/e/1).\n\n- [Add CSV export](#12)\n- https://x.io/i/3\n\nSee [the doc](https://x.io/d) first.\n\nAdd [CSV](https://x.io) export\n");
        let marks: Vec<bool> = doc.blocks.iter().map(|b| b.all_link).collect();
        assert_eq!(marks, [true, true, true, false, false]);
    }

    #[test]
    fn counts_quoted_lines_and_allows_quote_marks_in_code() {
        let doc = read("Follow up on this:\n\n> We should\n> keep the order.\n>\n> > nested\n\n```\n> npm test\n```\n");
        assert_eq!(doc.quoted_lines, 4);
        assert!(doc.blocks.iter().all(|b| !b.text.contains("keep")));
        assert_eq!(read("No quote here.\n\n```\n> npm test\n```\n").quoted_lines, 0);
        let html = read("<p>Follow up on this:</p>\n<blockquote>\nWe should\nkeep the order.\n</blockquote>\n\n<p>Thanks</p>\n");
        assert_eq!(html.quoted_lines, 4);
        assert!(html.blocks.iter().all(|b| !b.text.contains("keep")));
    }

    #[test]
    fn html_link_only_blocks_are_marked_as_references() {
        let doc = read("<p><a href=\"https://x.io/e/1\">Link to epic</a></p>\n<p>See <a href=\"https://x.io\">the doc</a>.</p>\n");
        let marks: Vec<bool> = doc.blocks.iter().map(|b| b.all_link).collect();
        assert_eq!(marks, [true, false]);
    }
}
