//! `analyze` on ADF bodies (Jira Cloud's JSON): malformed JSON or documents are an `Err`, never a
//! panic; what reads keeps the contract (spans point into `body_text`). Seeds in fuzz/seeds/adf,
//! dictionary fuzz/dict/adf.dict (scripts/fuzz passes both).
#![no_main]

mod common;

use ownframe::Format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(t) = common::ticket(data, Format::Adf) else { return };
    if let Ok(a) = ownframe::analyze(&t, &ownframe::Config::default()) {
        common::check(&t, &a);
    }
});
