//! Jira wiki markup (Jira Data Center / Server, Cloud REST v2). Line based, like Jira's own
//! renderer: `h1.`..`h6.` headings, `*`/`-`/`#` list items, `||header||`/`|cell|` tables.
//! `{code}`, `{noformat}` and `{quote}` blocks and `bq.` lines are never prose; `{{code}}` reads
//! as `CODE`; `[text|url]` keeps its text; `*bold*`/`_italic_` markers and macro markers such as
//! `{panel}` and `{color:red}` are dropped from the clean text. The source is never changed.

use super::block::{BlockBuilder, BlockKind, CODE_WORD, URL_WORD};
use super::plain::{indent, line_count, lines, Blocks};
use super::Document;

/// Block macros whose whole body is not prose, with where each (possibly unclosed) one ends.
const SKIPPED_MACROS: [&str; 3] = ["code", "noformat", "quote"];

/// Byte ranges of `{code}`, `{noformat}` and `{quote}` blocks, markers included. An unclosed
/// block runs to the end: better to judge too little than to judge a stack trace.
fn skipped_ranges(source: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut i = 0;
    while let Some(off) = source[i..].find('{') {
        let start = i + off;
        // `\{code}` is Jira's escape for the literal text.
        if start > 0 && source.as_bytes()[start - 1] == b'\\' {
            i = start + 1;
            continue;
        }
        let rest = &source[start + 1..];
        let name = SKIPPED_MACROS.iter().find(|m| {
            rest.len() > m.len()
                && rest.as_bytes()[..m.len()].eq_ignore_ascii_case(m.as_bytes())
                && matches!(rest.as_bytes()[m.len()], b'}' | b':')
        });
        let Some(name) = name else {
            i = start + 1;
            continue;
        };
        let Some(open_len) = window(rest, MAX_MARKER).find('}').map(|c| c + 2) else {
            i = start + 1;
            continue;
        };
        let body = start + open_len;
        let close = format!("{{{name}}}");
        let end = match find_ignore_case(&source[body..], &close) {
            Some(c) => body + c + close.len(),
            None => source.len(),
        };
        ranges.push((start, end));
        i = end;
    }
    ranges
}

/// `{quote}` or `{quote:...}` at the start of `s`, in any case.
fn is_quote_macro(s: &str) -> bool {
    s.len() >= 7 && s.as_bytes()[1..6].eq_ignore_ascii_case(b"quote") && matches!(s.as_bytes()[6], b'}' | b':')
}

/// How far inline markup may reach: Jira's own renderer pairs markers within a line, and a bound
/// keeps hostile lines (`[[[[...`, `*a*a*a...`) linear.
const MAX_INLINE: usize = 2048;
/// How long a macro marker (`{panel:title=...}`) may be.
const MAX_MARKER: usize = 512;

/// The first `limit` bytes of `s`, cut at a char boundary.
fn window(s: &str, limit: usize) -> &str {
    let mut end = limit.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().checked_sub(n.len())? + 1).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Reads a Jira wiki body into prose blocks.
pub fn read(source: &str) -> Document {
    let mut out = Blocks::default();
    let skipped = skipped_ranges(source);
    out.quoted_lines = skipped.iter().filter(|&&(s, _)| is_quote_macro(&source[s..])).map(|&(s, e)| line_count(&source[s..e])).sum();
    let mut next = 0;
    for (at, full) in lines(source) {
        // Cut away the parts of the line inside skipped blocks; what remains is read in pieces.
        let line_end = at + full.len();
        while next < skipped.len() && skipped[next].1 <= at {
            next += 1;
        }
        let mut visible: Vec<(usize, usize)> = vec![(at, line_end)];
        for &(s, e) in skipped[next..].iter().take_while(|(s, _)| *s < line_end) {
            visible = visible
                .into_iter()
                .flat_map(|(a, b)| [(a, b.min(s)), (a.max(e), b)])
                .filter(|(a, b)| a < b)
                .collect();
        }
        let whole_line = visible.len() == 1 && visible[0] == (at, line_end);
        if !whole_line {
            // A code or quote block interrupts the paragraph; prose beside it on the same line
            // (`Run {{x}} {code}...`) reads as a paragraph of its own.
            out.flush();
            for (a, b) in visible {
                let piece = &source[a..b];
                let trimmed = piece.trim();
                if !trimmed.is_empty() {
                    let a = a + (piece.len() - piece.trim_start().len());
                    let builder = out.start(BlockKind::Paragraph, 0);
                    inline(builder, trimmed, a, false, 0);
                    out.flush();
                }
            }
            continue;
        }
        read_line(&mut out, full, at);
    }
    out.finish(source)
}

