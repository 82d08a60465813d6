//! The `ownframe` binary's contract: output shapes, exit codes, and bad input reported by line
//! while every other line is still processed. These run the built binary, as a user would.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const ORDER: &str = "Implement the /history endpoint with limit and offset. Use Redis to cache it.";
const OUTCOME: &str = "Support agents lose about ten minutes per call because they cannot see a customer's \
past orders. We need them to see the order history while on the call, so that calls get shorter. \
Success: median call time drops by two minutes.";

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ownframe"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ownframe binary starts");
    // Writing may fail if the binary exits early (usage errors); that's the binary's business.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().expect("the ownframe binary finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not one JSON object per line: {e}: {l}")))
        .collect()
}

fn line(id: Value, title: &str, body: &str) -> String {
    serde_json::json!({ "id": id, "title": title, "body": body }).to_string()
}

/// A file in a fresh temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        let dir = std::env::temp_dir().join(format!("ownframe-cli-{}-{}", std::process::id(), name.replace('.', "-")));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }
    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    assert!(start <= end && end <= units.len(), "utf16 span {start}..{end} outside a text of {} units", units.len());
    String::from_utf16(&units[start..end]).expect("utf16 span on code point boundaries")
}

/// Every finding's byte span and UTF-16 span select the same text of the given field.
fn check_spans(analysis: &Value, title: &str, body: &str) {
    for f in analysis["findings"].as_array().expect("findings is an array") {
        let text = match f["field"].as_str() {
            Some("title") => title,
            Some("body") => analysis["body_text"].as_str().unwrap_or(body),
            other => panic!("field must be title or body, got {other:?}"),
        };
        let (s, e) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
        let (s16, e16) =
            (f["span_utf16"]["start"].as_u64().unwrap() as usize, f["span_utf16"]["end"].as_u64().unwrap() as usize);
        let by_bytes = text.get(s..e).unwrap_or_else(|| panic!("byte span {s}..{e} is not a slice of {text:?}"));
        assert_eq!(by_bytes, utf16_slice(text, s16, e16), "byte and UTF-16 spans disagree in {f}");
    }
}

#[test]
fn help_and_version_exit_zero_and_unknown_command_exits_two() {
    let help = run(&["--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("analyze"));
    let version = run(&["--version"], b"");
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("ownframe "));
    let bad = run(&["frobnicate"], b"");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("frobnicate"));
    assert_eq!(run(&[], b"").status.code(), Some(2));
}

#[test]
fn analyze_prints_a_readable_report() {
    let out = run(&["analyze", "--title", "History endpoint", "-"], ORDER.as_bytes());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let first = text.lines().next().expect("a report");
    assert!(first.starts_with("class: "), "first line names the class: {first}");
    let class = first["class: ".len()..].split_whitespace().next().unwrap();
    assert!(["task-style", "outcome-first", "mixed", "unframed"].contains(&class), "{class}");
    assert!(text.contains("outcome: who"), "{text}");
    assert!(text.contains("openness"), "{text}");
    // Not JSON.
    assert!(serde_json::from_str::<Value>(&text).is_err());
}

#[test]
fn analyze_reads_a_file_argument() {
    let file = TempFile::new("ticket.md", ORDER.as_bytes());
    let from_file = run(&["analyze", "--format", "json", file.arg()], b"");
    let from_stdin = run(&["analyze", "--format", "json"], ORDER.as_bytes());
    assert_eq!(from_file.status.code(), Some(0), "stderr: {}", stderr(&from_file));
    assert_eq!(stdout(&from_file), stdout(&from_stdin));
    let missing = run(&["analyze", "/nonexistent/ownframe/ticket.md"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("/nonexistent/ownframe/ticket.md"));
}

#[test]
fn analyze_json_is_one_object_with_the_contract_fields() {
    let out = run(&["analyze", "--format", "json", "--title", "History endpoint"], ORDER.as_bytes());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "exactly one JSON object");
    let a = &lines[0];
    assert!(["task-style", "outcome-first", "mixed", "unframed"].contains(&a["class"].as_str().unwrap()));
    assert!(a["states_outcome"].is_boolean());
    assert!(a["prescribes_solution"].is_boolean());
    // class is derived from the two judgements.
    let expected = match (a["states_outcome"].as_bool().unwrap(), a["prescribes_solution"].as_bool().unwrap()) {
        (false, true) => "task-style",
        (true, false) => "outcome-first",
        (true, true) => "mixed",
        (false, false) => "unframed",
    };
    assert_eq!(a["class"], expected);
    for key in ["who", "problem", "why", "evidence", "success_measure"] {
        let v = a["scores"]["outcome"][key].as_f64().unwrap_or_else(|| panic!("scores.outcome.{key}"));
        assert!((0.0..=1.0).contains(&v), "scores.outcome.{key} = {v}");
    }
    for key in ["openness", "authority", "support", "invitation"] {
        let v = a["scores"][key].as_f64().unwrap_or_else(|| panic!("scores.{key}"));
        assert!((0.0..=1.0).contains(&v), "scores.{key} = {v}");
    }
    assert!(a["word_count"].as_u64().unwrap() > 0);
    assert!(a.get("id").is_none(), "single-ticket JSON has no id");
    let findings = a["findings"].as_array().unwrap();
    assert!(!findings.is_empty(), "an order has findings");
    for f in findings {
        for key in ["rule", "message", "suggestion"] {
            assert!(f[key].as_str().is_some_and(|s| !s.is_empty()), "finding.{key} in {f}");
        }
        assert!(["info", "warning"].contains(&f["severity"].as_str().unwrap()), "{f}");
        for span in ["span", "span_utf16"] {
            assert!(f[span]["start"].as_u64().unwrap() <= f[span]["end"].as_u64().unwrap(), "{f}");
        }
    }
    check_spans(a, "History endpoint", ORDER);
}

