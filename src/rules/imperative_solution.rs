//! `prescribed-solution`: a sentence (or the title) that opens with an order verb ("Add a CSV
//! export button", "Implement the /history endpoint"). It names the change, not the need.

use super::{clause_end, hedged, quote};
use crate::judge::lexicon;
use crate::judge::reading::Sentence;

pub const ID: &str = "prescribed-solution";

/// Words that may stand before the verb of an order without changing it.
fn filler(w: &str) -> bool {
    matches!(w, "please" | "let's" | "lets" | "also" | "just" | "then" | "and" | "first" | "simply" | "finally" | "now")
}

/// The imperative clause as a word range, if the sentence orders a change. Hedged sentences
/// and questions offer an option instead, so they do not count.
pub fn detect(s: &Sentence) -> Option<(usize, usize)> {
    if s.is_empty() || hedged(s) {
        return None;
    }
    if let Some(found) = imperative_at(s, 0) {
        return Some(found);
    }
    if s.view.is_title() {
        // "Dropdown: add a variant", "[UI] Add ...", "Avatars > Add tooltip": the order follows
        // a component prefix (the first three).
        let mut prefixes = 0;
        for (i, ch) in s.text().char_indices() {
            if matches!(ch, ':' | '>' | ']' | '|' | '–' | '—') || (ch == '-' && s.text()[i + 1..].starts_with(' ')) {
                let w = s.word_at_or_after(s.start + i + ch.len_utf8());
                if w < s.len() && prefixes < 3 {
                    prefixes += 1;
                    if let Some(found) = imperative_at(s, w) {
                        return Some(found);
                    }
                }
            }
        }
    }
    None
}

fn imperative_at(s: &Sentence, mut i: usize) -> Option<(usize, usize)> {
    while filler(s.word(i)) && i + 1 < s.len() {
        i += 1;
    }
    let verb = s.word(i);
    if !s.is(i, lexicon::ORDER) {
        return None;
    }
    // '"Set as default" button disappears': a verb opening a quoted label names a control (a
    // button, a menu item), it orders nothing.
    let before = match (i.checked_sub(1).and_then(|p| s.word_range(p)), s.word_range(i)) {
        (Some((_, end)), Some((start, _))) => &s.view.block.text[end..start],
        (None, Some((start, _))) => &s.view.block.text[s.start.min(start)..start],
        _ => "",
    };
    if before.contains(['"', '\u{201c}']) {
        return None;
    }
    // "Build: SVN 4765", "Fix: crash on start": a verb closed by a colon labels a field or a
    // commit type; what follows is its value.
    let after = s.word_range(i).map_or("", |(_, end)| &s.view.block.text[end..s.end.max(end)]);
    if after.bytes().find(|b| !matches!(b, b'*' | b'_')) == Some(b':') {
        return None;
    }
    let next = s.word(i + 1);
    // "Update fails ...", "List of ...", "Use case": the verb is a noun here.
    if s.is(i + 1, lexicon::SUBJECT) || next == "of" || (verb == "use" && next.starts_with("case")) {
        return None;
    }
    // "Support answered 120 tickets", "Export returned the old rows": a past tense with its
    // own object makes the first word its subject. ("Show selected items", "Remove deprecated
    // flags": an -ed word before a noun is an adjective, and the order stands.)
    if next.len() > 3 && next.ends_with("ed") && past_object(s.word(i + 2)) {
        return None;
    }
    // "Merge requests fail where ...", "Build log stops streaming": a finite verb right after a
    // two-word noun phrase makes the first word part of the subject.
    // Verbs that take a clause ("Ensure users are notified") still order.
    let takes_clause = matches!(verb, "ensure" | "verify" | "check" | "confirm" | "make" | "validate" | "assert" | "guarantee");
    if s.is(i + 2, lexicon::SUBJECT) && !matches!(next, "it" | "this" | "that" | "them" | "sure") && !takes_clause {
        return None;
    }
    // "Support engineers re-enter refunds", "Test users need a fresh account": a verb-like word
    // before the people it names, then neither their object's continuation (a preposition, an
    // article, "to", "who", an adverb) nor the end, is a noun phrase: the subject of a report.
    // "Notify admins about failures", "Allow users to export", "Show users the date" stay orders.
    let then = s.word(i + 2);
    if s.is(i + 1, lexicon::ROLE) && !takes_clause && !then.is_empty() && !then.ends_with("ly") && !s.is(i + 2, lexicon::OBJECT_LINK) {
        return None;
    }
    // "Duplicate units in packages": a verb that is also an adjective orders
    // only when its object opens with a determiner or pronoun ("Duplicate the dashboard").
    if verb == "duplicate" && !matches!(next, "the" | "a" | "an" | "this" | "that" | "these" | "those" | "each" | "every" | "all" | "it" | "them" | "our" | "my" | "your" | "their") {
        return None;
    }
    // "Reduce misalignment of work types", "Prevent data loss on failover", "Avoid manual
    // steps": a verb that removes a harm, with the harm as its object, states what should
    // become better and leaves the way open. The harm it names reads as the problem instead.
    // ("Lower the timeout to 10 seconds": a timeout here is a setting, and the order stands.)
    if remedies(verb) && (i + 1..(i + 5).min(s.len())).any(|k| s.is(k, lexicon::TROUBLE | lexicon::VALUE) && s.word(k) != "timeout") {
        return None;
    }
    // A lone word is a label ("Support"), not an order, except in titles.
    if next.is_empty() && !s.view.is_title() {
        return None;
    }
    Some((i, clause_end(s, i)))
}

