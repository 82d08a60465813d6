//! The visible text of a Markdown body's HTML blocks. Some trackers and importers store a body as
//! HTML (`<p>In the black theme ... </p>`); GitLab and GitHub render it, so a reader reads it and
//! so does the judge. What a reader does not read as prose stays out, as in Markdown: comments
//! (template instructions), code and preformatted text, quotes, scripts and styles, and the `<summary>`
//! label of a collapsed section (importers put their metadata there). Inline `<code>` reads as
//! the `CODE` placeholder, as backticks do.
//!
//! A small scanner rather than an HTML parser crate: the blocks are short, nothing is rendered,
//! and the wasm has to stay small. It never fails: a tag left open runs to the block's end, a
//! stray `<` or `&` is text.

/// What the Markdown reader turns into blocks; offsets are bytes of the scanned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// A block-level element starts or ends (`p`, `li`, `h2`, `td`, `br` is a `Break`).
    Edge(Edge),
    /// Text found verbatim at `start..end`; `emphasised` inside `<em>` / `<i>`, `linked` inside
    /// `<a>`.
    Text { start: usize, end: usize, emphasised: bool, linked: bool },
    /// A character reference (`&lt;`) standing for `ch`.
    Entity { ch: char, start: usize, len: usize },
    /// `<code>...</code>` (or `kbd`, `samp`, `tt`), end tag included.
    Code { start: usize, len: usize },
    /// `<br>`, or a line break inside text.
    Break { start: usize, len: usize },
    /// A `<blockquote>`, end tag included: not prose, but a reader sees someone else's words.
    Quote { start: usize, len: usize },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Heading(u8),
    ListItem { ordered: bool },
    /// Any other block element (`p`, `div`, `td`, `table`, ...): the text after it is a new block.
    Other,
}

/// Elements whose content is not read as prose.
const HIDDEN: [&str; 9] = ["pre", "blockquote", "script", "style", "textarea", "summary", "template", "svg", "math"];
const CODE: [&str; 4] = ["code", "kbd", "samp", "tt"];
const EMPHASIS: [&str; 2] = ["em", "i"];
const BLOCK: [&str; 21] = [
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th", "section", "article",
    "header", "footer", "details", "hr", "figure",
];

struct Tag<'a> {
    name: &'a str,
    closing: bool,
    /// Byte just past the tag's `>` (or the text's end when it never closes).
    end: usize,
}

/// The tag starting at `at` (a `<`), or None when the `<` is text (`a < b`, `<3`).
fn tag_at(text: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = text.as_bytes();
    let closing = bytes.get(at + 1) == Some(&b'/');
    let name_start = at + 1 + usize::from(closing);
    let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    // Attribute values may hold `>`: skip quoted runs.
    let mut i = name_start + name_len;
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => break,
            _ => {}
        }
        i += 1;
    }
    Some(Tag { name: &text[name_start..name_start + name_len], closing, end: (i + 1).min(bytes.len()) })
}

/// The reference at `at` (a `&`) and its length, when it is one this reader knows.
fn entity_at(text: &str, at: usize) -> Option<(char, usize)> {
    let rest = &text[at + 1..];
    let semi = rest.bytes().take(10).position(|b| b == b';')?;
    let name = &rest[..semi];
    let ch = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                name.strip_prefix('#').and_then(|d| d.parse().ok())
            };
            char::from_u32(code?)?
        }
    };
    Some((ch, semi + 2))
}

