//! The rewrite's promise, as a check: every word the author wrote is still there, in order.

/// True when every whitespace-separated token of `original` appears as a whole token of
/// `rewritten`, in the same order (other tokens may come between them).
pub fn is_lossless(original: &str, rewritten: &str) -> bool {
    let mut have = rewritten.split_whitespace();
    // Greedy matching is enough: taking the earliest match never hurts a later one.
    original.split_whitespace().all(|want| have.any(|t| t == want))
}

#[cfg(test)]
mod tests {
    use super::is_lossless;

    #[test]
    fn order_and_whole_tokens_matter() {
        assert!(is_lossless("use Redis", "Please\n use the Redis\tcache"));
        assert!(is_lossless("", "anything"));
        assert!(is_lossless("  \r\n ", ""));
        assert!(!is_lossless("Redis use", "use Redis"));
        assert!(!is_lossless("Redis", "Redistribute"));
        assert!(!is_lossless("a a", "a"));
        assert!(is_lossless("日本 😀", "x 日本 y 😀"));
    }
}
