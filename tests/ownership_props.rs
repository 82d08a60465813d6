//! Properties of the ownership block: records round-trip through any description, writing
//! replaces, removing restores the description byte for byte, and damaged blocks never panic or
//! lose the text around them.

use ownframe::ownership::{self, Decision, Experiment, Flavor, Handoff, OtherRow, Record};
use proptest::prelude::*;

/// Text that stresses the block: table syntax, escapes, line ends, both flavours' markers.
fn nasty() -> impl Strategy<Value = String> {
    let fragments = prop::sample::select(vec![
        "|", "||", "\\", "\\\\", "\\|", "\n", "\r\n", "\r", " ", "\t", "  ", "<br>", "<BR />", "<!--", "-->",
        "<!-- ownframe:ownership v1 -->", "<!-- /ownframe:ownership -->", "h3. Ownership (ownframe v1)",
        "_End of ownership (ownframe v1)_", "&#32;", "&#", "&#x41;", "&amp;", "---", ":", "-", "`", "```", "**",
        "# ", "é", "😀", "\u{a0}", "\u{2028}", "(Consult)", "3", "Owner", "Decision area", "yes",
    ]);
    let piece = prop_oneof![
        3 => fragments.prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        2 => "[a-zA-Z ]{0,6}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn record() -> impl Strategy<Value = Record> {
    let decision = (nasty(), 1u8..=7, nasty()).prop_map(|(area, level, note)| Decision { area, level, note });
    let experiment = prop::option::of((nasty(), nasty(), nasty()).prop_map(|(scope, stakes, review_date)| Experiment { scope, stakes, review_date }));
    let handoff = (nasty(), nasty(), nasty(), any::<[bool; 3]>()).prop_map(|(from, to, date, [k, c, s])| Handoff {
        from,
        to,
        date,
        knowledge: k,
        decision_context: c,
        stakeholders: s,
    });
    let other = (nasty(), nasty()).prop_map(|(field, value)| OtherRow { field, value });
    let list = || prop::collection::vec(nasty(), 0..3);
    (
        (nasty(), nasty(), list(), prop::collection::vec(decision, 0..3)),
        (list(), nasty(), experiment, prop::collection::vec(handoff, 0..3), prop::collection::vec(other, 0..3)),
    )
        .prop_map(|((owner, outcome, success_measures, decisions), (support, check_in, experiment, handoffs, other_rows))| Record {
            owner,
            outcome,
            success_measures,
            decisions,
            support,
            check_in,
            experiment,
            handoffs,
            other_rows,
        })
        // Other rows may not borrow a list field's label (the block could not tell them apart).
        .prop_filter("other rows must be valid", |r| r.validate().is_ok())
}

fn flavor() -> impl Strategy<Value = Flavor> {
    prop_oneof![Just(Flavor::Markdown), Just(Flavor::Jira)]
}

/// Descriptions, some holding marker lines of either flavour (blocks, halves of blocks, a newer
/// version) so refusals and replacements are exercised, not just appends.
fn description() -> impl Strategy<Value = String> {
    let marker = prop::sample::select(vec![
        "\n<!-- ownframe:ownership v1 -->\n", "\n<!-- /ownframe:ownership -->\n", "\n<!-- ownframe:ownership v2 -->\n",
        "\nh3. Ownership (ownframe v1)\n", "\n_End of ownership (ownframe v1)_\n", "\r\nh2. Ownership (ownframe v1)\r\n",
        "\n| Owner | someone |\n", "\n||Field||Value||\n",
    ]);
    let piece = prop_oneof![4 => nasty(), 1 => marker.prop_map(str::to_string)];
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

/// Kinds of warning that make a description unsafe to write into.
fn blocking(reading: &ownership::Reading) -> bool {
    reading.warnings.iter().any(|w| matches!(w.kind.as_str(), "damaged-block" | "duplicate-block" | "newer-version"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn records_round_trip(r in record(), f in flavor()) {
        let written = ownership::write("", &r, f).unwrap();
        let reading = ownership::read(&written, f);
        prop_assert!(only_duplicate_rows(&reading.warnings), "{:?}", reading.warnings);
        prop_assert_eq!(reading.record, Some(r));
    }

    #[test]
    fn writing_into_a_description_then_removing_restores_it(d in description(), r in record(), f in flavor()) {
        let before = ownership::read(&d, f);
        match ownership::write(&d, &r, f) {
            Ok(written) => {
                prop_assert!(!blocking(&before));
                if before.record.is_none() {
                    prop_assert!(written.starts_with(&d));
                }
                let after = ownership::read(&written, f);
                prop_assert_eq!(after.record, Some(merged(&r, before.record.clone())));
                prop_assert!(only_duplicate_rows(&after.warnings), "{:?}", after.warnings);
                // With no block before, removal gives the description back; with one, removal
                // after replacing equals removal before.
                prop_assert_eq!(ownership::remove(&written, f).unwrap(), ownership::remove(&d, f).unwrap());
                if before.record.is_none() {
                    prop_assert_eq!(ownership::remove(&written, f).unwrap(), d);
                }
            }
            Err(_) => {
                prop_assert!(blocking(&before), "refused without a reason: {:?}", before);
                prop_assert!(ownership::remove(&d, f).is_err());
            }
        }
    }

    #[test]
    fn writing_twice_replaces(d in description(), r1 in record(), r2 in record(), f in flavor()) {
        if let Ok(once) = ownership::write(&d, &r1, f) {
            let twice = ownership::write(&once, &r2, f).unwrap();
            // Same record again: nothing changes (one block, no rows pile up).
            prop_assert_eq!(&ownership::write(&twice, &r2, f).unwrap(), &twice);
            prop_assert_eq!(ownership::remove(&twice, f).unwrap(), ownership::remove(&d, f).unwrap());
            let reading = ownership::read(&twice, f);
            prop_assert_eq!(reading.record, Some(merged(&r2, ownership::read(&once, f).record)));
            prop_assert!(only_duplicate_rows(&reading.warnings));
            if r1.other_rows.is_empty() {
                prop_assert_eq!(&twice, &ownership::write(&d, &r2, f).unwrap());
            }
        }
    }

    #[test]
    fn crlf_descriptions_keep_their_line_ends(lines in prop::collection::vec("[a-z |]{0,8}", 1..5), r in record(), f in flavor()) {
        let d = lines.join("\r\n");
        let written = ownership::write(&d, &r, f).unwrap();
        if d.contains("\r\n") {
            // Values' own line breaks are escaped, so every line end in the result is a CRLF.
            prop_assert!(!written.replace("\r\n", "").contains('\n'), "bare LF in {:?}", written);
        }
        prop_assert_eq!(ownership::remove(&written, f).unwrap(), d);
    }

    #[test]
    fn damaged_blocks_never_panic_and_never_lose_text(
        d in description(), r in record(), r2 in record(), f in flavor(),
        cut in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), insert in nasty(), how in 0..4u8,
    ) {
        let Ok(written) = ownership::write(&d, &r, f) else { return Ok(()) };
        let boundary = |text: &str, i: &prop::sample::Index| -> usize {
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            cuts[i.index(cuts.len())]
        };
        let damaged = match how {
            0 => written[..boundary(&written, &cut)].to_string(),
            1 => {
                // A second copy of the block's length in bytes from the end; the block is not
                // always last, so the cut is moved forward to a char boundary.
                let mut from = written.len() - (written.len() - d.len()).min(written.len());
                while !written.is_char_boundary(from) {
                    from += 1;
                }
                format!("{written}\n\n{}", &written[from..])
            }
            2 => {
                let i = boundary(&written, &at);
                format!("{}{insert}{}", &written[..i], &written[i..])
            }
            _ => {
                let i = boundary(&written, &at);
                let j = boundary(&written, &cut);
                let (a, b) = (i.min(j), i.max(j));
                format!("{}{}", &written[..a], &written[b..])
            }
        };
        let reading = ownership::read(&damaged, f);
        match ownership::write(&damaged, &r2, f) {
            Ok(rewritten) => {
                // Everything outside the block survives: removing gives the same text either way.
                prop_assert_eq!(ownership::remove(&rewritten, f).unwrap(), ownership::remove(&damaged, f).unwrap());
                prop_assert_eq!(ownership::read(&rewritten, f).record, Some(merged(&r2, reading.record)));
            }
            Err(_) => {
                prop_assert!(blocking(&reading));
                prop_assert!(ownership::remove(&damaged, f).is_err());
            }
        }
    }
}

/// What a block reads as after writing `new` over a block that read as `old`: the new record,
/// plus the old block's other rows the new record does not carry (counted, not deduplicated).
fn merged(new: &Record, old: Option<Record>) -> Record {
    let mut out = new.clone();
    let mut carried = new.other_rows.clone();
    for row in old.map(|o| o.other_rows).unwrap_or_default() {
        match carried.iter().position(|r| *r == row) {
            Some(i) => {
                carried.remove(i);
            }
            None => out.other_rows.push(row),
        }
    }
    out
}

/// A record's other row may repeat a single field's label ("Owner"): it reads back as an other
/// row again, with a warning saying so. No other warning may appear on a block this code wrote.
fn only_duplicate_rows(warnings: &[ownership::Warning]) -> bool {
    warnings.iter().all(|w| w.kind == "duplicate-row")
}