fn read_line(out: &mut Blocks, line: &str, at: usize) {
    if line.trim().is_empty() {
        out.flush();
        return;
    }
    let lead = indent(line);
    let rest = &line[lead..];
    let at = at + lead;
    // Headings: `h2. Why`.
    let b = rest.as_bytes();
    if b.len() >= 3 && (b[0] == b'h' || b[0] == b'H') && (b'1'..=b'6').contains(&b[1]) && b[2] == b'.' {
        let text = &rest[3..];
        let skip = indent(text);
        let builder = out.start(BlockKind::Heading(b[1] - b'0'), 0);
        inline(builder, &text[skip..], at + 3 + skip, false, 0);
        out.flush();
        return;
    }
    // `bq. quoted`: someone else's words, not prose; `----`: a rule.
    if rest.starts_with("bq.") || (rest.len() >= 4 && rest.trim_end().bytes().all(|c| c == b'-')) {
        out.quoted_lines += usize::from(rest.starts_with("bq."));
        out.flush();
        return;
    }
    // Tables: each cell a block.
    if rest.starts_with('|') {
        out.flush();
        for (s, e) in cells(rest) {
            let builder = out.start(BlockKind::TableCell, 0);
            inline(builder, &rest[s..e], at + s, false, 0);
        }
        out.flush();
        return;
    }
    // Lists: `* a`, `** nested`, `# one`, `#* mixed`, `- dash`.
    let marker = rest.bytes().take_while(|c| matches!(c, b'*' | b'#' | b'-')).count();
    if marker > 0 && rest.as_bytes().get(marker).is_some_and(|c| *c == b' ' || *c == b'\t') {
        let marks = &rest.as_bytes()[..marker];
        // `- ` only as a single marker: `-- ` and `--- ` are Jira's dashes in prose.
        if marks[0] != b'-' || marker == 1 {
            let ordered = marks[marker - 1] == b'#';
            let builder = out.start(BlockKind::ListItem { ordered, task: None }, marker.min(8) as u8);
            inline(builder, &rest[marker + 1..], at + marker + 1, false, 0);
            return;
        }
    }
    // A macro marker alone on its line (`{panel:title=Notes}`, `{panel}`, `{color:red}`)
    // separates blocks.
    if is_macro_only(rest.trim_end()) {
        out.flush();
        return;
    }
    // "*Expected result*" on a line of its own heads the text under it (see the Markdown reader).
    if out.current().is_some_and(|b| b.is_emphasised_lead()) {
        out.flush();
    }
    match out.current() {
        Some(builder) => {
            builder.push_break(at - lead - 1, 1);
            inline(builder, rest, at, false, 0);
        }
        None => {
            let builder = out.start(BlockKind::Paragraph, 0);
            inline(builder, rest, at, false, 0);
        }
    }
}

/// `{name}` or `{name:params}` with nothing else.
fn is_macro_only(s: &str) -> bool {
    s.len() >= 3 && s.starts_with('{') && s.ends_with('}') && macro_len(s) == Some(s.len())
}

/// The byte length of a macro marker at the start of `s` (`{panel:title=x}`), not `{{code}}`.
fn macro_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 3 || b[0] != b'{' || !b[1].is_ascii_alphabetic() {
        return None;
    }
    let close = window(s, MAX_MARKER).find('}')?;
    let name_end = s[1..close].find(':').map_or(close, |c| c + 1);
    s[1..name_end].bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_').then_some(close + 1)
}