/// Verbs whose object is something to get rid of or keep from happening.
fn remedies(verb: &str) -> bool {
    matches!(verb, "reduce" | "prevent" | "avoid" | "lower")
}

/// Words that open the object of a finite verb: a determiner, a pronoun or a number.
fn past_object(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "this" | "that" | "these" | "those" | "our" | "my" | "their" | "its" | "his" | "her" | "it" | "them" | "us" | "me" | "him" | "some" | "all" | "every" | "no")
        || w.starts_with(|c: char| c.is_ascii_digit())
}

pub fn message(s: &Sentence, (from, to): (usize, usize)) -> String {
    format!(
        "\"{}\" is an order: it names the change to build, not who needs it or why, so the owner can only comply.",
        quote(s, from, to)
    )
}

pub fn suggestion(s: &Sentence, (from, to): (usize, usize)) -> String {
    format!(
        "Say who is held back today and what should become possible for them (\"Reviewers cannot … so …\"), and how you will know it worked; offer \"{}\" as one option the owner may weigh, not the task.",
        quote(s, from, to)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::each;

    fn hits(title: &str, body: &str) -> Vec<String> {
        each(title, body, |s| detect(s).map(|(a, b)| quote(s, a, b)))
    }

    #[test]
    fn flags_orders_in_titles_and_body() {
        assert_eq!(hits("Add a CSV export button", ""), ["Add a CSV export button"]);
        assert_eq!(hits("Billing page: replace the date picker", ""), ["replace the date picker"]);
        assert_eq!(hits("", "Use Redis to cache the history query."), ["Use Redis to cache the history query"]);
        assert_eq!(hits("", "- [ ] Please rename the settings tab, then ship it"), ["rename the settings tab"]);
        assert_eq!(hits("Duplicate the dashboard for each team", ""), ["Duplicate the dashboard for each team"]);
    }

    #[test]
    fn allows_labels_closed_by_a_colon() {
        assert!(hits("", "- **Build:** SVN: 4765\n- **Update:** none\n").is_empty());
        assert_eq!(hits("fix: crash on start", ""), Vec::<String>::new());
        assert_eq!(hits("feat: add CSV export", ""), ["add CSV export"]);
    }

    #[test]
    fn allows_people_named_by_a_verb_like_word() {
        assert!(hits("", "Support engineers re-enter refunds by hand.").is_empty());
        assert!(hits("", "Test users need a fresh account every week.").is_empty());
        assert!(hits("Support team reports duplicate refunds", "").is_empty());
        assert!(hits("", "Build log stops streaming after ten minutes.").is_empty());
        assert!(hits("", "Merge requests fail when the branch has a hash.").is_empty());
        assert_eq!(hits("", "Ensure users are notified."), ["Ensure users are notified"]);
    }

    #[test]
    fn allows_a_verb_like_subject_of_a_past_tense() {
        assert!(hits("", "Support answered 120 of these tickets last quarter.").is_empty());
        assert!(hits("", "Export returned the old rows after the upgrade.").is_empty());
        assert_eq!(hits("", "Show selected items in bold."), ["Show selected items in bold"]);
        assert_eq!(hits("", "Remove deprecated flags from the CLI."), ["Remove deprecated flags from the CLI"]);
        assert_eq!(hits("", "Please recalculate the VAT when the address changes."), ["recalculate the VAT when the address changes"]);
    }

    #[test]
    fn flags_orders_about_people() {
        assert_eq!(hits("", "Notify admins about failed backups."), ["Notify admins about failed backups"]);
        assert_eq!(hits("", "Allow users to export their data."), ["Allow users to export their data"]);
        assert_eq!(hits("", "Show users the date of the last sync."), ["Show users the date of the last sync"]);
        assert_eq!(hits("", "Notify reviewers immediately."), ["Notify reviewers immediately"]);
        assert_eq!(hits("Support users who sign in with SSO", ""), ["Support users who sign in with SSO"]);
    }

    #[test]
    fn allows_a_harm_to_get_rid_of_and_flags_settings_to_lower() {
        assert!(hits("", "Reduce misalignment of parent and child labels on merge requests.").is_empty());
        assert!(hits("Prevent data loss when a node fails over", "").is_empty());
        assert!(hits("", "Avoid manual steps when the release is cut.").is_empty());
        assert!(hits("", "Reduce checkout failures for mobile buyers.").is_empty());
        assert_eq!(hits("", "Lower the timeout to 10 seconds."), ["Lower the timeout to 10 seconds"]);
        assert_eq!(hits("", "Reduce the page size to 20 rows."), ["Reduce the page size to 20 rows"]);
        assert_eq!(hits("", "Avoid calling the API twice in the loop."), ["Avoid calling the API twice in the loop"]);
    }

    #[test]
    fn allows_duplicate_as_an_adjective() {
        assert!(hits("duplicate units in packages after an upgrade", "").is_empty());
        assert!(hits("", "Duplicate rows appear after every import.").is_empty());
    }

    #[test]
    fn allows_links_to_other_pages() {
        // The text of a link-only line is another page's name ("Link to epic", a related issue).
        assert!(hits("", "[Link to epic](https://x.io/e/954)\n\n- [Add CSV export](#12)\n").is_empty());
        assert_eq!(hits("", "Add [CSV](https://x.io) export."), ["Add CSV export"]);
    }

    #[test]
    fn allows_nouns_hedges_questions_and_problems() {
        assert!(hits("Update fails when the disk is full", "").is_empty());
        assert!(hits("Merge requests fail when the branch has a hash", "").is_empty());
        assert!(hits("Export button disappears after a reload", "").is_empty());
        assert_eq!(hits("Make sure the export is fast", ""), ["Make sure the export is fast"]);
        assert!(hits("", "Maybe add a retry here.").is_empty());
        assert!(hits("", "Add a retry here?").is_empty());
        assert!(hits("", "Use case: auditors export logs monthly.").is_empty());
        assert!(hits("Reviewers cannot see who approved a change", "").is_empty());
        assert!(hits("", "Investigate why the nightly job stalls.").is_empty());
    }
}
