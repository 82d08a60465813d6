//! `analyze` on jira bodies: never panics, never fails, and the analysis keeps its contract.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::analyze_infallible(data, ownframe::Format::Jira));
