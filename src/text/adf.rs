//! Atlassian Document Format (Jira Cloud REST v3 descriptions) rendered as Markdown. The
//! rendering becomes the body's source (`Analysis::body_text`), read by the Markdown reader, so
//! there is one prose reader and spans point into text a person can read. Media is skipped;
//! every other node keeps its text. Nodes nested deeper than `MAX_DEPTH` are flattened to their
//! text, so hostile nesting cannot exhaust the stack.

use super::markdown::{code_span, longest_run};
use crate::Error;
use serde_json::Value;

/// Deeper than any real document; serde_json itself refuses nesting beyond 128.
const MAX_DEPTH: usize = 48;

/// Renders an ADF document as Markdown. An empty body or `null` is an empty document.
pub fn to_markdown(json: &str) -> Result<String, Error> {
    if json.trim().is_empty() {
        return Ok(String::new());
    }
    let root: Value = serde_json::from_str(json).map_err(|e| Error::BadInput(format!("the body is not ADF JSON: {e}")))?;
    if root.is_null() {
        return Ok(String::new());
    }
    if root.get("type").and_then(Value::as_str) != Some("doc") {
        return Err(Error::BadInput(
            "the body is JSON but not an ADF document: expected {\"type\":\"doc\",\"version\":1,\"content\":[...]}".into(),
        ));
    }
    let mut out = String::new();
    blocks(children(&root), 0, &mut out);
    Ok(out.trim_end().to_string())
}

fn children(node: &Value) -> &[Value] {
    node.get("content").and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn kind(node: &Value) -> &str {
    node.get("type").and_then(Value::as_str).unwrap_or("")
}

fn attr<'a>(node: &'a Value, name: &str) -> Option<&'a Value> {
    node.get("attrs").and_then(|a| a.get(name))
}

fn attr_str<'a>(node: &'a Value, name: &str) -> Option<&'a str> {
    attr(node, name).and_then(Value::as_str)
}

/// Renders block nodes, separated by blank lines.
fn blocks(nodes: &[Value], depth: usize, out: &mut String) {
    for node in nodes {
        let mut one = String::new();
        block(node, depth, &mut one);
        if one.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(one.trim_end_matches('\n'));
    }
}

fn block(node: &Value, depth: usize, out: &mut String) {
    if depth > MAX_DEPTH {
        out.push_str(&escape_text(&flat_text(node), true));
        return;
    }
    match kind(node) {
        "paragraph" => out.push_str(&inline_all(children(node), depth)),
        "heading" => {
            let level = attr(node, "level").and_then(Value::as_u64).unwrap_or(1).clamp(1, 6) as usize;
            let text = inline_all(children(node), depth).replace('\n', " ");
            out.push_str(&"#".repeat(level));
            out.push(' ');
            out.push_str(&text);
        }
        "bulletList" | "orderedList" | "taskList" | "decisionList" => list(node, depth, out),
        "codeBlock" => {
            let text = flat_text(node);
            let fence = "`".repeat(longest_run(&text, '`').max(2) + 1);
            out.push_str(&fence);
            if let Some(lang) = attr_str(node, "language") {
                out.push_str(&lang.replace(['`', '\n', '\r'], ""));
            }
            out.push('\n');
            out.push_str(&text);
            if !text.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&fence);
        }
        "blockquote" => {
            let mut inner = String::new();
            blocks(children(node), depth + 1, &mut inner);
            out.push_str(&prefix_lines(&inner, "> ", "> "));
        }
        "rule" => out.push_str("---"),
        "table" => table(node, depth, out),
        "expand" | "nestedExpand" => {
            if let Some(title) = attr_str(node, "title").filter(|t| !t.trim().is_empty()) {
                out.push_str("**");
                out.push_str(&escape_text(title.trim(), true));
                out.push_str("**\n\n");
            }
            blocks(children(node), depth + 1, out);
        }
        "mediaSingle" | "mediaGroup" | "media" | "mediaInline" | "extension" | "placeholder" => {}
        // Panels, layouts, bodied extensions and any node type added later: their content.
        _ if node.get("content").is_some() => {
            let kids = children(node);
            if kids.iter().any(is_block) {
                blocks(kids, depth + 1, out);
            } else {
                out.push_str(&inline_all(kids, depth));
            }
        }
        _ => out.push_str(&inline_all(std::slice::from_ref(node), depth)),
    }
}

