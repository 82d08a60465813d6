//! `ownframe ownership` as a user runs it: the built binary, stdin and files, exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn ownframe(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ownframe"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The binary may exit before reading stdin (bad arguments); a broken pipe is fine then.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    let out = child.wait_with_output().expect("the binary finishes");
    Run { code: out.status.code().unwrap_or(-1), stdout: out.stdout, stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ownframe-ownership-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("temp file");
    path
}

const RECORD: &str = r#"{"owner":"@alice","outcome":"Merchants | see why","success_measures":["half the tickets"],
  "decisions":[{"area":"Schema","level":3,"note":""}],"support":["pairing\nweekly"],"check_in":"2026-12-01",
  "experiment":null,"handoffs":[{"from":"@bob","to":"@alice","date":"2026-11-01","knowledge":true,"decision_context":false,"stakeholders":true}]}"#;

#[test]
fn write_read_remove_round_trip_through_the_binary() {
    let record = temp_file("record.json", RECORD);
    let record = record.to_str().unwrap();
    for (format, body) in [("markdown", "Intro text\r\nsecond line"), ("jira", "h2. Problem\nPayouts fail."), ("markdown", "")] {
        let written = ownframe(&["ownership", "write", "--record", record, "--format", format], body.as_bytes());
        assert_eq!(written.code, 0, "{}", written.stderr);
        let written = String::from_utf8(written.stdout).unwrap();
        assert!(written.starts_with(body));

        let read = ownframe(&["ownership", "read", "--format", format, "-"], written.as_bytes());
        assert_eq!(read.code, 0, "{}", read.stderr);
        let json: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
        let expected: serde_json::Value = serde_json::from_str(RECORD).unwrap();
        assert_eq!(json["record"], expected);
        assert_eq!(json["warnings"], serde_json::json!([]));

        let path = temp_file("written.txt", &written);
        let removed = ownframe(&["ownership", "remove", "--format", format, path.to_str().unwrap()], b"");
        assert_eq!(removed.code, 0, "{}", removed.stderr);
        assert_eq!(removed.stdout, body.as_bytes());
    }
}

#[test]
fn read_without_a_block_gives_null_and_damage_gives_warnings() {
    let plain = ownframe(&["ownership", "read"], b"Just a description\n");
    assert_eq!(plain.code, 0);
    let json: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert_eq!(json, serde_json::json!({"record": null, "warnings": []}));

    let damaged = b"text\n<!-- ownframe:ownership v1 -->\n| Owner | a |\n";
    let read = ownframe(&["ownership", "read"], damaged);
    assert_eq!(read.code, 0);
    let json: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(json["record"], serde_json::Value::Null);
    assert_eq!(json["warnings"][0]["kind"], "damaged-block");
    assert_eq!(json["warnings"][0]["line"], 2);

    let record = temp_file("record2.json", RECORD);
    let write = ownframe(&["ownership", "write", "--record", record.to_str().unwrap()], damaged);
    assert_eq!(write.code, 2);
    assert!(write.stdout.is_empty(), "nothing may be printed in place of the description");
    assert!(write.stderr.contains("no end marker"), "{}", write.stderr);
    assert_eq!(ownframe(&["ownership", "remove"], damaged).code, 2);
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let good = temp_file("good.json", RECORD);
    let bad_json = temp_file("bad.json", "{\"owner\": ");
    let bad_level = temp_file("level.json", r#"{"decisions":[{"area":"x","level":0}]}"#);
    let typo = temp_file("typo.json", r#"{"ownr":"a"}"#);
    let cases: Vec<(Vec<&str>, &[u8], &str)> = vec![
        (vec!["ownership", "read"], b"caf\xe9", "UTF-8"),
        (vec!["ownership", "read", "--format", "adf"], b"x", "--format"),
        (vec!["ownership", "write", "--record", bad_json.to_str().unwrap()], b"x", "record"),
        (vec!["ownership", "write", "--record", bad_level.to_str().unwrap()], b"x", "level 0"),
        (vec!["ownership", "write", "--record", typo.to_str().unwrap()], b"x", "ownr"),
        (vec!["ownership", "write", "--record", "/nonexistent/r.json"], b"x", "cannot read record"),
        (vec!["ownership", "write"], b"x", "--record"),
        (vec!["ownership", "write", "--record", good.to_str().unwrap()], b"\xff\xfe", "UTF-8"),
        (vec!["ownership", "rename"], b"x", "unknown action"),
        (vec!["ownership"], b"x", "expected an action"),
        (vec!["ownership", "read", "--bogus"], b"x", "bogus"),
    ];
    for (args, stdin, needle) in cases {
        let run = ownframe(&args, stdin);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}");
        assert!(run.stderr.starts_with("ownframe ownership: ") && run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
}
