//! The board's download splitter (`board::stream`) against serde_json: for any JSON array, fed in
//! pieces of any size, it finds the same items; any prefix of a valid list is never "broken".

use ownframe::board::stream::{ArraySplitter, State};
use proptest::prelude::*;
use serde_json::Value;

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        // Brackets, quotes, commas and backslashes inside strings must not move item borders.
        "[\\[\\]{}\",:\\\\ a-zé😀\n\t]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z\"\\]]{0,4}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn split(bytes: &[u8], step: usize) -> (Vec<(usize, usize)>, State, bool) {
    let mut s = ArraySplitter::default();
    let mut items = vec![];
    let mut broke_early = false;
    let mut got = 0;
    while got < bytes.len() {
        got = (got + step).min(bytes.len());
        s.scan(&bytes[..got], &mut items);
        broke_early |= s.state() == State::Broken;
    }
    (items, s.finish(), broke_early)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn finds_the_items_serde_finds(items in prop::collection::vec(json(), 0..6), pretty: bool, step in 1usize..40) {
        let text = if pretty { serde_json::to_string_pretty(&items).unwrap() } else { serde_json::to_string(&items).unwrap() };
        let (found, state, broke_early) = split(text.as_bytes(), step);
        prop_assert_eq!(state, State::Closed);
        prop_assert!(!broke_early);
        let raws: Vec<&serde_json::value::RawValue> = serde_json::from_str(&text).unwrap();
        let want: Vec<&str> = raws.iter().map(|r| r.get()).collect();
        let got: Vec<&str> = found.iter().map(|&(a, b)| &text[a..b]).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn a_cut_list_is_never_closed(items in prop::collection::vec(json(), 1..5), cut in 0.0f64..1.0) {
        let text = serde_json::to_string(&items).unwrap();
        let at = ((text.len() - 1) as f64 * cut) as usize; // drops at least the closing bracket
        let (_, state, _) = split(&text.as_bytes()[..at], 7);
        prop_assert!(state != State::Closed);
    }
}
