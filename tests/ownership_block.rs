//! The block as people meet it: what it looks like, and hand edits it must survive.

use ownframe::ownership::{self, Decision, Experiment, Flavor, Handoff, OtherRow, Record};

fn sample() -> Record {
    Record {
        owner: "@alice".into(),
        outcome: "Merchants can see why a payout failed | without calling support".into(),
        success_measures: vec!["Payout tickets drop by half".into(), "p95 < 2 s".into()],
        decisions: vec![
            Decision { area: "Approach and implementation".into(), level: 6, note: String::new() },
            Decision { area: "Release".into(), level: 3, note: "talk to *ops* first".into() },
        ],
        support: vec!["Pairing with @bob on the ledger\nTuesdays".into()],
        check_in: "2026-12-01".into(),
        experiment: Some(Experiment { scope: "10% of merchants".into(), stakes: "low".into(), review_date: "2026-12-15".into() }),
        handoffs: vec![Handoff {
            from: "@carol".into(),
            to: "@alice".into(),
            date: "2026-11-20".into(),
            knowledge: true,
            decision_context: true,
            stakeholders: false,
        }],
        other_rows: vec![],
    }
}

#[test]
fn markdown_block_reads_as_a_section() {
    let written = ownership::write("Payouts fail silently.", &sample(), Flavor::Markdown).unwrap();
    let expected = "Payouts fail silently.

<!-- ownframe:ownership v1 -->
### Ownership

| Field | Value |
| --- | --- |
| Owner | @alice |
| Outcome | Merchants can see why a payout failed \\| without calling support |
| Success measure | Payout tickets drop by half |
| Success measure | p95 < 2 s |
| Support | Pairing with @bob on the ledger<br>Tuesdays |
| Check-in | 2026-12-01 |
| Experiment scope | 10% of merchants |
| Experiment stakes | low |
| Experiment review date | 2026-12-15 |

| Decision area | Who decides | Note |
| --- | --- | --- |
| Approach and implementation | decide and inform: you decide, then tell the lead (Inquire) |  |
| Release | consult first: the lead decides after hearing you (Consult) | talk to *ops* first |

| From | To | Date | Knowledge shared | Decision context shared | Stakeholders introduced |
| --- | --- | --- | --- | --- | --- |
| @carol | @alice | 2026-11-20 | yes | yes | no |

<!-- /ownframe:ownership -->";
    assert_eq!(written, expected);
}

#[test]
fn jira_block_has_visible_markers() {
    let written = ownership::write("", &sample(), Flavor::Jira).unwrap();
    assert!(written.starts_with("h3. Ownership (ownframe v1)\n||Field||Value||\n|Owner|@alice|\n"), "{written}");
    assert!(written.contains("|Support|Pairing with @bob on the ledger\\\\Tuesdays|"));
    assert!(written.contains("|Approach and implementation|decide and inform: you decide, then tell the lead (Inquire)| |"));
    assert!(written.ends_with("\n\n_End of ownership (ownframe v1)_"));
    assert_eq!(ownership::read(&written, Flavor::Jira).record, Some(sample()));
}

#[test]
fn hand_edited_markdown_block_is_read() {
    // Rows reordered, spacing lost, a level typed as a name, columns swapped, a row and a line
    // nobody planned for.
    let text = "Intro\n\n<!--  ownframe:ownership v1  -->\n## ownership\n\n|Field|Value|\n|:-|-|\n\
        |Check-in|weekly|\n|   Owner   |   @dave   |\n| Reviewer | @erin |\n| success measures | fewer pages |\n\
        Ask Erin before merging.\n\n| Note | Decision area | Level |\n|---|---|---|\n| ok | Schema | Agree |\n\
        | | Rollout | 7 |\n<!-- /ownframe:ownership -->\nOutro";
    let reading = ownership::read(text, Flavor::Markdown);
    let r = reading.record.clone().unwrap();
    assert_eq!(r.owner, "@dave");
    assert_eq!(r.check_in, "weekly");
    assert_eq!(r.success_measures, ["fewer pages"]);
    assert_eq!(
        r.decisions,
        [
            Decision { area: "Schema".into(), level: 4, note: "ok".into() },
            Decision { area: "Rollout".into(), level: 7, note: String::new() }
        ]
    );
    assert_eq!(
        r.other_rows,
        [
            OtherRow { field: "Reviewer".into(), value: "@erin".into() },
            OtherRow { field: String::new(), value: "Ask Erin before merging.".into() }
        ]
    );
    let kinds: Vec<&str> = reading.warnings.iter().map(|w| w.kind.as_str()).collect();
    assert_eq!(kinds, ["stray-line"]);
    assert_eq!(reading.warnings[0].line, Some(12));

    // Writing the record back keeps the unknown row and the stray line, and only the block changes.
    let rewritten = ownership::write(text, &r, Flavor::Markdown).unwrap();
    assert!(rewritten.starts_with("Intro\n\n<!-- ownframe:ownership v1 -->\n"));
    assert!(rewritten.ends_with("<!-- /ownframe:ownership -->\nOutro"));
    assert!(rewritten.contains("| Reviewer | @erin |"));
    assert!(rewritten.contains("|  | Ask Erin before merging. |"));
    assert_eq!(ownership::read(&rewritten, Flavor::Markdown).record, Some(r));
}