fn is_block(node: &Value) -> bool {
    !matches!(
        kind(node),
        "text" | "hardBreak" | "mention" | "emoji" | "inlineCard" | "status" | "date" | "mediaInline" | "placeholder" | "inlineExtension"
    )
}

fn list(node: &Value, depth: usize, out: &mut String) {
    let ordered = kind(node) == "orderedList";
    let mut number = attr(node, "order").and_then(Value::as_u64).unwrap_or(1).min(999_999_999);
    let mut first = true;
    for item in children(node) {
        let marker = match kind(item) {
            "taskItem" => {
                if attr_str(item, "state") == Some("DONE") { "- [x] ".to_string() } else { "- [ ] ".to_string() }
            }
            _ if ordered => format!("{number}. "),
            _ => "- ".to_string(),
        };
        number += 1;
        let mut body = String::new();
        let kids = children(item);
        if !is_block(item) {
            // Out of schema but seen in the wild: text directly in a list is an item of its own.
            body.push_str(&inline_all(std::slice::from_ref(item), depth + 1));
        } else if kids.iter().any(is_block) {
            blocks(kids, depth + 1, &mut body);
        } else {
            body.push_str(&inline_all(kids, depth + 1));
        }
        if body.trim().is_empty() {
            body = String::new();
        }
        if !first {
            out.push('\n');
        }
        first = false;
        let pad = " ".repeat(marker.len());
        out.push_str(&prefix_lines(&body, &marker, &pad));
    }
}

/// Prefixes the first line with `first` and the others with `rest` (blank lines stay blank).
fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    if text.is_empty() {
        return first.trim_end().to_string();
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let p = if i == 0 { first } else { rest };
        if line.is_empty() {
            out.push_str(p.trim_end());
        } else {
            out.push_str(p);
            out.push_str(line);
        }
    }
    out
}

fn table(node: &Value, depth: usize, out: &mut String) {
    let rows: Vec<Vec<String>> = children(node)
        .iter()
        .map(|row| {
            // A row or cell out of schema (text straight in a table or row) is a cell itself.
            let cells = if kind(row) == "tableRow" { children(row) } else { std::slice::from_ref(row) };
            cells
                .iter()
                .map(|cell| {
                    let mut text = String::new();
                    match kind(cell) {
                        "tableCell" | "tableHeader" => blocks(children(cell), depth + 1, &mut text),
                        _ if !is_block(cell) => text.push_str(&inline_all(std::slice::from_ref(cell), depth + 1)),
                        _ => block(cell, depth + 1, &mut text),
                    }
                    // A cell is one line: its paragraphs and items are joined by `<br>`.
                    text.split('\n').filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join(" <br> ").replace('|', "\\|")
                })
                .collect()
        })
        .filter(|r: &Vec<String>| !r.is_empty())
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for i in 0..width {
            s.push(' ');
            s.push_str(cells.get(i).map_or("", String::as_str));
            s.push_str(" |");
        }
        s
    };
    out.push_str(&line(&rows[0]));
    out.push('\n');
    out.push_str(&line(&vec!["---".to_string(); width]));
    for row in &rows[1..] {
        out.push('\n');
        out.push_str(&line(row));
    }
}

