//! Inputs the fuzz targets (fuzz/) found, kept as tests so they stay fixed. Each names its target.

use ownframe::{Config, Format, Ticket};

fn adf_body_text(doc: &str) -> String {
    let t = Ticket { title: String::new(), body: doc.to_string(), format: Format::Adf };
    let a = ownframe::analyze(&t, &Config::default()).expect("a doc reads");
    a.body_text.expect("ADF gives body_text")
}

/// analyze_adf_structured: lists and tables whose children are text nodes (out of the ADF schema,
/// which wants listItem / tableRow in between) render as a bare "-" or nothing, so their words
/// vanish from body_text, from the analysis, and from the rewrite that keeps body_text.
#[test]
fn adf_lists_and_tables_with_inline_children_keep_their_text() {
    for kind in ["bulletList", "orderedList", "taskList", "decisionList", "table"] {
        let doc = format!(r#"{{"type":"doc","version":1,"content":[{{"type":"{kind}","content":[{{"type":"text","text":"Use Redis "}}]}}]}}"#);
        let text = adf_body_text(&doc);
        assert!(text.contains("Use Redis"), "{kind}: body_text {text:?} lost the words");
    }
}

/// The same nodes with the schema's structure keep their words too.
#[test]
fn adf_lists_and_tables_in_schema_keep_their_text() {
    let para = r#"{"type":"paragraph","content":[{"type":"text","text":"Use Redis "}]}"#;
    let docs = [
        format!(r#"{{"type":"bulletList","content":[{{"type":"listItem","content":[{para}]}}]}}"#),
        format!(r#"{{"type":"orderedList","content":[{{"type":"listItem","content":[{para}]}}]}}"#),
        r#"{"type":"taskList","content":[{"type":"taskItem","attrs":{"state":"TODO"},"content":[{"type":"text","text":"Use Redis "}]}]}"#.to_string(),
        r#"{"type":"decisionList","content":[{"type":"decisionItem","content":[{"type":"text","text":"Use Redis "}]}]}"#.to_string(),
        format!(r#"{{"type":"table","content":[{{"type":"tableRow","content":[{{"type":"tableCell","content":[{para}]}}]}}]}}"#),
    ];
    for node in docs {
        let text = adf_body_text(&format!(r#"{{"type":"doc","version":1,"content":[{node}]}}"#));
        assert!(text.contains("Use Redis"), "{node}: body_text {text:?} lost the words");
    }
}

/// ownership (fuzz target `ownership`): a description whose block has a stray line inside (any
/// text that is not a table row; both flavours). `read` warns `stray-line` ("kept as an unnamed
/// row"), nothing blocking. The contract, decided: the user's text wins over a clean round trip, so
/// `write` carries the stray line into the new block as an unnamed other row. What reads back is
/// the record written plus that row, and writing the same record again changes nothing.
#[test]
fn ownership_write_into_a_block_with_a_stray_line_keeps_the_line_and_the_record() {
    use ownframe::ownership::{self, Flavor, Record};
    let description = "h3. Ownership (ownframe v1)\r\n<br>\u{2028}\n_End of ownership (ownframe v1)_**";
    let record = Record {
        owner: "\u{feff}\n".into(),
        outcome: " |}\0\0/é".into(),
        success_measures: vec![String::new()],
        ..Record::default()
    };
    let before = ownership::read(description, Flavor::Jira);
    assert!(before.warnings.iter().any(|w| w.kind == "stray-line"), "{before:?}");
    let stray: Vec<_> = before.record.as_ref().map(|r| r.other_rows.clone()).unwrap_or_default();
    assert!(!stray.is_empty(), "the stray line is read as an other row: {before:?}");

    let written = ownership::write(description, &record, Flavor::Jira).expect("a stray line does not block writing");
    let after = ownership::read(&written, Flavor::Jira).record.expect("the block reads back");
    let mut expected = record.clone();
    expected.other_rows = stray;
    assert_eq!(after, expected, "written:\n{written}");

    let again = ownership::write(&written, &record, Flavor::Jira).expect("writes again");
    assert_eq!(again, written, "writing the same record twice changes nothing");
}

/// ownership (fuzz target `ownership`, 600 s run): a bare "|" line inside an old Jira block reads
/// as an other row with no field and no value, without a warning; `write` keeps it (other rows the
/// record does not carry are kept), so the record reads back with that row added, and writing
/// again changes nothing.
#[test]
fn ownership_write_keeps_an_empty_row_of_the_old_block() {
    use ownframe::ownership::{self, Flavor, OtherRow, Record};
    let description = "\nh3. Ownership (ownframe v1)\r\n|\r\n_End of ownership (ownframe v1)__End of ownership (ownframe v1)_";
    let record = Record { owner: "é".into(), ..Record::default() };
    let written = ownership::write(description, &record, Flavor::Jira).expect("writes");
    assert!(written.starts_with("\nh3. Ownership (ownframe v1)\r\n"), "{written:?}");
    let after = ownership::read(&written, Flavor::Jira).record.expect("the block reads back");
    assert_eq!(after.owner, "é");
    assert_eq!(after.other_rows, vec![OtherRow { field: String::new(), value: String::new() }]);
    assert_eq!(ownership::write(&written, &record, Flavor::Jira).expect("writes again"), written);
}

/// ownership (fuzz target `ownership`, 600 s run, 2026-11-27): the old block has two empty rows
/// and the record carries one. `write` matches rows as a multiset: one old empty row is the
/// record's, the other is kept after the record's rows. The target's oracle had filtered kept rows
/// by value, so an equal row kept from the old block looked like an extra one; the oracle now
/// subtracts the unmatched old rows once each, as `write` adds them.
#[test]
fn ownership_write_keeps_an_old_row_equal_to_one_the_record_carries() {
    use ownframe::ownership::{self, Flavor, OtherRow, Record};
    let empty = OtherRow { field: String::new(), value: String::new() };
    let description = "h3. Ownership (ownframe v1)\n|\n|\n_End of ownership (ownframe v1)_";
    let before = ownership::read(description, Flavor::Jira).record.expect("the old block reads");
    assert_eq!(before.other_rows, vec![empty.clone(), empty.clone()]);
    let record = Record { owner: "é".into(), other_rows: vec![empty.clone()], ..Record::default() };
    let written = ownership::write(description, &record, Flavor::Jira).expect("writes");
    let after = ownership::read(&written, Flavor::Jira).record.expect("the block reads back");
    assert_eq!(after.other_rows, vec![empty.clone(), empty], "written:\n{written}");
    assert_eq!(ownership::write(&written, &record, Flavor::Jira).expect("writes again"), written);
}

/// ownership (fuzz target `ownership`, 600 s run, 2026-11-27): an old block with a duplicate
/// "Experiment review date" row (read as an other row, warning `duplicate-row`) under a record
/// without an experiment. `write` keeps the duplicate row (the user's text wins); read back, with
/// no experiment row before it, it is the experiment's review date: the words survive, in the
/// field they name (the comment in `ownership::write`). The oracle allows that.
#[test]
fn ownership_write_keeps_a_duplicate_experiment_row_which_reads_back_as_the_experiment() {
    use ownframe::ownership::{self, Flavor, Record};
    let description =
        "h3. Ownership (ownframe v1)\n||Field||Value||\n|Experiment review date|May|\n|Experiment review date|June|\n_End of ownership (ownframe v1)_";
    let before = ownership::read(description, Flavor::Jira);
    assert!(before.warnings.iter().any(|w| w.kind == "duplicate-row"), "{before:?}");
    let record = Record { owner: "é".into(), ..Record::default() };
    let written = ownership::write(description, &record, Flavor::Jira).expect("writes");
    let after = ownership::read(&written, Flavor::Jira).record.expect("the block reads back");
    assert_eq!(after.owner, "é");
    assert_eq!(after.experiment.map(|e| e.review_date), Some("June".to_string()), "written:\n{written}");
    assert!(after.other_rows.is_empty());
}
