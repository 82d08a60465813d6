//! The board's DOM code (Rust, web-sys) in Chromium: the SVG summary chart drawn into an element,
//! and the `Board` wasm API the widget's worker drives. Run by scripts/test through
//! wasm-bindgen-test-runner (CHROMEDRIVER, tests/wasm/webdriver.json for headless flags).
use ownframe::board::{analyze_row, load, summarize, Summary};
use ownframe::board::wasm::Board;
use ownframe::{Config, Ticket};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn container() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn summary() -> Summary {
    Summary {
        total: 10,
        classes: vec![("task-style".into(), 4), ("mixed".into(), 3), ("unframed".into(), 0), ("outcome-first".into(), 2), ("error".into(), 1)],
        ownership: vec![("ownership record".into(), 5), ("named owner".into(), 8), ("authority levelled".into(), 2), ("hand-off complete".into(), 0)],
    }
}

#[wasm_bindgen_test]
fn chart_draws_one_bar_per_count_with_an_accessible_description() {
    let div = container();
    ownframe::dom::chart::render(&div, &summary()).unwrap();
    let svg = div.query_selector("svg").unwrap().expect("an svg");
    assert_eq!(svg.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let rects = div.query_selector_all("rect").unwrap();
    assert_eq!(rects.length(), 9);
    // Bars scale with the counts: task-style (4, the largest class) is the widest class bar.
    let width = |i: u32| -> f64 {
        rects.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().get_attribute("width").unwrap().parse().unwrap()
    };
    assert!(width(0) > width(1) && width(1) > width(3) && width(3) > width(4));
    assert_eq!(width(2), 0.0, "an empty class has no bar");
    // Ownership bars are shares of all tickets: 8 of 10 is twice 4 of 10 would be; 5/10 vs 8/10.
    assert!((width(6) / width(5) - 8.0 / 5.0).abs() < 0.01);
    let desc = div.query_selector("desc").unwrap().unwrap().text_content().unwrap();
    assert!(desc.contains("task-style: 4"), "{desc}");
    assert!(desc.contains("named owner: 8 of 10 (80%)"), "{desc}");
    let title = div.query_selector("title").unwrap().unwrap().text_content().unwrap();
    assert_eq!(title, "Summary of 10 tickets");
}

#[wasm_bindgen_test]
fn chart_replaces_what_the_element_held_and_survives_an_empty_list() {
    let div = container();
    div.set_text_content(Some("old content"));
    ownframe::dom::chart::render(&div, &summary()).unwrap();
    ownframe::dom::chart::render(&div, &summarize(&[])).unwrap();
    assert_eq!(div.child_element_count(), 1);
    assert!(!div.text_content().unwrap().contains("old content"));
    let desc = div.query_selector("desc").unwrap().unwrap().text_content().unwrap();
    assert!(desc.contains("ownership record: 0 of 0 (0%)"), "{desc}");
}

#[wasm_bindgen_test]
fn ticket_text_in_labels_stays_text() {
    let div = container();
    let mut s = summary();
    s.classes[0].0 = "<img src=x onerror=alert(1)>".into();
    ownframe::dom::chart::render(&div, &s).unwrap();
    assert!(div.query_selector("img").unwrap().is_none());
    assert!(div.text_content().unwrap().contains("<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
fn board_api_reads_rows_in_chunks_and_summarises_them() {
    let json = r#"[{"number":1,"title":"Implement caching","body":"Use Redis.","assignee":{"login":"ana"}},
                   {"number":2,"title":["bad"]},
                   {"number":3,"title":"Merchants wait","body":"Merchants wait 9 s at checkout because of slow pages."}]"#;
    let mut board = Board::new(json, wasm_bindgen::JsValue::UNDEFINED).unwrap();
    assert_eq!(board.source(), "github");
    assert_eq!(board.length(), 3);
    let first = board.rows(0, 2, wasm_bindgen::JsValue::UNDEFINED).unwrap();
    let first: js_sys::Array = first.dyn_into().unwrap();
    assert_eq!(first.length(), 2);
    board.rows(2, 3, wasm_bindgen::JsValue::UNDEFINED).unwrap();
    let summary: Summary = serde_wasm_bindgen::from_value(board.summary().unwrap()).unwrap();
    assert_eq!(summary.total, 3);
    assert_eq!(summary.classes.iter().find(|(c, _)| c == "error").unwrap().1, 1);
    // The rows agree with the core's own analysis.
    let loaded = load(json).unwrap();
    let t = &loaded.tickets[0];
    let a = ownframe::analyze(&Ticket { title: t.title.clone(), body: t.body.clone(), format: t.format }, &Config::default()).unwrap();
    let row = analyze_row(t, Ok(&a), None, vec![], &Config::default());
    let got = js_sys::Reflect::get(&first.get(0), &"class".into()).unwrap().as_string().unwrap();
    assert_eq!(got, row.class);
    assert!(Board::new("", wasm_bindgen::JsValue::UNDEFINED).is_err());
}