/// Renders inline nodes (text with marks, mentions, emoji, cards, ...).
fn inline_all(nodes: &[Value], depth: usize) -> String {
    let mut out = String::new();
    for (i, node) in nodes.iter().enumerate() {
        match kind(node) {
            "text" => {
                let text = node.get("text").and_then(Value::as_str).unwrap_or("");
                out.push_str(&marked(node, text, out.is_empty() || out.ends_with('\n')));
            }
            "hardBreak" => {
                // A trailing break renders nothing; otherwise Markdown's backslash break.
                if i + 1 < nodes.len() {
                    out.push_str("\\\n");
                }
            }
            "mention" => {
                let name = attr_str(node, "text").or_else(|| attr_str(node, "id")).unwrap_or("someone");
                let name = name.trim();
                if !name.starts_with('@') {
                    out.push('@');
                }
                out.push_str(&escape_text(name, false));
            }
            "emoji" => {
                let e = attr_str(node, "text").or_else(|| attr_str(node, "shortName")).unwrap_or("");
                out.push_str(&escape_text(e, false));
            }
            "inlineCard" | "blockCard" | "embedCard" => {
                if let Some(url) = attr_str(node, "url") {
                    out.push_str(&bare_url(url));
                }
            }
            "status" => {
                let text = attr_str(node, "text").unwrap_or("");
                if !text.trim().is_empty() {
                    out.push_str(&code_span(text));
                }
            }
            "date" => {
                if let Some(date) = attr(node, "timestamp").and_then(timestamp_date) {
                    out.push_str(&date);
                }
            }
            "media" | "mediaInline" | "placeholder" => {}
            _ if depth > MAX_DEPTH => out.push_str(&escape_text(&flat_text(node), false)),
            _ if node.get("content").is_none() => {
                out.push_str(&escape_text(node.get("text").and_then(Value::as_str).unwrap_or(""), false))
            }
            _ => {
                // An unknown inline node, or a block where inline content was expected.
                let mut inner = String::new();
                block(node, depth + 1, &mut inner);
                out.push_str(&inner.replace("\n\n", " ").replace('\n', " "));
            }
        }
    }
    out
}

/// Text with its marks: code, links, bold, italic, strike.
fn marked(node: &Value, text: &str, line_start: bool) -> String {
    if text.is_empty() {
        return String::new();
    }
    let marks: Vec<&Value> = node.get("marks").and_then(Value::as_array).map(|m| m.iter().collect()).unwrap_or_default();
    let has = |name: &str| marks.iter().any(|m| kind(m) == name);
    let mut s = if has("code") { code_span(text) } else { escape_text(text, line_start) };
    if !has("code") {
        // Emphasis markers must hug the words: keep surrounding spaces outside them.
        let (lead, core, trail) = split_spaces(&s);
        if !core.is_empty() {
            let mut core = core.to_string();
            if has("strike") {
                core = format!("~~{core}~~");
            }
            if has("em") {
                core = format!("*{core}*");
            }
            if has("strong") {
                core = format!("**{core}**");
            }
            s = format!("{lead}{core}{trail}");
        }
    }
    if let Some(href) = marks.iter().find(|m| kind(m) == "link").and_then(|m| attr_str(m, "href")) {
        let (lead, core, trail) = split_spaces(&s);
        if !core.is_empty() {
            s = format!("{lead}[{core}]({}){trail}", link_dest(href));
        }
    }
    s
}

fn split_spaces(s: &str) -> (&str, &str, &str) {
    let core = s.trim();
    let lead = &s[..s.len() - s.trim_start().len()];
    let trail = &s[s.trim_end().len()..];
    (lead, core, trail)
}

/// A link destination that Markdown reads back whole.
fn link_dest(href: &str) -> String {
    let clean: String = href.chars().filter(|c| !matches!(c, '\n' | '\r' | '<' | '>')).collect();
    if clean.contains([' ', '(', ')']) {
        format!("<{clean}>")
    } else {
        clean
    }
}

fn bare_url(url: &str) -> String {
    url.chars().filter(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '`')).collect()
}

