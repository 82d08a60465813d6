//! Finding the block: its start and end marker lines, and everything that makes the description
//! ambiguous (a start without an end, two blocks, a block from a newer version).
//!
//! Markers are whole lines, matched loosely (case, spaces, Jira emphasis) so hand edits and the
//! trackers' editors don't lose them; a marker's text inside a line is just text. Rendered rows
//! always start with `|`, so nothing the block holds can ever read as a marker.

use super::{Flavor, Warning};

/// The version this code writes and reads.
pub const VERSION: u32 = 1;

pub const MARKDOWN_START: &str = "<!-- ownframe:ownership v1 -->";
pub const MARKDOWN_END: &str = "<!-- /ownframe:ownership -->";
pub const JIRA_START: &str = "h3. Ownership (ownframe v1)";
pub const JIRA_END: &str = "_End of ownership (ownframe v1)_";

/// One line of the description: byte range of its text (terminator and a trailing `\r` excluded).
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    /// 1-based, for messages.
    pub number: usize,
}

pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut number = 1;
    loop {
        let (content_end, next) = match text[start..].find('\n') {
            Some(i) => (start + i, Some(start + i + 1)),
            None => (text.len(), None),
        };
        let end = if text[start..content_end].ends_with('\r') { content_end - 1 } else { content_end };
        out.push(Line { start, end, number });
        match next {
            Some(n) => start = n,
            None => return out,
        }
        number += 1;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Start(u32),
    End,
}

/// Lowercased, whitespace runs collapsed to one space, trimmed.
fn normalise(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn version(text: &str) -> Option<u32> {
    let digits = text.strip_prefix('v')?;
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn mark(line: &str, flavor: Flavor) -> Option<Mark> {
    let n = normalise(line);
    match flavor {
        Flavor::Markdown => {
            let inner = n.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
            if inner == "/ownframe:ownership" {
                return Some(Mark::End);
            }
            let v = inner.strip_prefix("ownframe:ownership ")?;
            version(v.trim()).map(Mark::Start)
        }
        Flavor::Jira => {
            // Editors may wrap the end line in other emphasis or drop it; the words are what count.
            let bare = n.trim_matches(|c: char| matches!(c, '_' | '*' | '+' | '-' | '~') || c.is_whitespace());
            if let Some(rest) = bare.strip_prefix("end of ownership (ownframe") {
                return rest.ends_with(')').then_some(Mark::End);
            }
            let heading = bare.strip_prefix('h')?;
            let level = heading.chars().next()?;
            let after = heading[level.len_utf8()..].strip_prefix('.')?;
            if !('1'..='6').contains(&level) {
                return None;
            }
            let inner = after.trim().strip_prefix("ownership (ownframe ")?.strip_suffix(')')?;
            version(inner.trim()).map(Mark::Start)
        }
    }
}

/// A complete block of the version this code reads.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    /// Byte range from the start marker's first byte to the end marker's last (no terminator).
    pub start: usize,
    pub end: usize,
    /// Indexes into `lines()` of the start and end marker lines.
    pub first: usize,
    pub last: usize,
    /// Whether the block's lines end in CRLF (separators follow suit).
    pub crlf: bool,
}

/// The blocks of a description and what is wrong with it.
#[derive(Debug, Default)]
pub struct Layout {
    pub blocks: Vec<Block>,
    pub problems: Vec<Warning>,
}

pub fn locate(text: &str, lines: &[Line], flavor: Flavor) -> Layout {
    let mut layout = Layout::default();
    let mut open: Option<(usize, u32)> = None;
    for (i, line) in lines.iter().enumerate() {
        match mark(&text[line.start..line.end], flavor) {
            None => {}
            Some(Mark::Start(v)) => {
                if let Some((j, _)) = open {
                    layout.problems.push(Warning::new(
                        "damaged-block",
                        Some(lines[j].number),
                        format!("the ownership block starting on line {} has no end marker before the next start on line {}", lines[j].number, line.number),
                    ));
                }
                open = Some((i, v));
            }
            Some(Mark::End) => match open.take() {
                None => layout.problems.push(Warning::new(
                    "damaged-block",
                    Some(line.number),
                    format!("line {} ends an ownership block that never started", line.number),
                )),
                Some((j, v)) if v != VERSION => layout.problems.push(Warning::new(
                    "newer-version",
                    Some(lines[j].number),
                    format!("the ownership block on line {} was written by ownframe format v{v}; this version reads v{VERSION} only", lines[j].number),
                )),
                Some((j, _)) => {
                    let crlf = text[lines[j].end..].starts_with("\r\n");
                    layout.blocks.push(Block { start: lines[j].start, end: line.end, first: j, last: i, crlf });
                }
            },
        }
    }
    if let Some((j, _)) = open {
        layout.problems.push(Warning::new(
            "damaged-block",
            Some(lines[j].number),
            format!("the ownership block starting on line {} has no end marker", lines[j].number),
        ));
    }
    if layout.blocks.len() > 1 {
        let at: Vec<String> = layout.blocks.iter().map(|b| lines[b.first].number.to_string()).collect();
        layout.problems.push(Warning::new(
            "duplicate-block",
            Some(lines[layout.blocks[1].first].number),
            format!("the description holds {} ownership blocks (lines {}); the first is read", layout.blocks.len(), at.join(", ")),
        ));
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_survive_spacing_case_and_emphasis() {
        assert_eq!(mark("  <!--ownframe:ownership   v1-->", Flavor::Markdown), Some(Mark::Start(1)));
        assert_eq!(mark("<!-- /OWNFRAME:ownership -->", Flavor::Markdown), Some(Mark::End));
        assert_eq!(mark("h2.  Ownership (ownframe v2)", Flavor::Jira), Some(Mark::Start(2)));
        assert_eq!(mark("*_End of ownership (ownframe v1)_*", Flavor::Jira), Some(Mark::End));
        assert_eq!(mark("End of ownership (ownframe v1)", Flavor::Jira), Some(Mark::End));
        assert_eq!(mark("see <!-- ownframe:ownership v1 --> here", Flavor::Markdown), None);
        assert_eq!(mark("| Owner | <!-- /ownframe:ownership --> |", Flavor::Markdown), None);
        assert_eq!(mark("h3. Ownership", Flavor::Jira), None);
    }

    #[test]
    fn lines_keep_offsets_and_drop_terminators() {
        let text = "a\r\nb\n\nc";
        let ls = lines(text);
        let got: Vec<&str> = ls.iter().map(|l| &text[l.start..l.end]).collect();
        assert_eq!(got, ["a", "b", "", "c"]);
    }
}
