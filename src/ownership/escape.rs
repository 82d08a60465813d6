//! Table cells: a value of any text becomes one line of cell text and comes back unchanged.
//!
//! The escapes are the trackers' own where they have one, so the cell still renders as the value:
//! CommonMark backslash escapes and numeric character references in both flavours, `<br>` for a
//! line break in Markdown and `\\` in Jira wiki. Only what would break the row or the round trip
//! is escaped, so a cell stays readable in the raw description.

use super::Flavor;

/// Encodes a value as the text of one table cell (no pipes, no line breaks, no edge spaces).
pub fn encode(value: &str, flavor: Flavor) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let last = value.char_indices().last().map(|(i, _)| i);
    for (i, c) in value.char_indices() {
        let rest = &value[i + c.len_utf8()..];
        let at_edge = i == 0 || Some(i) == last;
        match c {
            // Readers trim cells, so edge blanks travel as character references.
            ' ' | '\t' if at_edge => push_ref(&mut out, c),
            '\r' => push_ref(&mut out, c),
            '\n' => out.push_str(match flavor {
                Flavor::Markdown => "<br>",
                Flavor::Jira => "\\\\",
            }),
            '\\' => out.push_str(match flavor {
                Flavor::Markdown => "\\\\",
                // Jira reads `\\` as a line break, so a backslash is a character reference.
                Flavor::Jira => "&#92;",
            }),
            '|' => out.push_str("\\|"),
            '&' if rest.starts_with('#') => out.push_str("\\&"),
            '<' if flavor == Flavor::Markdown && starts_with_ignore_case(rest, "br") => out.push_str("\\<"),
            // A Markdown cell of dashes and colons would read as the table's delimiter row.
            '-' | ':' if i == 0 && flavor == Flavor::Markdown => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn push_ref(out: &mut String, c: char) {
    out.push_str("&#");
    out.push_str(&u32::from(c).to_string());
    out.push(';');
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Decodes one cell's text (already trimmed) back into the value. Hand-written cells decode the
/// way the tracker renders them: `<br/>`, `&#8212;` and stray backslashes are all understood.
pub fn decode(cell: &str, flavor: Flavor) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut i = 0;
    while i < cell.len() {
        let rest = &cell[i..];
        let Some(c) = rest.chars().next() else { break };
        if c == '\\' {
            let next = rest[1..].chars().next();
            match next {
                Some('\\') if flavor == Flavor::Jira => {
                    out.push('\n');
                    i += 2;
                    continue;
                }
                Some(p) if p.is_ascii_punctuation() => {
                    out.push(p);
                    i += 2;
                    continue;
                }
                _ => {}
            }
        } else if c == '<' && flavor == Flavor::Markdown {
            if let Some(len) = line_break_len(rest) {
                out.push('\n');
                i += len;
                continue;
            }
        } else if c == '&' {
            if let Some((decoded, len)) = char_ref(rest) {
                out.push(decoded);
                i += len;
                continue;
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// `<br>`, `<br/>`, `<br />` (any case): the length matched.
fn line_break_len(text: &str) -> Option<usize> {
    if !starts_with_ignore_case(text, "<br") {
        return None;
    }
    let after = &text[3..];
    let trimmed = after.trim_start_matches(' ');
    let spaces = after.len() - trimmed.len();
    if trimmed.starts_with('>') {
        Some(3 + spaces + 1)
    } else if trimmed.starts_with("/>") {
        Some(3 + spaces + 2)
    } else {
        None
    }
}

/// A numeric character reference (`&#32;`, `&#x2014;`) as CommonMark reads it: the character and
/// the length matched.
fn char_ref(text: &str) -> Option<(char, usize)> {
    let body = text.strip_prefix("&#")?;
    let (digits, radix, skip) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (body, 10, 2),
    };
    let max = if radix == 16 { 6 } else { 7 };
    let len = digits.bytes().take_while(|b| if radix == 16 { b.is_ascii_hexdigit() } else { b.is_ascii_digit() }).count();
    if len == 0 || len > max || digits.as_bytes().get(len) != Some(&b';') {
        return None;
    }
    let code = u32::from_str_radix(&digits[..len], radix).ok()?;
    let c = char::from_u32(code).filter(|&c| c != '\0')?;
    Some((c, skip + len + 1))
}

/// Splits a table line into its raw cells at the pipes no backslash escapes. Leading and trailing
/// pipes are optional in both flavours; Jira header rows use `||`.
pub fn split_row(line: &str) -> Option<Vec<&str>> {
    let line = line.trim_matches([' ', '\t']);
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    let mut any_pipe = false;
    for (i, b) in line.bytes().enumerate() {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'|' {
            any_pipe = true;
            cells.push(&line[start..i]);
            start = i + 1;
        }
    }
    if !any_pipe {
        return None;
    }
    cells.push(&line[start..]);
    if cells.first().is_some_and(|c| c.is_empty()) {
        cells.remove(0);
    }
    if cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    Some(cells.into_iter().map(|c| c.trim_matches([' ', '\t'])).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_a_row_and_nothing_else() {
        assert_eq!(encode("p95 < 200 ms, see **#12**", Flavor::Markdown), "p95 < 200 ms, see **#12**");
        assert_eq!(encode(" a|b\nc ", Flavor::Markdown), "&#32;a\\|b<br>c&#32;");
        assert_eq!(encode("a\nb\\c", Flavor::Jira), "a\\\\b&#92;c");
        assert_eq!(encode("---", Flavor::Markdown), "\\---");
    }

    #[test]
    fn decodes_what_it_encodes_and_what_people_type() {
        for v in ["", " ", "\t", "<br>", "\\", "\\\\|", "&#32;", "a\r\nb", "- x", "|", "&#x41;", "<BR/>", "é|😀\n"] {
            for f in [Flavor::Markdown, Flavor::Jira] {
                assert_eq!(decode(&encode(v, f), f), v, "{v:?} {f:?}");
            }
        }
        assert_eq!(decode("a<br />b&#8212;c\\d", Flavor::Markdown), "a\nb—c\\d");
    }

    #[test]
    fn splits_rows_at_unescaped_pipes() {
        assert_eq!(split_row("| Owner | a\\|b |"), Some(vec!["Owner", "a\\|b"]));
        assert_eq!(split_row("Owner|x"), Some(vec!["Owner", "x"]));
        assert_eq!(split_row("|Owner||"), Some(vec!["Owner", ""]));
        assert_eq!(split_row("no pipes"), None);
    }
}
