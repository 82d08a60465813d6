//! Words and sentences of prose, as byte ranges: one scanner for the judge, the rewrite's quotes,
//! the ownership prefill and word counts.
//!
//! Hand-written rather than unicode-segmentation, measured here: UAX #29 segmentation took most
//! of the judge's time on long tickets (perf, commit 7aec497), and its tables cost the core wasm
//! about 20 KB of its 200 KB gzip budget (209,351 -> 189,103 bytes gzip -9 when it went).
//! Ticket prose needs less: words are runs of alphanumerics (any script) joined across an inner
//! apostrophe or dot; sentences end at `.`, `!` or `?` before a space and a word that does not
//! start in lower case ("e.g. the" stays whole). tests/lossless.rs keeps unicode-segmentation
//! as an independent oracle.

/// Words: runs of letters, digits and underscores, joined across an apostrophe or a dot with a
/// letter or digit on both sides ("doesn't", "4.17"). Words outside ASCII work.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::with_capacity(text.len() / 5);
    each_word(text, |s, e| words.push((s, e)));
    words
}

/// How many `words` a text has, without collecting them (word counts run on every block).
pub fn count_words(text: &str) -> usize {
    let mut n = 0;
    each_word(text, |_, _| n += 1);
    n
}

/// Byte-wise with an ASCII fast path: decoding every char and asking Unicode's tables about
/// each was most of this function's time in the wasm profile, and ticket prose is mostly ASCII.
/// Non-ASCII chars take the same `char` predicates as before, so the words are unchanged.
fn each_word(text: &str, mut emit: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let alnum_at = |i: usize| match bytes.get(i) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
    };
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (word_char, joiner_char, len) = if b < 0x80 {
            (b.is_ascii_alphanumeric() || b == b'_', b == b'\'' || b == b'.', 1)
        } else {
            let ch = text[i..].chars().next().unwrap_or('\0');
            (ch.is_alphanumeric(), ch == '\u{2019}', ch.len_utf8())
        };
        if word_char {
            start.get_or_insert(i);
        } else if !(joiner_char && start.is_some() && alnum_at(i + len)) {
            if let Some(s) = start.take() {
                emit(s, i);
            }
        }
        i += len;
    }
    if let Some(s) = start {
        emit(s, text.len());
    }
}

/// Sentences as byte ranges: a run of `.`, `!` or `?` followed by a space ends one unless the
/// next word starts in lower case ("e.g. the"); trailing spaces stay with the sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut j = i;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b')' | b'"' | b'\'') {
                j += 1;
            }
            let mut k = j;
            while k < bytes.len() && bytes[k] == b' ' {
                k += 1;
            }
            let ends = k == bytes.len() || (k > j && !bytes[k].is_ascii_lowercase());
            if ends {
                out.push((start, k));
                start = k;
                i = k;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_contractions_versions_and_curly_apostrophes() {
        let text = "It doesn’t work in 4.17, e.g. on Café_2!";
        let words: Vec<&str> = words(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(words, ["It", "doesn’t", "work", "in", "4.17", "e.g", "on", "Café_2"]);
    }

    /// The char-by-char scanner this one replaced, kept as the oracle for the fast path.
    fn words_by_char(text: &str) -> Vec<(usize, usize)> {
        let mut words = Vec::new();
        let mut start: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, ch)) = chars.next() {
            if ch.is_alphanumeric() || ch == '_' {
                start.get_or_insert(i);
                continue;
            }
            let joiner = matches!(ch, '\'' | '\u{2019}' | '.') && start.is_some() && chars.peek().is_some_and(|&(_, c)| c.is_alphanumeric());
            if joiner {
                continue;
            }
            if let Some(s) = start.take() {
                words.push((s, i));
            }
        }
        if let Some(s) = start {
            words.push((s, text.len()));
        }
        words
    }

    #[test]
    fn fast_path_agrees_with_the_char_scanner() {
        for text in [
            "", "a", "_", "'", "a'", "a'b", "a.b.c", "a..b", "x’y", "x’", "’x", "Ünïcödé wörds, 東京 2.0ß", "a_b'c’d.e",
            "e.g. the 4.17 release—done… ok", "a.’b", "a’.b", "a'é", "é'a", "1.٣", "tab\tend\n", "a\u{2019}\u{2019}b", "ǅ ǈ Ⅻ ½",
        ] {
            assert_eq!(words(text), words_by_char(text), "{text:?}");
            assert_eq!(count_words(text), words_by_char(text).len(), "{text:?}");
        }
    }

    #[test]
    fn splits_sentences_but_not_after_abbreviations() {
        let text = "Export fails. It stops, e.g. at 50%! Why? Ok";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, ["Export fails. ", "It stops, e.g. at 50%! ", "Why? ", "Ok"]);
    }
}