#[test]
fn hand_edited_jira_block_is_read() {
    let text = "h2.  Ownership (ownframe v1)\r\n|| Field || Value ||\r\n| Owner | [~dave] |\r\n|Outcome|Ops stop paging at night|\r\n\
        ||Decision area||Who decides||Note||\r\n|Schema|something vague| |\r\n\
        ||From||To||Date||Knowledge shared||Decision context shared||Stakeholders introduced||\r\n|a|b|2026-01-01|(/)|yes|maybe|\r\n\
        *End of ownership (ownframe v1)*";
    let reading = ownership::read(text, Flavor::Jira);
    let r = reading.record.unwrap();
    assert_eq!(r.owner, "[~dave]");
    assert_eq!(r.outcome, "Ops stop paging at night");
    assert!(r.decisions.is_empty() && r.handoffs.is_empty());
    assert_eq!(
        r.other_rows,
        [
            OtherRow { field: "Decision".into(), value: "Schema | something vague | ".into() },
            OtherRow { field: "Hand-off".into(), value: "a | b | 2026-01-01 | (/) | yes | maybe".into() }
        ]
    );
    let kinds: Vec<&str> = reading.warnings.iter().map(|w| w.kind.as_str()).collect();
    assert_eq!(kinds, ["unreadable-level", "unreadable-row"]);
}

#[test]
fn rows_a_surface_does_not_know_survive_its_writes() {
    let text = "<!-- ownframe:ownership v1 -->\n| Owner | a |\n| Reviewer | @erin |\n<!-- /ownframe:ownership -->";
    // A form that never shows other rows writes a record without them.
    let from_form = Record { owner: "b".into(), ..Default::default() };
    let written = ownership::write(text, &from_form, Flavor::Markdown).unwrap();
    let r = ownership::read(&written, Flavor::Markdown).record.unwrap();
    assert_eq!(r.owner, "b");
    assert_eq!(r.other_rows, [OtherRow { field: "Reviewer".into(), value: "@erin".into() }]);
    // Passing them through does not double them.
    assert_eq!(ownership::write(&written, &r, Flavor::Markdown).unwrap(), written);
}

#[test]
fn duplicate_single_rows_are_kept_not_merged() {
    let text = "<!-- ownframe:ownership v1 -->\n| Owner | a |\n| Owner | b |\n<!-- /ownframe:ownership -->";
    let reading = ownership::read(text, Flavor::Markdown);
    let r = reading.record.unwrap();
    assert_eq!(r.owner, "a");
    assert_eq!(r.other_rows, [OtherRow { field: "Owner".into(), value: "b".into() }]);
    assert_eq!(reading.warnings[0].kind, "duplicate-row");
    let again = ownership::write(text, &r, Flavor::Markdown).unwrap();
    assert_eq!(ownership::read(&again, Flavor::Markdown).record, Some(r));
}