/// Escapes what Markdown would read as markup, so ADF text stays text. Only characters that
/// can change meaning are escaped; block markers only where a line starts.
fn escape_text(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut text = text;
    if line_start {
        // Leading spaces could make an indented code block; they carry no words.
        text = text.trim_start_matches([' ', '\t']);
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
            out.push_str(&text[..digits]);
            out.push('\\');
            text = &text[digits..];
        } else if text.starts_with(['#', '>', '-', '+', '=', '|']) {
            out.push('\\');
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' => true,
            // Inside a word (`snake_case`) an underscore is never emphasis.
            '_' => !(prev.is_alphanumeric() && next.is_alphanumeric()),
            // Only `&name;` and `&#1;` are entities.
            '&' => next.is_ascii_alphanumeric() || next == '#',
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// All text under a node, iteratively (used past the depth cap).
fn flat_text(node: &Value) -> String {
    let mut out = String::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if let Some(t) = n.get("text").and_then(Value::as_str) {
            if !out.is_empty() && !out.ends_with([' ', '\n']) && kind(n) != "text" {
                out.push(' ');
            }
            out.push_str(t);
        }
        if kind(n) == "hardBreak" {
            out.push('\n');
        }
        for child in children(n).iter().rev() {
            stack.push(child);
        }
        if kind(n) == "paragraph" && !out.is_empty() && !out.ends_with('\n') {
            // Paragraphs inside flattened content still read apart.
            out.push(' ');
        }
    }
    out
}

/// An ADF date (milliseconds since the epoch, as a string or number) as `YYYY-MM-DD`.
fn timestamp_date(ts: &Value) -> Option<String> {
    let ms: i64 = match ts {
        Value::String(s) => s.trim().parse().ok()?,
        Value::Number(n) => n.as_i64()?,
        _ => return None,
    };
    let days = ms.div_euclid(86_400_000);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown;

    const TICKET: &str = r##"{"type":"doc","version":1,"content":[
      {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Problem"}]},
      {"type":"paragraph","content":[
        {"type":"mention","attrs":{"id":"5b1","text":"@Ana Silva"}},
        {"type":"text","text":" reports that merchants "},
        {"type":"text","text":"can't","marks":[{"type":"strong"}]},
        {"type":"text","text":" export invoices "},
        {"type":"emoji","attrs":{"shortName":":cry:","text":"😢"}},
        {"type":"hardBreak"},
        {"type":"text","text":"since "},
        {"type":"date","attrs":{"timestamp":"1735689600000"}},
        {"type":"text","text":", see "},
        {"type":"text","text":"the log","marks":[{"type":"link","attrs":{"href":"https://acme.atlassian.net/x"}}]},
        {"type":"text","text":" and "},
        {"type":"inlineCard","attrs":{"url":"https://acme.atlassian.net/browse/PAY-9"}},
        {"type":"text","text":". Status "},
        {"type":"status","attrs":{"text":"IN PROGRESS","color":"blue"}}
      ]},
      {"type":"bulletList","content":[
        {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Use "},{"type":"text","text":"pdf-lib","marks":[{"type":"code"}]}]},
          {"type":"orderedList","attrs":{"order":3},"content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"nested *literal* stars"}]}]}]}]}
      ]},
      {"type":"taskList","attrs":{"localId":"t"},"content":[
        {"type":"taskItem","attrs":{"localId":"a","state":"DONE"},"content":[{"type":"text","text":"reproduce"}]},
        {"type":"taskItem","attrs":{"localId":"b","state":"TODO"},"content":[{"type":"text","text":"# fix"}]}]},
      {"type":"codeBlock","attrs":{"language":"java"},"content":[{"type":"text","text":"throw new X(\"```\");"}]},
      {"type":"panel","attrs":{"panelType":"info"},"content":[{"type":"paragraph","content":[{"type":"text","text":"Finance closes the books on the 5th."}]}]},
      {"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"quoted words"}]}]},
      {"type":"rule"},
      {"type":"mediaSingle","content":[{"type":"media","attrs":{"id":"x","type":"file"}}]},
      {"type":"table","content":[
        {"type":"tableRow","content":[{"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Region"}]}]},{"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Failures"}]}]}]},
        {"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"EU|UK"}]}]},{"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"12%"}]}]}]}]}
    ]}"##;

    #[test]
    fn renders_every_node_kind_as_markdown() {
        let md = to_markdown(TICKET).unwrap();
        let expected = "## Problem\n\n\
            @Ana Silva reports that merchants **can't** export invoices 😢\\\n\
            since 2025-01-01, see [the log](https://acme.atlassian.net/x) and https://acme.atlassian.net/browse/PAY-9. Status `IN PROGRESS`\n\n\
            - Use `pdf-lib`\n\n  3. nested \\*literal\\* stars\n\n\
            - [x] reproduce\n- [ ] \\# fix\n\n\
            ````java\nthrow new X(\"```\");\n````\n\n\
            Finance closes the books on the 5th.\n\n\
            > quoted words\n\n\
            ---\n\n\
            | Region | Failures |\n| --- | --- |\n| EU\\|UK | 12% |";
        assert_eq!(md, expected);
    }

    #[test]
    fn rendering_reads_back_as_the_right_prose() {
        let md = to_markdown(TICKET).unwrap();
        let doc = markdown::read(&md);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"Problem"));
        assert!(texts.iter().any(|t| t.starts_with("@Ana Silva reports that merchants can't export invoices 😢")), "{texts:?}");
        assert!(texts.contains(&"nested *literal* stars"), "{texts:?}");
        assert!(texts.contains(&"# fix"), "{texts:?}");
        assert!(texts.contains(&"Finance closes the books on the 5th."));
        assert!(!texts.iter().any(|t| t.contains("quoted") || t.contains("throw")));
        assert!(texts.contains(&"12%"));
    }

    #[test]
    fn text_straight_in_lists_and_tables_keeps_its_words() {
        for kind in ["bulletList", "orderedList", "taskList", "table"] {
            let doc = format!(r#"{{"type":"doc","version":1,"content":[{{"type":"{kind}","content":[{{"type":"text","text":"Use Redis"}},{{"type":"tableRow","content":[{{"type":"text","text":"now"}}]}}]}}]}}"#);
            let md = to_markdown(&doc).unwrap();
            assert!(md.contains("Use Redis") && md.contains("now"), "{kind}: {md:?}");
        }
    }

    #[test]
    fn rejects_what_is_not_an_adf_document() {
        for bad in ["{\"type\":\"paragraph\"}", "[1,2]", "{not json", "\"doc\""] {
            match to_markdown(bad) {
                Err(Error::BadInput(why)) => assert!(why.contains("ADF"), "{why}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert_eq!(to_markdown("").unwrap(), "");
        assert_eq!(to_markdown("null").unwrap(), "");
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_loses_text() {
        // 120 nested blockquotes (serde_json's own limit is 128 levels of JSON nesting).
        let mut json = String::from(r#"{"type":"paragraph","content":[{"type":"text","text":"deep words"}]}"#);
        for _ in 0..60 {
            json = format!(r#"{{"type":"blockquote","content":[{json}]}}"#);
        }
        let doc = format!(r#"{{"type":"doc","version":1,"content":[{json}]}}"#);
        let md = to_markdown(&doc).unwrap();
        assert!(md.contains("deep words"));
        // Much deeper JSON is refused by the parser, as an error, not a crash.
        let mut deep = String::from("1");
        for _ in 0..10_000 {
            deep = format!("[{deep}]");
        }
        assert!(to_markdown(&format!(r#"{{"type":"doc","content":{deep}}}"#)).is_err());
    }
}
