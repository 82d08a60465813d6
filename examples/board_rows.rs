//! The board's per-ticket work, native: builds a GitHub issues list of N tickets from the corpus
//! (as bench/board.mjs does, without the variations), reads it with `board::Lazy` and judges every
//! ticket into its row. Prints the time per ticket. Its real use is counting instructions, which
//! a busy 2-core machine cannot disturb (wall-clock benchmarks here swing by 15%):
//!
//!   cargo build --profile bench --example board_rows
//!   valgrind --tool=cachegrind --cache-sim=no target/release/examples/board_rows 600
//!   cg_annotate cachegrind.out.*
//!
//! Usage: board_rows [N=10000] [ROUNDS=1]. Skips (exit 0) when ../shared/corpus is absent.

use std::time::Instant;

fn main() {
    let arg = |i: usize, default: usize| std::env::args().nth(i).and_then(|v| v.parse().ok()).unwrap_or(default);
    let (n, rounds) = (arg(1, 10_000), arg(2, 1));
    let Ok(corpus) = std::fs::read_to_string("../shared/corpus/tickets.jsonl") else {
        println!("board_rows: skipped (../shared/corpus/tickets.jsonl is absent)");
        return;
    };
    let tickets: Vec<serde_json::Value> = corpus.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    if tickets.is_empty() {
        println!("board_rows: skipped (no tickets)");
        return;
    }
    let issues: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let t = &tickets[i % tickets.len()];
            serde_json::json!({"number": i + 1, "title": t["title"], "body": t["body"].as_str().unwrap_or(""),
                "html_url": format!("https://github.com/example/bench/issues/{}", i + 1), "state": "open"})
        })
        .collect();
    let text = serde_json::to_string(&issues).expect("serialisable");
    let config = ownframe::Config::default();
    let start = Instant::now();
    let list = ownframe::board::Lazy::read(text).expect("a valid list");
    let read = start.elapsed();
    let start = Instant::now();
    let mut bytes = 0;
    for _ in 0..rounds {
        for i in 0..list.len() {
            let row = ownframe::board::row_of(&list.ticket(i).expect("in range"), &config);
            bytes += row.class.len(); // keeps the work observable
        }
    }
    let rows = start.elapsed();
    let per = rows.as_secs_f64() * 1e6 / (list.len() * rounds.max(1)) as f64;
    println!("board_rows: {} tickets, read {read:?}, rows {rows:?} over {rounds} round(s): {per:.1} us per ticket ({bytes})", list.len());
}