/// The judge's side of the contract: the README's own example of an order reads as task-style.
#[test]
fn an_imperative_ticket_is_task_style_and_fail_on_exits_one() {
    let out = run(&["analyze", "--format", "json", "--fail-on", "task-style"], ORDER.as_bytes());
    let a = &json_lines(&out)[0];
    assert_eq!(a["class"], "task-style", "{a}");
    assert_eq!(a["prescribes_solution"], true);
    assert_eq!(out.status.code(), Some(1), "--fail-on task-style matched");
    // Without --fail-on the same ticket exits 0.
    assert_eq!(run(&["analyze", "--format", "json"], ORDER.as_bytes()).status.code(), Some(0));
}

/// The CLI's side, whatever the judge says: exit 1 exactly when the class matches --fail-on.
#[test]
fn fail_on_exits_one_exactly_when_the_class_matches() {
    let class = json_lines(&run(&["analyze", "--format", "json"], ORDER.as_bytes()))[0]["class"].as_str().unwrap().to_string();
    for other in ["task-style", "outcome-first", "mixed", "unframed"] {
        let single = run(&["analyze", "--fail-on", other], ORDER.as_bytes());
        let lines = format!("{}\n{}\n", line(Value::from(1), "", ORDER), line(Value::from(2), "", ORDER));
        let many = run(&["analyze", "--jsonl", "--fail-on", other], lines.as_bytes());
        let expected = if other == class { 1 } else { 0 };
        assert_eq!(single.status.code(), Some(expected), "--fail-on {other} on a {class} ticket");
        assert_eq!(many.status.code(), Some(expected), "--jsonl --fail-on {other} on {class} tickets");
        assert!(stdout(&single).starts_with(&format!("class: {class}")), "the report still prints");
        assert_eq!(json_lines(&many).len(), 2, "every ticket is still reported");
    }
}

