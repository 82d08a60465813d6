//! Byte offsets (Rust) to UTF-16 code units (JavaScript, the DOM). They differ for every
//! character outside ASCII, and by two units per emoji.

/// Converts byte offsets into `text` to UTF-16 offsets. Offsets inside a character are rounded
/// down to its start; offsets past the end map to the end.
pub fn to_utf16(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    let mut units = 0;
    for (i, ch) in text.char_indices() {
        if i >= byte {
            return units;
        }
        if i + ch.len_utf8() > byte {
            return units;
        }
        units += ch.len_utf16();
    }
    units
}

/// Converts many byte offsets at once in one pass; `bytes` need not be sorted.
pub fn many_to_utf16(text: &str, bytes: &[usize]) -> Vec<usize> {
    // Up to the last offset asked for, ASCII text has one UTF-16 unit per byte.
    let last = bytes.iter().copied().max().unwrap_or(0).min(text.len());
    if text.as_bytes()[..last].is_ascii() {
        return bytes.iter().map(|&b| b.min(text.len())).collect();
    }
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let mut chars = text.char_indices().peekable();
    let mut units = 0;
    for i in order {
        let target = bytes[i].min(text.len());
        while let Some(&(pos, ch)) = chars.peek() {
            if pos + ch.len_utf8() > target {
                break;
            }
            units += ch.len_utf16();
            chars.next();
        }
        out[i] = units;
    }
    out
}

/// The inverse: a UTF-16 offset from JavaScript to a byte offset, rounded down to a char boundary.
pub fn from_utf16(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, ch) in text.char_indices() {
        if seen + ch.len_utf16() > units {
            return i;
        }
        seen += ch.len_utf16();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_count_two_units_and_accents_one() {
        let text = "a😀é b";
        // bytes: a=0, 😀=1..5, é=5..7, ' '=7, b=8
        assert_eq!(to_utf16(text, 1), 1);
        assert_eq!(to_utf16(text, 5), 3);
        assert_eq!(to_utf16(text, 7), 4);
        assert_eq!(to_utf16(text, 8), 5);
        assert_eq!(many_to_utf16(text, &[8, 1, 5, 100]), vec![5, 1, 3, 6]);
        assert_eq!(from_utf16(text, 3), 5);
        assert_eq!(from_utf16(text, 2), 1);
    }

    #[test]
    fn many_agrees_with_single() {
        let text = "naïve 日本語 🎉 done\u{a0}ok";
        let offsets: Vec<usize> = (0..=text.len()).collect();
        let many = many_to_utf16(text, &offsets);
        for (i, &b) in offsets.iter().enumerate() {
            assert_eq!(many[i], to_utf16(text, b), "offset {b}");
        }
    }
}