#[test]
fn damaged_and_doubled_blocks_are_reported_and_left_alone() {
    let r = sample();
    let start_only = "text\n<!-- ownframe:ownership v1 -->\n| Owner | a |\nmore text";
    let reading = ownership::read(start_only, Flavor::Markdown);
    assert_eq!(reading.record, None);
    assert_eq!(reading.warnings[0].kind, "damaged-block");
    assert_eq!(reading.warnings[0].line, Some(2));
    let err = ownership::write(start_only, &r, Flavor::Markdown).unwrap_err().to_string();
    assert!(err.contains("no end marker"), "{err}");
    assert!(ownership::remove(start_only, Flavor::Markdown).is_err());

    let one = ownership::write("x", &r, Flavor::Markdown).unwrap();
    let two = format!("{one}\n\n{}", &one[3..]);
    let reading = ownership::read(&two, Flavor::Markdown);
    assert_eq!(reading.record, Some(r.clone()));
    assert_eq!(reading.warnings.iter().map(|w| w.kind.as_str()).collect::<Vec<_>>(), ["duplicate-block"]);
    assert!(ownership::write(&two, &r, Flavor::Markdown).is_err());

    let newer = "<!-- ownframe:ownership v2 -->\n| Owner | a |\n<!-- /ownframe:ownership -->";
    let reading = ownership::read(newer, Flavor::Markdown);
    assert_eq!((reading.record, reading.warnings[0].kind.as_str()), (None, "newer-version"));
    assert!(ownership::write(newer, &r, Flavor::Markdown).is_err());
}

#[test]
fn removal_is_exact_at_the_edges() {
    let r = sample();
    for d in ["", "\n", "\n\n", "a", "a\n", "a\r\n", "a\r\nb", "a\r", "  ", "x\n\n\n"] {
        for f in [Flavor::Markdown, Flavor::Jira] {
            let written = ownership::write(d, &r, f).unwrap();
            assert_eq!(ownership::remove(&written, f).unwrap(), d, "{d:?} {f:?}");
        }
    }
    // Text added after the block later: removing keeps it, with one separator between.
    let written = ownership::write("a", &r, Flavor::Markdown).unwrap();
    assert_eq!(ownership::remove(&format!("{written}\n\nlater"), Flavor::Markdown).unwrap(), "a\n\nlater");
    let at_top = format!("{}\n\nbody", ownership::write("", &r, Flavor::Markdown).unwrap());
    assert_eq!(ownership::remove(&at_top, Flavor::Markdown).unwrap(), "body");
}

#[test]
fn bad_records_are_refused() {
    let mut r = sample();
    r.decisions[0].level = 9;
    assert!(ownership::write("", &r, Flavor::Markdown).is_err());
    assert!(Record::from_json(r#"{"owner":"a","sucess_measures":[]}"#).is_err());
    assert!(Record::from_json(r#"{"other_rows":[{"field":"Support","value":"x"}]}"#).is_err());
    assert_eq!(Record::from_json(r#"{"owner":"a"}"#).unwrap().owner, "a");
}

/// The block as GitHub renders it (pulldown-cmark with GFM tables stands in for GitHub): values
/// with table syntax or escapes show as themselves, one cell each, and the end marker is not
/// swallowed by the last table.
#[test]
fn markdown_block_renders_as_tables_showing_the_values() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let values = ["a | b", "C:\\path\\", " lead", "p95 < 2 s", "x\ny", "&#32; literal", "-", "<br> literal", "trail\t"];
    let record = Record { owner: "o".into(), support: values.iter().map(|v| v.to_string()).collect(), ..Default::default() };
    let text = ownership::write("Body", &record, Flavor::Markdown).unwrap();
    let mut cells: Vec<String> = Vec::new();
    let mut in_cell = false;
    let mut tables = 0;
    let mut html_outside_tables = Vec::new();
    let mut in_table = false;
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                in_table = true;
            }
            Event::End(TagEnd::Table) => in_table = false,
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                cells.push(String::new());
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) if in_cell => cells.last_mut().unwrap().push_str(&t),
            Event::InlineHtml(h) if in_cell && h.eq_ignore_ascii_case("<br>") => cells.last_mut().unwrap().push('\n'),
            Event::Html(h) if !in_table => html_outside_tables.push(h.trim().to_string()),
            _ => {}
        }
    }
    assert_eq!(tables, 1);
    assert_eq!(html_outside_tables, ["<!-- ownframe:ownership v1 -->", "<!-- /ownframe:ownership -->"]);
    let shown: Vec<&str> = cells.chunks(2).filter(|row| row[0] == "Support").map(|row| row[1].as_str()).collect();
    // CommonMark trims a cell's edge whitespace only before references are resolved, so the
    // references show as the spaces and tabs they stand for.
    assert_eq!(shown, values);
}
