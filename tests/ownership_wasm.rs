//! The ownership wasm API in Chromium, called the way JavaScript calls it (objects from
//! `JSON.parse`): round trips, and bad input thrown as an Error, never a trap. Run with
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=$PWD/tests/wasm/webdriver.json
//! cargo test --release --target wasm32-unknown-unknown --test ownership_wasm`. Natively empty.
#![cfg(target_arch = "wasm32")]

use ownframe::wasm::{ownership_nudges, ownership_prefill, ownership_read, ownership_remove, ownership_write};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("test input is JSON")
}

fn json(value: &JsValue) -> serde_json::Value {
    let text: String = js_sys::JSON::stringify(value).expect("stringify").into();
    serde_json::from_str(&text).expect("JSON out")
}

const RECORD: &str = r#"{"owner":"@alice","outcome":"a | b\nc","success_measures":["x"],"decisions":[{"area":"Schema","level":3,"note":"<!-- -->"}],
  "support":[],"check_in":"2026-12-01","experiment":{"scope":"s","stakes":"","review_date":""},"handoffs":[]}"#;

#[wasm_bindgen_test]
fn write_read_remove_round_trip() {
    for format in ["markdown", "jira"] {
        let body = "Intro 😀\r\nline";
        let req = format!(r#"{{"body":{},"record":{RECORD},"format":"{format}"}}"#, serde_json::to_string(body).unwrap());
        let written = ownership_write(js(&req)).map_err(JsValue::from).unwrap();
        assert!(written.starts_with(body));
        let read_req = serde_json::json!({"body": written, "format": format}).to_string();
        let read = json(&ownership_read(js(&read_req)).map_err(JsValue::from).unwrap());
        assert_eq!(read["record"], serde_json::from_str::<serde_json::Value>(RECORD).unwrap());
        assert_eq!(read["warnings"], serde_json::json!([]));
        assert_eq!(ownership_remove(js(&read_req)).map_err(JsValue::from).unwrap(), body);
    }
}

#[wasm_bindgen_test]
fn nudges_and_prefill() {
    let none = json(&ownership_nudges(js(r#"{"today":"2026-12-02"}"#)).map_err(JsValue::from).unwrap());
    assert_eq!(none[0]["id"], "no-record");
    let req = format!(r#"{{"record":{RECORD},"assignee":"bob","today":"2026-12-02"}}"#);
    let ids: Vec<String> = json(&ownership_nudges(js(&req)).map_err(JsValue::from).unwrap())
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["owner-not-assignee", "check-in-overdue"]);
    let record = json(
        &ownership_prefill(js(r#"{"title":"t","body":"Users can't export. Add a button.","assignee":"@al"}"#)).map_err(JsValue::from).unwrap(),
    );
    assert_eq!(record["owner"], "@al");
    assert_eq!(record["outcome"], "Users can't export.");
}

#[wasm_bindgen_test]
fn bad_input_throws_errors_with_messages() {
    let damaged = r#"{"body":"<!-- ownframe:ownership v1 -->\nx","record":{}}"#;
    let cases: Vec<(&str, Result<(), wasm_bindgen::JsError>)> = vec![
        ("not an object", ownership_read(JsValue::from_f64(3.0)).map(|_| ())),
        ("unknown format", ownership_read(js(r#"{"body":"","format":"docx"}"#)).map(|_| ())),
        ("unknown key", ownership_read(js(r#"{"bdy":""}"#)).map(|_| ())),
        ("no record", ownership_write(js(r#"{"body":""}"#)).map(|_| ())),
        ("level 9", ownership_write(js(r#"{"body":"","record":{"decisions":[{"area":"x","level":9}]}}"#)).map(|_| ())),
        ("typo in record", ownership_write(js(r#"{"body":"","record":{"ownr":"a"}}"#)).map(|_| ())),
        ("damaged", ownership_write(js(damaged)).map(|_| ())),
        ("damaged remove", ownership_remove(js(damaged)).map(|_| ())),
        ("bad today", ownership_nudges(js(r#"{"today":"soon"}"#)).map(|_| ())),
        ("no today", ownership_nudges(js(r#"{}"#)).map(|_| ())),
        ("adf block", ownership_read(js(r#"{"body":"","format":"adf"}"#)).map(|_| ())),
    ];
    for (name, result) in cases {
        let err = JsValue::from(result.expect_err(name));
        let message: String = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap_or_default();
        assert!(!message.is_empty(), "{name}: an Error with a message");
    }
}

#[wasm_bindgen_test]
fn request_objects_from_json_parse_keep_every_field() {
    // `undefined` optional fields are fine, as JavaScript callers leave them out.
    let req = js(r#"{"body":"x"}"#);
    js_sys::Reflect::set(&req, &"format".into(), &JsValue::UNDEFINED).unwrap();
    let read = json(&ownership_read(req).map_err(JsValue::from).unwrap());
    assert_eq!(read, serde_json::json!({"record": null, "warnings": []}));
}
