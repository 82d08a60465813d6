//! Finding bare URLs inside prose, so that `https://example.com/fix-the-cache` is not read as words.

/// Byte ranges of bare URLs (`http://`, `https://`, `www.`) in `text`.
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Every URL starts with 'h' or 'w'; other bytes (UTF-8 continuation bytes included) are
        // skipped without decoding.
        if !matches!(bytes[i], b'h' | b'w') {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let starts_url = (rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www."))
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if starts_url {
            let mut end = i;
            for (off, ch) in rest.char_indices() {
                if ch.is_whitespace() || matches!(ch, '<' | '>' | '"' | '`') {
                    break;
                }
                end = i + off + ch.len_utf8();
            }
            // Trailing punctuation belongs to the sentence, not the URL.
            while end > i && matches!(bytes[end - 1], b'.' | b',' | b';' | b':' | b')' | b'!' | b'?' | b'\'') {
                end -= 1;
            }
            if end > i {
                found.push((i, end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn finds_urls_and_leaves_sentence_punctuation() {
        let text = "See https://example.com/a?b=1. Also www.example.org, and http://x.";
        let urls: Vec<&str> = find(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(urls, ["https://example.com/a?b=1", "www.example.org", "http://x"]);
    }

    #[test]
    fn ignores_words_that_merely_contain_http() {
        assert!(find("the xhttp://foo and shttps header").is_empty());
    }
}
