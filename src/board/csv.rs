//! A small RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and newlines; a
//! byte-order mark and CRLF line ends are accepted. Each record keeps the line it starts on so
//! the board can name the row in its messages.

/// One record and the 1-based line where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
    /// A quote that was never closed: the record ran to the end of the input.
    pub unterminated: bool,
}

/// Splits CSV text into records. Never fails: malformed quoting is reported per record.
pub fn parse(text: &str) -> Vec<Record> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut start_line = 1;
    let mut any = false; // the current record has content
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                any = true;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                any = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                if any || !field.is_empty() {
                    fields.push(std::mem::take(&mut field));
                    records.push(Record { line: start_line, fields: std::mem::take(&mut fields), unterminated: false });
                }
                any = false;
                line += 1;
                start_line = line;
            }
            _ => {
                field.push(c);
                any = true;
            }
        }
    }
    if any || !field.is_empty() || in_quotes {
        fields.push(field);
        records.push(Record { line: start_line, fields, unterminated: in_quotes });
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        parse(text).into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn quoted_fields_keep_commas_quotes_and_newlines() {
        let got = rows("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\nnext line\"\n2,,\n");
        assert_eq!(got, vec![
            vec!["a", "b", "c"],
            vec!["1", "x, y", "say \"hi\"\nnext line"],
            vec!["2", "", ""],
        ]);
    }

    #[test]
    fn lines_are_counted_across_quoted_newlines() {
        let recs = parse("h1,h2\n\"a\nb\nc\",d\ne,f");
        assert_eq!(recs.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 5]);
    }

    #[test]
    fn bom_blank_lines_and_unterminated_quotes() {
        let recs = parse("\u{feff}h\n\n\"open");
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].fields, vec!["h"]);
        assert!(recs[1].unterminated);
        assert_eq!(recs[1].fields, vec!["open"]);
    }
}