#[test]
fn fail_on_rejects_an_unknown_class() {
    let out = run(&["analyze", "--fail-on", "sloppy"], ORDER.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sloppy"));
    assert!(stdout(&out).is_empty());
}

#[test]
fn jsonl_prints_one_line_per_ticket_with_its_id_in_order() {
    let input = [
        line(Value::from("T-1"), "History endpoint", ORDER),
        line(Value::from(2), "Agents need order history", OUTCOME),
        String::new(), // blank lines are skipped silently
        serde_json::json!({ "id": "T-3", "title": "Wiki", "body": "h2. Context\n\nUse *Redis* to cache it.", "format": "jira" })
            .to_string(),
        serde_json::json!({ "id": "T-4", "title": "Plain", "body": ORDER, "format": "text" }).to_string(),
    ]
    .join("\n");
    let out = run(&["analyze", "--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let lines = json_lines(&out);
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(ids, [&Value::from("T-1"), &Value::from(2), &Value::from("T-3"), &Value::from("T-4")]);
    for l in &lines {
        assert!(l["class"].is_string() && l["scores"].is_object() && l["findings"].is_array(), "{l}");
    }
    check_spans(&lines[0], "History endpoint", ORDER);
    check_spans(&lines[1], "Agents need order history", OUTCOME);
}

#[test]
fn jsonl_reads_a_file_argument_and_crlf_lines() {
    let input = format!("{}\r\n{}\r\n", line(Value::from(1), "a", ORDER), line(Value::from(2), "b", OUTCOME));
    let file = TempFile::new("tickets.jsonl", input.as_bytes());
    let out = run(&["analyze", "--jsonl", file.arg()], b"");
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let ids: Vec<Value> = json_lines(&out).iter().map(|l| l["id"].clone()).collect();
    assert_eq!(ids, [Value::from(1), Value::from(2)]);
}

#[test]
fn jsonl_fail_on_exits_one_when_any_ticket_matches() {
    let input = format!("{}\n{}\n", line(Value::from(1), "Order history for agents", OUTCOME), line(Value::from(2), "History", ORDER));
    let out = run(&["analyze", "--jsonl", "--fail-on", "task-style"], input.as_bytes());
    assert_eq!(json_lines(&out).len(), 2, "every ticket is still reported");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_lines_are_named_on_stderr_exit_two_and_the_rest_still_run() {
    let mut input = Vec::new();
    input.extend_from_slice(line(Value::from("ok-1"), "t", ORDER).as_bytes());
    input.extend_from_slice(b"\n{\"id\": \"bad-utf8\", \"body\": \"caf\xE9 \xFF\"}\n"); // line 2: Latin-1, not UTF-8
    input.extend_from_slice(b"{\"id\": \"broken\", \"body\": \n"); // line 3: malformed JSON
    input.extend_from_slice(br#"{"id": "fmt", "body": "x", "format": "docx"}"#); // line 4: unknown format
    input.push(b'\n');
    input.extend_from_slice(b"[1, 2, 3]\n"); // line 5: JSON, but not an object
    input.extend_from_slice(line(Value::from("ok-6"), "t", OUTCOME).as_bytes());
    input.push(b'\n');

    for command in ["analyze", "rewrite"] {
        let out = run(&[command, "--jsonl"], &input);
        assert_eq!(out.status.code(), Some(2), "{command}: bad input exits 2");
        let err = stderr(&out);
        for n in [2, 3, 4, 5] {
            assert!(err.contains(&format!("line {n}")), "{command}: stderr names line {n}: {err}");
        }
        assert!(!err.contains("line 1:") && !err.contains("line 6"), "{command}: good lines are not blamed: {err}");
        assert!(err.contains("UTF-8"), "{err}");
        assert!(err.contains("docx"), "the unknown format is named: {err}");
        let ids: Vec<Value> = json_lines(&out).iter().map(|l| l["id"].clone()).collect();
        assert_eq!(ids, [Value::from("ok-1"), Value::from("ok-6")], "{command}: the good lines are processed");
    }
}

#[test]
fn bad_input_wins_over_fail_on() {
    let input = format!("{}\nnot json\n", line(Value::from(1), "t", ORDER));
    let out = run(&["analyze", "--jsonl", "--fail-on", "task-style"], input.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 2"));
}

#[test]
fn invalid_utf8_file_and_unknown_input_format_exit_two() {
    let out = run(&["analyze"], b"Use Redis \xFF\xFE to cache it.");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    let out = run(&["analyze", "--input", "docx"], ORDER.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("docx"));

    let out = run(&["analyze", "--format", "yaml"], ORDER.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("yaml"));

    let out = run(&["rewrite", "--to", "docx"], ORDER.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("docx"));
}

#[test]
fn malformed_adf_is_bad_input() {
    let out = run(&["analyze", "--input", "adf"], b"{\"type\": \"doc\", \"content\": [");
    assert_eq!(out.status.code(), Some(2), "stdout: {}", stdout(&out));
    assert!(!stderr(&out).is_empty());
}

#[test]
fn spans_after_emoji_crlf_and_nbsp_count_utf16_units() {
    // Before the imperative sentence: an astral emoji (4 bytes, 2 units), an NBSP (2 bytes, 1 unit),
    // an accented letter (2 bytes, 1 unit) and CRLF line ends.
    let body = "Customers 😀\u{a0}say the café page is slow.\r\n\r\nUse Redis to cache it.\r\n";
    let title = "Café 🚀 page: use Redis";
    let out = run(&["analyze", "--format", "json", "--title", title], body.as_bytes());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let a = &json_lines(&out)[0];
    check_spans(a, title, body);
    let redis = body.find("Use Redis").unwrap();
    let after: Vec<&Value> = a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["field"] == "body" && f["span"]["start"].as_u64().unwrap() as usize >= redis)
        .collect();
    assert!(!after.is_empty(), "the imperative 'Use Redis to cache it.' has a finding: {a}");
    for f in after {
        let bytes = f["span"]["start"].as_u64().unwrap();
        let units = f["span_utf16"]["start"].as_u64().unwrap();
        // 😀 is 4 bytes / 2 units, NBSP 2/1, é 2/1: 4 bytes more than units.
        assert_eq!(bytes - units, 4, "{f}");
    }

    // The same through --jsonl.
    let out = run(&["analyze", "--jsonl"], format!("{}\n", line(Value::from(1), title, body)).as_bytes());
    check_spans(&json_lines(&out)[0], title, body);
}

/// Every word of `original` appears in `rewritten`, in order (the rewrite never loses a word).
fn assert_keeps_words(original: &str, rewritten: &str) {
    let mut rest = rewritten;
    for word in original.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        match rest.find(word) {
            Some(at) => rest = &rest[at + word.len()..],
            None => panic!("the rewrite lost {word:?} (or moved it):\n{rewritten}"),
        }
    }
}

#[test]
fn rewrite_to_markdown_and_jira_keeps_every_word() {
    for to in ["markdown", "jira"] {
        let out = run(&["rewrite", "--to", to, "--title", "History endpoint"], ORDER.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{to}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.len() > ORDER.len(), "{to}: the rewrite adds the outcome-first frame:\n{text}");
        assert_keeps_words(ORDER, &text);
    }
    let md = stdout(&run(&["rewrite"], ORDER.as_bytes()));
    assert_eq!(md, stdout(&run(&["rewrite", "--to", "markdown"], ORDER.as_bytes())), "markdown is the default");
}

#[test]
fn rewrite_jsonl_prints_id_and_rewrite() {
    let input = format!("{}\n{}\n", line(Value::from("A"), "History endpoint", ORDER), line(Value::from(7), "Agents", OUTCOME));
    let out = run(&["rewrite", "--jsonl", "--to", "jira"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "A");
    assert_eq!(lines[1]["id"], 7);
    for (l, body) in lines.iter().zip([ORDER, OUTCOME]) {
        let obj = l.as_object().unwrap();
        assert_eq!(obj.len(), 2, "only id and rewrite: {l}");
        assert_keeps_words(body, l["rewrite"].as_str().expect("rewrite is a string"));
    }
}

#[test]
fn config_switches_rules_off_and_a_bad_config_exits_two() {
    let rules = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["analyze", "--format", "json"];
        args.extend_from_slice(extra);
        let out = run(&args, ORDER.as_bytes());
        assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
        json_lines(&out)[0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
    };
    let all = rules(&[]);
    let first = all.first().expect("the order has findings").clone();
    let toml = TempFile::new("team.toml", format!("disabled_rules = [\"{first}\"]\n").as_bytes());
    let json = TempFile::new("team.json", serde_json::json!({ "disabled_rules": [first] }).to_string().as_bytes());
    for file in [&toml, &json] {
        let kept = rules(&["--config", file.arg()]);
        assert!(!kept.contains(&first), "{first} is switched off by {}: {kept:?}", file.arg());
        assert_eq!(kept, all.iter().filter(|r| **r != first).cloned().collect::<Vec<_>>(), "only {first} is dropped");
    }
    let bad = TempFile::new("bad.toml", b"[[decision_areas]]\narea = \"Schema\"\nlevel = 9\n");
    for command in ["analyze", "rewrite"] {
        let out = run(&[command, "--config", bad.arg()], ORDER.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(stderr(&out).contains("bad.toml"), "{command}: the file is named: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn adf_bodies_carry_body_text_and_their_spans_point_into_it() {
    let adf = serde_json::json!({ "type": "doc", "version": 1, "content": [
        { "type": "paragraph", "content": [{ "type": "text", "text": "Customers 😀 say the café page is slow." }] },
        { "type": "paragraph", "content": [{ "type": "text", "text": "Use Redis to cache it.", "marks": [{ "type": "strong" }] }] }
    ]})
    .to_string();
    let out = run(&["analyze", "--format", "json", "--input", "adf"], adf.as_bytes());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let a = &json_lines(&out)[0];
    let text = a["body_text"].as_str().expect("ADF input gives body_text");
    assert!(text.contains("Use Redis to cache it"), "{text}");
    check_spans(a, "", &adf);
    assert!(a["findings"].as_array().unwrap().iter().any(|f| f["field"] == "body"), "the order is found in the body: {a}");

    // In JSON lines, "format": "adf" per line.
    let input = format!("{}\n", serde_json::json!({ "id": 1, "title": "", "body": adf, "format": "adf" }));
    let out = run(&["analyze", "--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let l = &json_lines(&out)[0];
    assert_eq!(l["body_text"], a["body_text"]);
    check_spans(l, "", &adf);

    // The readable report quotes the body text, not the JSON.
    let report = stdout(&run(&["analyze", "--input", "adf"], adf.as_bytes()));
    assert!(!report.contains("\"type\""), "{report}");
}
