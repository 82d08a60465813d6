//! `prescribed-technology`: an order that also picks the tool ("Use Redis to cache it",
//! "migrate the jobs to `sidekiq`"). Choosing the technology is the owner's call unless the
//! ticket says why it must be this one. Team terms from `vocabulary.solution_terms` count
//! wherever an ordering sentence names them.

use super::{imperative_solution, modal_prescription, quote};
use crate::config::Config;
use crate::judge::reading::Sentence;

pub const ID: &str = "prescribed-technology";

/// Where the means is named after word `i`: right after "use"/"via"/"with", or after the "to"
/// of "migrate (the jobs) to".
fn means_after(s: &Sentence, i: usize) -> Option<usize> {
    match s.word(i) {
        "use" | "using" | "adopt" | "via" | "with" => Some(i + 1),
        "switch" | "migrate" | "move" | "upgrade" | "port" => (i + 1..(i + 6).min(s.len())).find(|&k| s.word(k) == "to").map(|k| k + 1),
        _ => None,
    }
}

/// The technology's word range inside an ordering sentence.
pub fn detect(s: &Sentence, config: &Config) -> Option<(usize, usize)> {
    detect_with(s, imperative_solution::detect(s).or_else(|| modal_prescription::detect(s)), config)
}

/// As `detect`, given the ordering clause the other rules already found.
pub fn detect_with(s: &Sentence, order: Option<(usize, usize)>, config: &Config) -> Option<(usize, usize)> {
    let (from, to) = order?;
    if let Some(found) = configured_term(s, config) {
        return Some(found);
    }
    let mut i = from;
    while i < to {
        if let Some(first) = means_after(s, i) {
            for k in first..(first + 3).min(s.len()) {
                if s.is_placeholder(k) && s.raw(k) != crate::text::URL_WORD || named(s.raw(k)) {
                    return Some((k, k + 1));
                }
            }
        }
        i += 1;
    }
    None
}

/// A product name rather than a common word: capitalised inside a sentence, or CamelCase.
fn named(raw: &str) -> bool {
    let mut chars = raw.chars();
    let Some(first) = chars.next() else { return false };
    first.is_uppercase() && raw.len() > 1 && raw != "I" && !matches!(raw, "The" | "A" | "An" | "This" | "That" | "It")
}

fn configured_term(s: &Sentence, config: &Config) -> Option<(usize, usize)> {
    for term in &config.vocabulary.solution_terms {
        let lower = term.to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        if let Some(i) = s.find_words(&words) {
            return Some((i, i + words.len()));
        }
    }
    None
}

pub fn message(s: &Sentence, range: (usize, usize)) -> String {
    format!("The ticket picks the tool (\"{}\") instead of stating the need it should meet.", quote(s, range.0, range.1))
}

pub fn suggestion(s: &Sentence, range: (usize, usize)) -> String {
    format!(
        "Say what is slow, missing or risky and for whom, and what would be good enough (a response time, a volume, a deadline); let the owner choose whether \"{}\" is the right tool, and say so if it is a hard constraint.",
        quote(s, range.0, range.1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::each;

    fn hits(body: &str, config: &Config) -> Vec<String> {
        each("", body, |s| detect(s, config).map(|(a, b)| quote(s, a, b)))
    }

    #[test]
    fn flags_ordered_tools() {
        let c = Config::default();
        assert_eq!(hits("Use Redis to cache the history query.", &c), ["Redis"]);
        assert_eq!(hits("We should migrate the workers to `sidekiq`.", &c), ["CODE"]);
    }

    #[test]
    fn allows_tools_in_descriptions_and_options() {
        let c = Config::default();
        assert!(hits("When using Firefox the page never loads.", &c).is_empty());
        assert!(hits("One option is to use Redis.", &c).is_empty());
        assert!(hits("Add a cache with a short expiry.", &c).is_empty());
    }

    #[test]
    fn flags_configured_solution_terms_in_orders_only() {
        let mut c = Config::default();
        c.vocabulary.solution_terms = vec!["event bus".into()];
        assert_eq!(hits("Send the audit records over the event bus.", &c), ["event bus"]);
        assert!(hits("Send the audit records over the event bus.", &Config::default()).is_empty());
        assert!(hits("The event bus drops audit records.", &c).is_empty());
    }
}
