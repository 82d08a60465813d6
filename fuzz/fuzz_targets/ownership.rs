//! The ownership block: `read` never panics on any description; `write` then `read` gives the
//! record back; `remove` after `write` gives the description back byte for byte; a refusal to
//! write always has a blocking reason. (The same promises as tests/ownership_props.rs, searched
//! by coverage instead of by strategy.)
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use ownframe::ownership::{self, Decision, Experiment, Flavor, Handoff, OtherRow, Record};

/// Fragments that matter to the block's syntax, so the fuzzer reaches markers and tables fast.
const FRAGMENTS: &[&str] = &[
    "|", "||", "\\", "\\|", "\n", "\r\n", "\r", " ", "\t", "<br>", "<!--", "-->", "<!-- ownframe:ownership v1 -->",
    "<!-- /ownframe:ownership -->", "<!-- ownframe:ownership v2 -->", "h3. Ownership (ownframe v1)",
    "_End of ownership (ownframe v1)_", "&#32;", "&#x7C;", "&amp;", "---", "| --- | --- |", "`", "```", "**",
    "## Ownership", "Owner", "Outcome", "Decision area", "(Consult)", "3", "Success measure", "Support",
    "Check-in", "Experiment", "Handoff", "yes", "é", "😀", "\u{a0}", "\u{2028}", "\u{feff}",
];

fn text(u: &mut Unstructured) -> arbitrary::Result<String> {
    let mut s = String::new();
    for _ in 0..u.int_in_range(0..=6)? {
        if u.ratio(2, 3)? {
            s.push_str(u.choose(FRAGMENTS)?);
        } else {
            s.push_str(<&str>::arbitrary(u)?);
        }
    }
    Ok(s)
}

fn list(u: &mut Unstructured) -> arbitrary::Result<Vec<String>> {
    (0..u.int_in_range(0..=2)?).map(|_| text(u)).collect()
}

fn record(u: &mut Unstructured) -> arbitrary::Result<Record> {
    Ok(Record {
        owner: text(u)?,
        outcome: text(u)?,
        success_measures: list(u)?,
        decisions: (0..u.int_in_range(0..=2)?)
            .map(|_| Ok(Decision { area: text(u)?, level: u.int_in_range(1..=7)?, note: text(u)? }))
            .collect::<arbitrary::Result<_>>()?,
        support: list(u)?,
        check_in: text(u)?,
        experiment: if u.arbitrary()? {
            Some(Experiment { scope: text(u)?, stakes: text(u)?, review_date: text(u)? })
        } else {
            None
        },
        handoffs: (0..u.int_in_range(0..=2)?)
            .map(|_| {
                Ok(Handoff {
                    from: text(u)?,
                    to: text(u)?,
                    date: text(u)?,
                    knowledge: u.arbitrary()?,
                    decision_context: u.arbitrary()?,
                    stakeholders: u.arbitrary()?,
                })
            })
            .collect::<arbitrary::Result<_>>()?,
        other_rows: (0..u.int_in_range(0..=2)?)
            .map(|_| Ok(OtherRow { field: text(u)?, value: text(u)? }))
            .collect::<arbitrary::Result<_>>()?,
    })
}

/// A label as the block's reader compares it (`ownership::parse::key`, private): letters and
/// digits only, lowercased.
fn letters(label: &str) -> String {
    label.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn blocking(reading: &ownership::Reading) -> bool {
    reading.warnings.iter().any(|w| matches!(w.kind.as_str(), "damaged-block" | "duplicate-block" | "newer-version"))
}

fn only_duplicate_rows(warnings: &[ownership::Warning]) -> bool {
    warnings.iter().all(|w| w.kind == "duplicate-row")
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(flavor_bit) = u.arbitrary::<bool>() else { return };
    let flavor = if flavor_bit { Flavor::Jira } else { Flavor::Markdown };
    let Ok(description) = text(&mut u).and_then(|a| Ok(a + &text(&mut u)? + &text(&mut u)?)) else { return };
    let before = ownership::read(&description, flavor);
    let Ok(r) = record(&mut u) else { return };
    if r.validate().is_err() {
        assert!(ownership::write(&description, &r, flavor).is_err(), "write takes an invalid record");
        return;
    }
    match ownership::write(&description, &r, flavor) {
        Ok(written) => {
            assert!(!blocking(&before), "wrote into a blocked description: {before:?}");
            let after = ownership::read(&written, flavor);
            // `write` keeps the old block's other rows that the record does not carry (a stray
            // line, a bare "|" row, a teammate's hand-added row: the user's text wins), matched as
            // a multiset, after the record's own; so those rows may come back on top of the
            // record written, once each (tests/fuzz_regressions.rs).
            let mut kept = before.record.as_ref().map(|rec| rec.other_rows.clone()).unwrap_or_default();
            for row in &r.other_rows {
                if let Some(i) = kept.iter().position(|k| k == row) {
                    kept.remove(i);
                }
            }
            let mut read_back = after.record.clone();
            if let Some(rec) = read_back.as_mut() {
                for row in &kept {
                    if let Some(i) = rec.other_rows.iter().rposition(|x| x == row) {
                        rec.other_rows.remove(i);
                    } else if r.experiment.is_none() && letters(&row.field).contains("experiment") {
                        // A kept duplicate experiment row under a record without an experiment
                        // reads back as the experiment: the words survive, in the field they name.
                        // (Labels are read by their letters: "e^^xperiment review date" is one.)
                        rec.experiment = None;
                    }
                }
            }
            assert_eq!(
                read_back.as_ref(),
                Some(&r),
                "the record did not round-trip ({flavor:?}; record as JSON: {}; description {description:?}) through:\n{written}",
                serde_json::to_string(&r).unwrap()
            );
            assert!(only_duplicate_rows(&after.warnings), "{:?}", after.warnings);
            let removed = ownership::remove(&written, flavor).expect("a written block removes");
            assert_eq!(removed, ownership::remove(&description, flavor).expect("removable before"));
            if before.record.is_none() {
                assert!(written.starts_with(&description), "writing changed the text before the block");
                assert_eq!(removed, description, "removing did not restore the description");
            }
        }
        Err(_) => {
            assert!(blocking(&before), "refused without a blocking reason: {before:?}");
            assert!(ownership::remove(&description, flavor).is_err());
        }
    }
});