/// Where the end tag `</name>` closes, from `from` on: the byte past its `>`, or the text's end.
/// Content of code and hidden elements is not scanned for tags (`<script>a<b</script>`).
fn end_of(text: &str, from: usize, name: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(k) = bytes[i..].windows(2).position(|w| w == b"</") {
        let at = i + k;
        let after = at + 2 + name.len();
        if bytes.len() >= after
            && bytes[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && !bytes.get(after).is_some_and(|b| b.is_ascii_alphanumeric())
        {
            return tag_at(text, at).map_or(bytes.len(), |t| t.end);
        }
        i = at + 2;
    }
    bytes.len()
}

/// The parts of one HTML block, in order.
pub fn parts(text: &str) -> Vec<Part> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut lists: Vec<bool> = Vec::new(); // open lists, true for <ol>
    let mut emphasis = 0usize;
    let mut links = 0usize;
    let mut text_start = 0;
    let mut i = 0;
    let flush = |out: &mut Vec<Part>, from: usize, to: usize, (emphasised, linked): (bool, bool)| {
        // Line breaks inside text read as spaces, as Markdown's soft breaks do.
        let mut start = from;
        for (k, b) in bytes[from..to].iter().enumerate() {
            if *b == b'\n' {
                let nl = from + k;
                let cr = usize::from(nl > start && bytes[nl - 1] == b'\r');
                if nl - cr > start {
                    out.push(Part::Text { start, end: nl - cr, emphasised, linked });
                }
                out.push(Part::Break { start: nl - cr, len: 1 + cr });
                start = nl + 1;
            }
        }
        if to > start {
            out.push(Part::Text { start, end: to, emphasised, linked });
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            // Comments, and <!DOCTYPE>, <![CDATA[ ... ]]>, <?xml ?>: markup, not text.
            b'<' if matches!(bytes.get(i + 1), Some(b'!' | b'?')) => {
                flush(&mut out, text_start, i, (emphasis > 0, links > 0));
                i = if text[i..].starts_with("<!--") {
                    text[i + 4..].find("-->").map_or(bytes.len(), |e| i + 4 + e + 3)
                } else {
                    text[i..].find('>').map_or(bytes.len(), |e| i + e + 1)
                };
                text_start = i;
            }
            b'<' => {
                let Some(tag) = tag_at(text, i) else {
                    i += 1; // `a < b`: text
                    continue;
                };
                let before = i;
                let name = tag.name.to_ascii_lowercase();
                let n = name.as_str();
                flush(&mut out, text_start, i, (emphasis > 0, links > 0));
                i = tag.end;
                if let Some(&h) = HIDDEN.iter().find(|h| **h == n) {
                    if !tag.closing {
                        out.push(Part::Edge(Edge::Other));
                        i = end_of(text, i, h);
                        if h == "blockquote" {
                            out.push(Part::Quote { start: before, len: i - before });
                        }
                    }
                } else if let Some(&c) = CODE.iter().find(|c| **c == n) {
                    if !tag.closing {
                        i = end_of(text, i, c);
                        out.push(Part::Code { start: before, len: i - before });
                    }
                } else if EMPHASIS.contains(&n) {
                    emphasis = if tag.closing { emphasis.saturating_sub(1) } else { emphasis + 1 };
                } else if n == "a" {
                    links = if tag.closing { links.saturating_sub(1) } else { links + 1 };
                } else if n == "br" {
                    out.push(Part::Break { start: before, len: i - before });
                } else if let Some(level) = heading_level(n) {
                    out.push(Part::Edge(if tag.closing { Edge::Other } else { Edge::Heading(level) }));
                } else if n == "li" && !tag.closing {
                    out.push(Part::Edge(Edge::ListItem { ordered: lists.last().copied().unwrap_or(false) }));
                } else if BLOCK.contains(&n) {
                    if n == "ol" || n == "ul" {
                        if tag.closing {
                            lists.pop();
                        } else {
                            lists.push(n == "ol");
                        }
                    }
                    out.push(Part::Edge(Edge::Other));
                }
                text_start = i;
            }
            b'&' => match entity_at(text, i) {
                Some((ch, len)) => {
                    flush(&mut out, text_start, i, (emphasis > 0, links > 0));
                    out.push(Part::Entity { ch, start: i, len });
                    i += len;
                    text_start = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    flush(&mut out, text_start, bytes.len(), (emphasis > 0, links > 0));
    out
}

/// What an HTML code element shows (`<code>&lt;pre&gt;</code>` shows `<pre>`): tags dropped,
/// references decoded. For quoting it as a Markdown code span.
pub fn shown_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    while let Some(k) = html.as_bytes()[i..].iter().position(|&b| b == b'<' || b == b'&') {
        let at = i + k;
        out.push_str(&html[i..at]);
        if let Some(tag) = (html.as_bytes()[at] == b'<').then(|| tag_at(html, at)).flatten() {
            i = tag.end;
        } else if let Some((ch, len)) = (html.as_bytes()[at] == b'&').then(|| entity_at(html, at)).flatten() {
            out.push(ch);
            i = at + len;
        } else {
            out.push_str(&html[at..at + 1]);
            i = at + 1;
        }
    }
    out.push_str(&html[i..]);
    out
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prose a reader sees: text and entities, `CODE` for code, `|` between blocks.
    fn seen(text: &str) -> String {
        let mut out = String::new();
        for p in parts(text) {
            match p {
                Part::Edge(_) => out.push('|'),
                Part::Text { start, end, .. } => out.push_str(&text[start..end]),
                Part::Entity { ch, .. } => out.push(ch),
                Part::Code { .. } => out.push_str("CODE"),
                Part::Break { .. } => out.push(' '),
                Part::Quote { .. } => out.push('>'),
            }
        }
        out
    }

    #[test]
    fn reads_paragraph_text_with_code_and_entities() {
        let src = "<p>\nThe <code>&lt;pre&gt;</code> block has\nthe same colour &amp; no border.\n</p>";
        assert_eq!(seen(src), "| The CODE block has the same colour & no border. |");
        let code = parts(src).into_iter().find_map(|p| if let Part::Code { start, len } = p { Some(&src[start..start + len]) } else { None });
        assert_eq!(code, Some("<code>&lt;pre&gt;</code>"));
    }

    #[test]
    fn keeps_comments_code_blocks_and_summaries_out() {
        let src = "<!-- Describe the bug --><details><summary>Reporter info: <small>ana</small></summary>\
                   <pre>trace\nline</pre><p>Exports <em>fail</em>.</p><script>x<y</script></details>";
        assert_eq!(seen(src), "||||Exports fail.|||");
    }

    #[test]
    fn marks_quotes_and_link_text() {
        let src = "<blockquote>We lost\norders</blockquote><p>See <a href=\"x\">the log</a></p>";
        let ps = parts(src);
        assert_eq!(seen(src), "|>|See the log|");
        assert!(ps.contains(&Part::Quote { start: 0, len: src.find("<p>").unwrap() }));
        let linked: Vec<bool> = ps.iter().filter_map(|p| if let Part::Text { linked, .. } = p { Some(*linked) } else { None }).collect();
        assert_eq!(linked, [false, true]);
    }

    #[test]
    fn headings_and_items_start_blocks() {
        let ps = parts("<h2>Problem</h2><ul><li>one</li><li>two<br>lines</li></ul>");
        assert_eq!(ps[0], Part::Edge(Edge::Heading(2)));
        assert_eq!(ps.iter().filter(|p| matches!(p, Part::Edge(Edge::ListItem { .. }))).count(), 2);
        assert!(ps.iter().any(|p| matches!(p, Part::Break { len: 4, .. })));
    }

    #[test]
    fn code_shows_its_text() {
        assert_eq!(shown_text("<code>&lt;pre&gt; &amp; <b>x</b></code>"), "<pre> & x");
        assert_eq!(shown_text("<kbd>a < b &c</kbd>"), "a < b &c");
    }

    #[test]
    fn stray_markup_is_text_and_open_tags_end_with_the_block() {
        assert_eq!(seen("<p>a < b & c <3 &bogus; 😀</p>"), "|a < b & c <3 &bogus; 😀|");
        assert_eq!(seen("<p>see <a href=\"x>y\" title='>'>this</a>"), "|see this");
        assert_eq!(seen("<p>run <code>make"), "|run CODE");
        assert_eq!(seen("<pre>never closed"), "|");
        assert_eq!(seen("<!-- open"), "");
        for cut in ["<", "</", "<p", "<a href=\"", "&", "&#", "&#x110000;", "<!", "<!--"] {
            parts(cut);
        }
    }
}
