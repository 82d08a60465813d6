//! `rewrite` to Markdown and to Jira from every input format: never panics, never loses a word
//! (`ownframe::rewrite::is_lossless`), and rewriting a rewrite changes nothing.
#![no_main]

mod common;

use ownframe::rewrite::{is_lossless, Target};
use ownframe::{Config, Format, Ticket};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let format = [Format::Markdown, Format::Jira, Format::Text, Format::Adf][(selector & 3) as usize];
    let target = if selector & 4 == 0 { Target::Markdown } else { Target::Jira };
    let Some(t) = common::ticket(rest, format) else { return };
    let config = Config::default();
    let Ok(analysis) = ownframe::analyze(&t, &config) else {
        assert_eq!(format, Format::Adf, "only ADF may fail to read");
        assert!(ownframe::rewrite(&t, &config, target).is_err(), "rewrite fails where analyze does");
        return;
    };
    let rewritten = ownframe::rewrite(&t, &config, target).expect("what analyzes rewrites");
    let original = ownframe::rewrite::original_text(&t, &analysis);
    assert!(is_lossless(&original, &rewritten), "the rewrite lost words of {original:?}:\n{rewritten}");
    // The rewrite is framed: rewriting it again (in the markup it is written in) changes nothing.
    let again_format = if target == Target::Jira { Format::Jira } else { Format::Markdown };
    let again = Ticket { title: t.title.clone(), body: rewritten.clone(), format: again_format };
    let twice = ownframe::rewrite(&again, &config, target).expect("a rewrite rewrites");
    assert_eq!(twice, rewritten, "rewriting a rewrite changed it");
});
