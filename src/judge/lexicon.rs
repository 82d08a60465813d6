//! Word lists the judge reads sentences with. Every list is sorted so membership is a binary
//! search over a static slice in tests, and one table of bits (by word hash) at run time: no
//! regex, small in wasm. Words are lower-case ASCII as `Reading` produces them; a test keeps
//! the lists sorted.

use super::reading::hash;
use std::sync::OnceLock;

#[cfg(test)]
fn has(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// Verbs that, opening a sentence or a list item, order a concrete change.
const ORDER_VERBS: &[&str] = &[
    "add", "adjust", "adopt", "align", "allow", "apply", "archive", "assign", "audit", "automate", "avoid",
    "backport", "block", "build", "bump", "cache", "calculate", "change", "cleanup", "collapse", "combine",
    "compute", "configure", "connect", "consolidate", "convert", "copy", "create", "cut", "deduplicate",
    "define", "delete", "deploy", "deprecate", "design", "disable", "display", "document", "drop", "duplicate",
    "edit", "embed", "emit", "enable", "encrypt", "enforce", "ensure", "expand", "expire", "export", "expose",
    "extend", "extract", "fetch", "generate", "group", "handle", "hide", "highlight", "implement", "import",
    "improve", "include", "increase", "infer", "inject", "install", "integrate", "introduce", "limit", "link",
    "list", "load", "lower", "make", "mark", "merge", "migrate", "modify", "move", "normalize", "notify",
    "optimise", "optimize", "paginate", "parse", "pass", "persist", "pin", "point", "port", "prefill",
    "prevent", "provide", "publish", "purge", "put", "raise", "rebuild", "recalculate", "recompute", "redact",
    "redesign", "redirect", "reduce", "refactor", "regenerate", "register", "reimplement", "reindex", "release",
    "reload", "remove", "rename", "reorder", "reorganize", "replace", "rerun", "resend", "reset", "resolve",
    "restore", "restrict", "restructure", "retry", "return", "reuse", "revert", "revoke", "rework", "rewrite",
    "run", "save", "schedule", "send", "separate", "set", "setup", "show", "simplify", "sort", "split",
    "standardize", "start", "stop", "store", "support", "swap", "switch", "sync", "tag", "test", "throttle",
    "track", "translate", "trigger", "truncate", "turn", "unify", "update", "upgrade", "upload", "use",
    "validate", "wrap", "write",
];

/// Verbs that open the question instead of answering it: they ask the owner to find out.
const OPEN_VERBS: &[&str] = &[
    "analyse", "analyze", "assess", "brainstorm", "consider", "decide", "determine", "discuss", "evaluate",
    "explore", "figure", "find", "identify", "investigate", "look", "research", "spike", "study", "understand",
];

/// Words after a verb-like first word that show it was a noun subject ("Update fails ...").
const SUBJECT_FOLLOWERS: &[&str] = &[
    "appears", "are", "breaks", "can", "can't", "cannot", "causes", "could", "crashes", "did", "didn't", "disappears",
    "does", "doesn't", "don't", "fail", "failed", "fails", "freezes", "gets", "had", "hangs", "has", "have", "ignores",
    "is", "isn't", "looks", "loses", "may", "might", "not", "returns", "seems", "should", "shows", "stopped", "stops", "takes",
    "throws", "was", "wasn't", "were", "will", "won't", "works", "would",
];

/// Words naming observed wrong behaviour or a difficulty: the stuff of problem statements.
const TROUBLE_WORDS: &[&str] = &[
    "annoying", "aren't", "bad", "breakage", "breaking", "breaks", "broke", "broken", "bug", "buggy", "bugs", "can't",
    "cannot", "complaining", "complains", "confused", "confusing", "corrupt", "corrupted", "couldn't", "crash",
    "crashed", "crashes", "crashing", "cumbersome", "denied", "didn't", "difficult", "disappeared", "disappears", "doesn't",
    "don't", "error", "errors", "exception", "fail", "failed", "failing",
    "fails", "failure", "failures", "flaky", "flickers", "freeze", "freezes", "garbled", "hadn't", "hang", "hangs", "hard", "hasn't", "haven't", "ignores",
    "impossible", "inconsistent", "incorrect", "incorrectly", "invalid", "isn't", "jumps", "lack", "lacking",
    "lacks", "leak", "leaks", "loses", "loss", "lost", "misaligned", "misalignment", "misleading", "mismatch", "missing",
    "overlapping", "overlaps", "overwrites", "painful", "panics", "problem", "problems",
    "regression", "resets", "slow", "stale", "stopped", "stops", "stretched", "struggle", "struggling", "stuck", "tedious",
    "timeout", "truncated", "unable", "unclear", "unexpected", "unexpectedly", "unreadable",
    "unresponsive", "unusable", "wasn't", "weird", "weren't", "won't", "wrong", "wrongly",
];

/// Faults in a thing's state rather than in anyone's work: in a title that does not order
/// ("duplicate units in packages", "Outdated screenshots in the guide") they report a defect; in
/// the body they are mostly the reason for a removal ("Remove X. It is duplicated in Y"), which
/// the labelling guide does not count as an outcome. So only titles read them as trouble.
const FAULT_WORDS: &[&str] = &["duplicate", "duplicated", "duplicates", "outdated"];

/// Words about people the work serves.
const ROLE_WORDS: &[&str] = &[
    "admin", "administrator", "administrators", "admins", "agents", "analyst", "analysts", "author", "authors",
    "buyer", "buyers", "client", "clients", "contributor", "contributors", "customer", "customers", "designer",
    "designers", "developer", "developers", "employee", "employees", "engineer", "engineers", "maintainer",
    "maintainers", "manager", "managers", "member", "members", "merchant", "merchants", "moderator", "moderators",
    "operator", "operators", "participant", "participants", "patient", "patients", "people", "person", "player",
    "players", "reader", "readers", "reviewer", "reviewers", "seller", "sellers", "shopper", "shoppers", "staff",
    "student", "students", "subscriber", "subscribers", "teacher", "teachers", "team", "teams", "tester", "testers",
    "translator", "translators", "user", "user's", "users", "users'", "visitor", "visitors", "volunteer", "volunteers",
];

/// Words that soften a proposal into one option among others.
const HEDGE_WORDS: &[&str] = &[
    "alternatively", "could", "idea", "ideas", "maybe", "might", "option", "options", "perhaps", "possibly",
    "suggest", "suggestion", "wdyt",
];

/// Modal phrases that turn a statement into an instruction ("we should add", "must be").
const MODALS: &[&str] = &[
    "must", "shall", "should",
];

/// Pronouns or determiners that make a modal phrase a team instruction ("we need to").
const ACTOR_WORDS: &[&str] = &[
    "i", "it", "this", "we", "you",
];

/// Participles that, after "should be"/"needs to be", name a change ("should be renamed").
const CHANGE_PARTICIPLES: &[&str] = &[
    "added", "adjusted", "changed", "configured", "converted", "created", "deleted", "deprecated", "disabled",
    "dropped", "enabled", "extended", "extracted", "implemented", "increased", "introduced", "made", "merged",
    "migrated", "moved", "reduced", "refactored", "removed", "renamed", "replaced", "rewritten", "set", "split",
    "switched", "updated", "upgraded", "used",
];

/// Words that signal a measurable target.
const MEASURE_WORDS: &[&str] = &[
    "above", "average", "below", "faster", "fewer", "hours", "kpi", "latency", "less", "measure", "measured", "median",
    "metric", "metrics", "minutes", "ms", "p95", "p99", "percent", "rate", "seconds", "sla", "slo", "target", "under",
    "within",
];

/// Words that invite the owner's judgement.
const INVITE_WORDS: &[&str] = &[
    "concerns", "feedback", "input", "opinions", "risks", "suggestions", "thoughts", "tradeoffs", "wdyt",
];

/// Words of benefit or pain: what a change is worth to someone, or what it costs them now.
const VALUE_WORDS: &[&str] = &[
    "accessible", "annoying", "aware", "beneficial", "benefit", "better", "burden", "challenging", "clarity",
    "clearer", "complex", "complicated", "confusing", "confusion", "consistent", "convenient", "cumbersome", "difficult", "easier", "easily", "easy",
    "efficient", "effort", "enjoy", "experience", "faster", "friction", "frustrating", "hard", "harder", "heavy",
    "helpful", "impossible", "improves", "inconvenient", "manual", "manually", "messy", "misleading", "nice",
    "noise", "noisy", "overhead", "pain", "painful", "performance", "performant", "quickly", "reliable", "risk",
    "risky", "safer", "security", "simpler", "slow", "slower", "struggle", "struggling", "tedious",
    "time-consuming", "unnecessarily", "unnecessary", "usability", "useful", "valuable", "waste", "wasted",
    "worthwhile",
];

/// Words an imperative's object runs on with ("Notify admins about ...", "Allow users to ...",
/// "Show users the date"): after "<verb> <people>", anything else makes the pair a noun phrase.
const OBJECT_LINKS: &[&str] = &[
    "a", "about", "across", "after", "again", "all", "an", "and", "any", "as", "at", "before", "by", "during",
    "each", "every", "first", "for", "from", "her", "his", "if", "in", "instead", "into", "its", "like",
    "more", "my", "now", "of", "on", "once", "onto", "or", "our", "per", "so", "some", "than", "that", "the",
    "their", "these", "this", "those", "through", "to", "too", "until", "via", "when", "whenever", "which",
    "who", "whose", "with", "without", "your",
];

/// Finite verbs that describe how things are or behave.
const STATE_VERBS: &[&str] = &[
    "appears", "are", "aren't", "can't", "cannot", "causes", "contains", "did", "didn't", "do", "does",
    "doesn't", "don't", "gets", "had", "happens", "has", "have", "is", "isn't", "makes", "means", "results",
    "returns", "seems", "shows", "takes", "uses", "was", "wasn't", "were", "works",
];

// One bit per list, so a word's memberships are looked up once (per word, in `Reading`) and
// every later test is a mask.
pub const ORDER: u16 = 1 << 0;
pub const OPEN: u16 = 1 << 1;
pub const SUBJECT: u16 = 1 << 2;
pub const TROUBLE: u16 = 1 << 3;
pub const ROLE: u16 = 1 << 4;
pub const HEDGE: u16 = 1 << 5;
pub const MODAL: u16 = 1 << 6;
pub const ACTOR: u16 = 1 << 7;
pub const CHANGE: u16 = 1 << 8;
pub const MEASURE: u16 = 1 << 9;
pub const INVITE: u16 = 1 << 10;
pub const VALUE: u16 = 1 << 11;
pub const FAULT: u16 = 1 << 12;
pub const OBJECT_LINK: u16 = 1 << 13;
pub const STATE: u16 = 1 << 14;

const LISTS: &[(&[&str], u16)] = &[
    (ORDER_VERBS, ORDER),
    (OPEN_VERBS, OPEN),
    (SUBJECT_FOLLOWERS, SUBJECT),
    (TROUBLE_WORDS, TROUBLE),
    (ROLE_WORDS, ROLE),
    (HEDGE_WORDS, HEDGE),
    (MODALS, MODAL),
    (ACTOR_WORDS, ACTOR),
    (CHANGE_PARTICIPLES, CHANGE),
    (MEASURE_WORDS, MEASURE),
    (INVITE_WORDS, INVITE),
    (VALUE_WORDS, VALUE),
    (FAULT_WORDS, FAULT),
    (OBJECT_LINKS, OBJECT_LINK),
    (STATE_VERBS, STATE),
];

/// Open addressing over the words' FNV-1a hashes (the same hash `Reading` keeps per word, so a
/// word is hashed once): a probe or two per word, no hasher state, no second hash of the text.
struct Table {
    slots: Vec<(u64, &'static str, u16)>,
    mask: usize,
}

impl Table {
    fn get(&self, hash: u64, w: &str) -> u16 {
        let mut i = hash as usize & self.mask;
        loop {
            let (h, word, bits) = self.slots[i];
            if bits == 0 {
                return 0; // an empty slot: not a listed word
            }
            if h == hash && word == w {
                return bits;
            }
            i = (i + 1) & self.mask;
        }
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let words: usize = LISTS.iter().map(|(list, _)| list.len()).sum();
        // At most a quarter full, so a miss (most words) usually stops at the first slot.
        let size = (words * 4).next_power_of_two();
        let mut table = Table { slots: vec![(0, "", 0); size], mask: size - 1 };
        for (list, bit) in LISTS {
            for w in *list {
                let h = hash(w);
                let mut i = h as usize & table.mask;
                while table.slots[i].2 != 0 && table.slots[i].1 != *w {
                    i = (i + 1) & table.mask;
                }
                table.slots[i] = (h, w, table.slots[i].2 | bit);
            }
        }
        table
    })
}

/// Every list the word belongs to, as bits.
pub fn flags(w: &str) -> u16 {
    flags_hashed(hash(w), w)
}

/// `flags` of a word whose `reading::hash` is known (`Reading` keeps both per word; rules ask
/// `Sentence::is`).
pub fn flags_hashed(hash: u64, w: &str) -> u16 {
    table().get(hash, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_lower_case() {
        for list in [
            ORDER_VERBS, OPEN_VERBS, SUBJECT_FOLLOWERS, TROUBLE_WORDS, ROLE_WORDS, HEDGE_WORDS, MODALS, ACTOR_WORDS,
            CHANGE_PARTICIPLES, MEASURE_WORDS, INVITE_WORDS, VALUE_WORDS, FAULT_WORDS, OBJECT_LINKS, STATE_VERBS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "unsorted near {:?}", list.windows(2).find(|w| w[0] >= w[1]));
            assert!(list.iter().all(|w| w.to_ascii_lowercase() == *w));
        }
    }

    #[test]
    fn flags_agree_with_the_lists() {
        for (list, bit) in LISTS {
            for w in *list {
                assert!(flags(w) & bit != 0 && has(list, w));
            }
        }
        assert_eq!(flags("zebra"), 0);
    }

    #[test]
    fn knows_order_and_open_verbs_apart() {
        assert!(flags("implement") & ORDER != 0 && flags("implement") & OPEN == 0);
        assert!(flags("investigate") & OPEN != 0 && flags("investigate") & ORDER == 0);
    }
}