/// Cell byte ranges in a table row (`||a||b||` or `|a|[x|y]|`), relative to `row`.
fn cells(row: &str) -> Vec<(usize, usize)> {
    let b = row.as_bytes();
    let mut out = Vec::new();
    let mut start = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'|' if depth == 0 => {
                if let Some(s) = start {
                    out.push((s, i));
                }
                while i + 1 < b.len() && b[i + 1] == b'|' {
                    i += 1;
                }
                start = Some(i + 1);
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = start {
        if s < b.len() {
            out.push((s, b.len()));
        }
    }
    out.retain(|&(s, e)| !row[s..e].trim().is_empty());
    out
}

/// Emphasis may nest (`*_both_*`); deeper nesting reads as text.
const MAX_NESTING: u8 = 4;

/// Reads inline markup of one line's text found at `src` in the source.
fn inline(builder: &mut BlockBuilder, text: &str, src: usize, emphasised: bool, nesting: u8) {
    let b = text.as_bytes();
    let mut plain_from = 0;
    let mut i = 0;
    let flush_plain = |builder: &mut BlockBuilder, from: usize, to: usize| {
        if from < to {
            builder.push_text_styled(&text[from..to], src + from, emphasised);
        }
    };
    while i < b.len() {
        let c = b[i];
        let mut consumed: Option<usize> = None;
        if c == b'\\' && b.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
            // An escaped marker (`\*`, `\{`, `\[`) is the character itself.
            flush_plain(builder, plain_from, i);
            builder.push_text_styled(&text[i + 1..i + 2], src + i + 1, emphasised);
            consumed = Some(2);
        } else if c == b'{' && text[i..].starts_with("{{") {
            if let Some(end) = window(&text[i + 2..], MAX_INLINE).find("}}") {
                flush_plain(builder, plain_from, i);
                builder.push_placeholder(CODE_WORD, src + i, end + 4);
                consumed = Some(end + 4);
            }
        } else if c == b'{' {
            if let Some(len) = macro_len(&text[i..]) {
                flush_plain(builder, plain_from, i);
                consumed = Some(len);
            }
        } else if c == b'[' {
            if let Some(end) = window(&text[i..], MAX_INLINE).find(']') {
                let inner = &text[i + 1..i + end];
                flush_plain(builder, plain_from, i);
                link(builder, inner, src + i + 1, emphasised, end + 1);
                consumed = Some(end + 1);
            }
        } else if c == b'!' {
            // Images and attachments: `!screenshot.png!`, `!https://x/y.png|thumbnail!`.
            if let Some(end) = window(&text[i + 1..], MAX_INLINE).find('!') {
                let inner = &text[i + 1..i + 1 + end];
                if !inner.is_empty() && !inner.contains(char::is_whitespace) && inner.contains('.') {
                    flush_plain(builder, plain_from, i);
                    consumed = Some(end + 2);
                }
            }
        } else if (c == b'*' || c == b'_') && nesting < MAX_NESTING {
            if let Some(end) = emphasis_end(text, i) {
                flush_plain(builder, plain_from, i);
                inline(builder, &text[i + 1..end], src + i + 1, true, nesting + 1);
                consumed = Some(end + 1 - i);
            }
        }
        match consumed {
            Some(len) => {
                i += len;
                plain_from = i;
            }
            None => i += 1,
        }
    }
    flush_plain(builder, plain_from, b.len());
}

/// Where the emphasis opened by the marker at `open` closes: the same marker at a word's end.
fn emphasis_end(text: &str, open: usize) -> Option<usize> {
    let b = text.as_bytes();
    let m = b[open];
    let before_ok = open == 0 || !b[open - 1].is_ascii_alphanumeric();
    let after = *b.get(open + 1)?;
    if !before_ok || after.is_ascii_whitespace() || after == m {
        return None;
    }
    let mut j = open + 2;
    while j < b.len().min(open + MAX_INLINE) {
        if b[j] == m && !b[j - 1].is_ascii_whitespace() && b.get(j + 1).is_none_or(|c| !c.is_ascii_alphanumeric()) {
            return Some(j);
        }
        j += 1;
    }
    None
}

