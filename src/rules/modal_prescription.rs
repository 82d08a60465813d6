//! `modal-prescription`: an order dressed as a statement: "we should add a cache", "the limit
//! needs to be changed to 50", "we will migrate to v2". The change is decided, not asked for.

use super::{clause_end, hedged, quote};
use crate::judge::lexicon;
use crate::judge::reading::{any_word, Section, Sentence};

pub const ID: &str = "modal-prescription";

/// The word range from the subject to the end of the ordered clause.
pub fn detect(s: &Sentence) -> Option<(usize, usize)> {
    // "It should show the dialog" under Expected behaviour describes, not prescribes.
    if !s.any(lexicon::MODAL) && !s.may_have(any_word!["need", "needs", "have", "has", "will", "want", "like"]) {
        return None;
    }
    if hedged(s) || matches!(s.view.section, Section::Behaviour | Section::Reproduce | Section::Acceptance) {
        return None;
    }
    // "As a maintainer I want to archive stale branches so that ...": a user story's want is the
    // need in the user's words, the form the framing asks for, not a change decided for the owner.
    if s.opens_user_story() {
        return None;
    }
    for i in 0..s.len() {
        let w = s.word(i);
        let prev = if i > 0 { s.word(i - 1) } else { "" };
        let next = s.word(i + 1);
        let target = if s.is(i, lexicon::MODAL) {
            i + 1
        } else if next == "to" && (matches!(w, "need" | "needs") || matches!(w, "have" | "has") && i > 0 && s.is(i - 1, lexicon::ACTOR)) {
            i + 2
        } else if w == "will" && matches!(prev, "we" | "i") {
            i + 1
        } else if matches!(w, "want" | "like") && next == "to" && matches!(prev, "we" | "i" | "would" | "i'd" | "we'd") {
            i + 2
        } else {
            continue;
        };
        // "I'm frustrated when exports time out and I have to split them": a must inside a
        // when- or if-clause describes the situation; it decides nothing.
        if in_situation_clause(s, i) {
            continue;
        }
        let mut t = target;
        while matches!(s.word(t), "also" | "just" | "then" | "not" | "now" | "first") {
            t += 1;
        }
        let verb = s.word(t);
        // "It should show the dialog", "the first click should mark them read": a thing that
        // should act is expected behaviour; a person who should act, or a thing that should be
        // changed, is an order.
        let expects = s.is(i, lexicon::MODAL) && matches!(prev, "it" | "that" | "which");
        let orders = s.is(t, lexicon::ORDER) && !s.is(t + 1, lexicon::SUBJECT) && !expects
            || (verb == "be" && s.is(t + 1, lexicon::CHANGE));
        if orders {
            let from = if i > 0 && s.is(i - 1, lexicon::ACTOR) || prev == "we'd" || prev == "i'd" { i - 1 } else { i };
            return Some((from, clause_end(s, t)));
        }
    }
    None
}

/// Whether word `i` sits in a clause opened by "when", "whenever" or "if" earlier in the
/// sentence, with no comma closing that clause before it.
fn in_situation_clause(s: &Sentence, i: usize) -> bool {
    let Some(opener) = (0..i).rev().find(|&j| matches!(s.word(j), "when" | "whenever" | "if")) else {
        return false;
    };
    match (s.word_range(opener), s.word_range(i)) {
        (Some((_, from)), Some((to, _))) => !s.view.block.text[from..to].contains(','),
        _ => false,
    }
}

pub fn message(s: &Sentence, (from, to): (usize, usize)) -> String {
    format!("\"{}\" decides the change for the owner; stated as a must, it leaves nothing to weigh.", quote(s, from, to))
}

pub fn suggestion(_s: &Sentence, _range: (usize, usize)) -> String {
    "State the problem this change would solve and for whom, and the result you need (\"… must finish in under 2 s\"); if you have a preferred fix, offer it as an option and ask the owner for risks or better ideas.".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::each;

    fn hits(body: &str) -> Vec<String> {
        each("", body, |s| detect(s).map(|(a, b)| quote(s, a, b)))
    }

    #[test]
    fn flags_decided_changes() {
        assert_eq!(hits("We should add a cache in front of the search API."), ["We should add a cache in front of the search API"]);
        assert_eq!(hits("The default timeout needs to be changed to 30s."), ["needs to be changed to 30s"]);
        assert_eq!(hits("I'd like to replace the date picker, because it is dated."), ["I'd like to replace the date picker"]);
    }

    #[test]
    fn allows_the_want_of_a_user_story() {
        assert!(hits("As a project maintainer I want to archive stale branches so that the list stays readable.").is_empty());
    }

    #[test]
    fn allows_a_must_that_describes_the_situation() {
        assert!(hits("I'm always frustrated when large exports time out and I have to split them by month.").is_empty());
        assert_eq!(hits("When the export times out, we should add a retry."), ["we should add a retry"]);
    }

    #[test]
    fn allows_hedges_expected_behaviour_and_capability() {
        assert!(hits("We could add a cache in front of the search API.").is_empty());
        assert!(hits("## Expected behaviour\n\nIt should show the saved draft.").is_empty());
        assert!(hits("Users should be able to export their data.").is_empty());
        assert!(hits("We need to understand why imports stall.").is_empty());
        assert!(hits("After a reload it should show the saved draft.").is_empty());
        assert_eq!(hits("It should be renamed to drafts."), ["It should be renamed to drafts"]);
    }
}