/// `[text|url]` keeps its text; `[url]` reads as `URL`; `[~user]` as the user's name;
/// `[^attachment]` and anchors are not prose.
fn link(builder: &mut BlockBuilder, inner: &str, src: usize, emphasised: bool, whole_len: usize) {
    if let Some(bar) = inner.rfind('|') {
        let label = &inner[..bar];
        if !label.trim().is_empty() {
            builder.set_in_link(true);
            inline(builder, label, src, emphasised, MAX_NESTING);
            builder.set_in_link(false);
        }
        return;
    }
    if let Some(user) = inner.strip_prefix('~') {
        builder.push_text_styled(user, src + 1, emphasised);
    } else if inner.starts_with('^') || inner.starts_with('#') || inner.is_empty() {
        // Attachments and anchors.
    } else if inner.contains("://") || inner.starts_with("www.") || inner.starts_with("mailto:") {
        builder.push_placeholder(URL_WORD, src - 1, whole_len);
    } else {
        // `[PROJ-123]`-style or other bracketed text: keep it as it stands.
        builder.push_text_styled(inner, src, emphasised);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Block;

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    fn src_of<'a>(src: &'a str, block: &Block, word: &str) -> &'a str {
        let at = block.text.find(word).unwrap();
        let (s, e) = block.to_source(at, at + word.len());
        &src[s..e]
    }

    #[test]
    fn an_emphasised_lead_line_is_a_block_of_its_own() {
        let doc = read("*Expected result*\nThe log keeps streaming.\n\n*Note:* this\nis one paragraph.\n");
        assert_eq!(texts(&doc), ["Expected result", "The log keeps streaming.", "Note: this is one paragraph."]);
        assert!(doc.blocks[0].all_emphasis);
    }

    #[test]
    fn link_only_lines_are_marked_as_references() {
        let doc = read("[Link to epic|https://x.io/e/1]\n\nSee [the doc|https://x.io/d] first.\n");
        let marks: Vec<bool> = doc.blocks.iter().map(|b| b.all_link).collect();
        assert_eq!(marks, [true, false]);
    }

    #[test]
    fn reads_a_realistic_ticket() {
        let src = "h2. Problem\r\n\
            Warehouse staff *can't* print labels for _international_ orders, see [the incident|https://acme.atlassian.net/browse/OPS-12].\r\n\
            \r\n\
            {code:java}\r\nthrow new LabelException(\"no customs form\");\r\n{code}\r\n\
            {quote}We lost 40 orders yesterday{quote}\r\n\
            bq. Someone else said this.\r\n\
            h3. Steps\r\n\
            # Open {{/labels}} for order 12\r\n\
            ## Pick the DHL carrier 🚚\r\n\
            * Press *Print*\r\n\
            ||Carrier||Works||\r\n\
            |DHL|[no|https://x.io/a]|\r\n\
            {panel:title=Notes}\r\nRelated to [~jdoe] and [PROJ-7].\r\n{panel}\r\n\
            {noformat}\r\nraw log\r\n";
        let doc = read(src);
        assert_eq!(
            texts(&doc),
            [
                "Problem",
                "Warehouse staff can't print labels for international orders, see the incident.",
                "Steps",
                "Open CODE for order 12",
                "Pick the DHL carrier 🚚",
                "Press Print",
                "Carrier",
                "Works",
                "DHL",
                "no",
                "Related to jdoe and PROJ-7.",
            ]
        );
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(doc.blocks[1].section, Some(0));
        assert_eq!(doc.blocks[3].kind, BlockKind::ListItem { ordered: true, task: None });
        assert_eq!(doc.blocks[4].depth, 2);
        assert_eq!(doc.blocks[5].kind, BlockKind::ListItem { ordered: false, task: None });
        assert_eq!(doc.blocks[6].kind, BlockKind::TableCell);
        assert_eq!(src_of(src, &doc.blocks[1], "can't"), "can't");
        assert_eq!(src_of(src, &doc.blocks[1], "international"), "international");
        assert_eq!(src_of(src, &doc.blocks[3], "CODE"), "{{/labels}}");
        assert_eq!(src_of(src, &doc.blocks[4], "🚚"), "🚚");
        for block in &doc.blocks {
            let (s, e) = block.source_range();
            assert!(src.is_char_boundary(s) && src.is_char_boundary(e) && s <= e);
        }
    }

    #[test]
    fn bare_links_snake_case_and_dashes() {
        let doc = read("See [https://example.com/a|https://example.com/a] and [https://x.io]; keep my_var_name -- ok\n- item");
        assert_eq!(texts(&doc), ["See URL and URL; keep my_var_name -- ok", "item"]);
        let doc = read("x {code}never closed\nstill code");
        assert_eq!(texts(&doc), ["x"]);
    }

    #[test]
    fn hostile_lines_read_in_linear_time() {
        for unit in ["[", "*a", "{a", "{{", "!a.", "_x", "{code"] {
            let line = unit.repeat(200_000);
            let started = std::time::Instant::now();
            let doc = read(&line);
            assert!(started.elapsed().as_secs() < 5, "{unit:?} took {:?}", started.elapsed());
            for block in &doc.blocks {
                let (s, e) = block.source_range();
                assert!(line.is_char_boundary(s) && line.is_char_boundary(e));
            }
        }
    }

    #[test]
    fn escaped_markers_are_text() {
        let src = "Keep \\{code\\} and \\*this\\* as text.";
        let doc = read(src);
        assert_eq!(texts(&doc), ["Keep {code} and *this* as text."]);
        assert_eq!(src_of(src, &doc.blocks[0], "this"), "this");
    }

    #[test]
    fn one_line_code_and_color() {
        let src = "Run {code}make{code} then {color:red}check{color} it\u{a0}now";
        let doc = read(src);
        assert_eq!(texts(&doc), ["Run", "then check it\u{a0}now"]);
        assert_eq!(src_of(src, &doc.blocks[1], "check"), "check");
    }

    #[test]
    fn counts_quoted_lines_of_quote_blocks_and_bq_lines_and_allows_code() {
        assert_eq!(read("Context:\n{quote}We lost\n40 orders{quote}\nbq. from the call\n").quoted_lines, 3);
        assert_eq!(read("{code}\nbq. not a quote\n{code}\n").quoted_lines, 0);
        assert_eq!(read("Unclosed: {quote}").quoted_lines, 1);
    }
}
