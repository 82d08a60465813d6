//! Native speed of the core: the corpus tickets one by one (median and p95 per ticket, printed
//! explicitly), a synthetic 20,000-word ticket, and the rewrite of both.
//!
//! Targets (see README, "Benchmarks"): median corpus ticket analyzed < 50 µs; the 20,000-word
//! ticket analyzed < 10 ms. These are printed, not asserted: `cargo bench --bench analyze`.
//!
//! The corpus is read from `../shared/corpus/tickets.jsonl` (relative to the repository root) and
//! only for timing; its parts are skipped with a note when it is absent. Under `cargo test`
//! (no `--bench` argument) every function runs once, as a smoke test.

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use ownframe::rewrite::Target;
use ownframe::{Config, Format, Ticket};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn corpus_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/tickets.jsonl")
}

/// The corpus tickets (title and body, Markdown), or None with a note when the corpus is absent.
fn corpus() -> Option<Vec<(String, Ticket)>> {
    let path = corpus_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("note: {} not found; corpus benchmarks skipped", path.display());
        return None;
    };
    let tickets: Vec<(String, Ticket)> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            let id = v["id"].as_str().map(str::to_owned).unwrap_or_else(|| v["id"].to_string());
            let title = v["title"].as_str().unwrap_or("").to_owned();
            let body = v["body"].as_str().unwrap_or("").to_owned();
            Some((id, Ticket { title, body, format: Format::Markdown }))
        })
        .collect();
    if tickets.is_empty() {
        println!("note: {} has no tickets; corpus benchmarks skipped", path.display());
        return None;
    }
    Some(tickets)
}

/// Words by a plain whitespace split of title and body (the same count the Node benchmark uses).
fn words(t: &Ticket) -> usize {
    t.title.split_whitespace().count() + t.body.split_whitespace().count()
}

/// A deterministic xorshift generator, so the synthetic ticket is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// A ticket of about `target` words built from generated sentences: headings, paragraphs, bullet
/// and task lists, inline code, links, a fenced block now and then; orders and outcomes mixed.
fn synthetic(target: usize) -> Ticket {
    const WHO: &[&str] = &["Support agents", "Merchants", "New users", "On-call engineers", "Admins", "Customers in Japan"];
    const NEED: &[&str] = &[
        "cannot see the order history while on a call",
        "lose their draft when the session expires",
        "wait about eight seconds for the dashboard to load",
        "get duplicate emails after a refund",
        "do not know which invoices failed to sync",
    ];
    const WHY: &[&str] = &[
        "so that calls get shorter",
        "because churn doubled last quarter",
        "so that they trust the numbers again",
        "because the audit is due in March",
    ];
    const VERB: &[&str] = &["Implement", "Add", "Use", "Create", "Refactor", "Move", "Replace", "Cache"];
    const THING: &[&str] = &[
        "the /history endpoint with limit and offset",
        "a Redis cache in front of the orders service",
        "a new column `synced_at` to the invoices table",
        "the retry queue with exponential backoff",
        "a React modal for the export dialog",
    ];
    const MEASURE: &[&str] = &[
        "Success means the median call time drops by two minutes.",
        "We will know it worked when p95 latency stays under 300 ms.",
        "Done when fewer than 1% of refunds send a second email.",
    ];
    const FILLER: &[&str] = &[
        "the", "team", "noticed", "that", "after", "release", "several", "reports", "mention", "slow", "pages", "and",
        "missing", "data", "in", "exports", "while", "traffic", "was", "normal", "during", "peak", "hours", "café",
        "naïve", "résumé", "😀",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut body = String::new();
    let mut n = 0;
    let mut section = 0;
    while n < target {
        section += 1;
        body.push_str(&format!("## Part {section}\n\n"));
        for _ in 0..(3 + rng.next() % 3) {
            let sentence = match rng.next() % 6 {
                0 => format!("{} {} {}.", rng.pick(WHO), rng.pick(NEED), rng.pick(WHY)),
                1 | 2 => format!("{} {}.", rng.pick(VERB), rng.pick(THING)),
                3 => rng.pick(MEASURE).to_string(),
                4 => format!("See [the report](https://example.com/r/{}) for details.", rng.next() % 1000),
                _ => {
                    let len = 8 + (rng.next() % 12) as usize;
                    let mut s: Vec<&str> = (0..len).map(|_| rng.pick(FILLER)).collect();
                    s[0] = "The";
                    format!("{}.", s.join(" "))
                }
            };
            n += sentence.split_whitespace().count();
            body.push_str(&sentence);
            body.push(if rng.next() % 4 == 0 { '\n' } else { ' ' });
        }
        body.push_str("\n\n");
        match rng.next() % 3 {
            0 => {
                for _ in 0..4 {
                    let item = format!("- [ ] {} {}\n", rng.pick(VERB), rng.pick(THING));
                    n += item.split_whitespace().count();
                    body.push_str(&item);
                }
                body.push('\n');
            }
            1 => {
                body.push_str("```rust\nfn handler(limit: u32) -> Result<(), Error> { Ok(()) }\n```\n\n");
                n += 9;
            }
            _ => {}
        }
    }
    Ticket { title: "Order history for support agents".into(), body, format: Format::Markdown }
}

fn is_bench_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Times one call of `f` on each ticket (repeating it until about a millisecond has passed, so
/// timer resolution does not matter), then prints the median, p95 and max per ticket.
fn per_ticket_report(name: &str, tickets: &[(String, Ticket)], mut f: impl FnMut(&Ticket)) {
    let mut times: Vec<(Duration, &str)> = Vec::with_capacity(tickets.len());
    let mut total_words = 0usize;
    let mut total_time = Duration::ZERO;
    for (id, t) in tickets {
        f(t); // warm
        let start = Instant::now();
        let mut reps = 0u32;
        while reps < 3 || start.elapsed() < Duration::from_millis(1) {
            f(t);
            reps += 1;
        }
        let each = start.elapsed() / reps;
        times.push((each, id));
        total_words += words(t);
        total_time += each;
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].0;
    let (max, max_id) = times[times.len() - 1];
    println!(
        "{name}: {} tickets, per ticket median {:.1} µs, p95 {:.1} µs, max {:.1} µs ({max_id}); {:.0} words/ms overall",
        times.len(),
        at(0.5).as_secs_f64() * 1e6,
        at(0.95).as_secs_f64() * 1e6,
        max.as_secs_f64() * 1e6,
        total_words as f64 / (total_time.as_secs_f64() * 1e3),
    );
}

fn corpus_benches(c: &mut Criterion) {
    let Some(tickets) = corpus() else { return };
    let config = Config::default();
    if is_bench_run() {
        // Reading alone (Markdown to prose blocks), to tell the readers' share from the judge's.
        per_ticket_report("read (corpus)", &tickets, |t| {
            black_box(ownframe::read(black_box(t)).ok());
        });
        per_ticket_report("analyze (corpus)", &tickets, |t| {
            black_box(ownframe::analyze(black_box(t), &config).ok());
        });
        per_ticket_report("rewrite (corpus)", &tickets, |t| {
            black_box(ownframe::rewrite(black_box(t), &config, Target::Markdown).ok());
        });
    }
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Elements(tickets.len() as u64));
    g.bench_function(BenchmarkId::new("analyze", format!("all {} tickets", tickets.len())), |b| {
        b.iter(|| {
            for (_, t) in &tickets {
                black_box(ownframe::analyze(black_box(t), &config).ok());
            }
        })
    });
    g.bench_function(BenchmarkId::new("rewrite", format!("all {} tickets", tickets.len())), |b| {
        b.iter(|| {
            for (_, t) in &tickets {
                black_box(ownframe::rewrite(black_box(t), &config, Target::Markdown).ok());
            }
        })
    });
    g.finish();
}

fn synthetic_benches(c: &mut Criterion) {
    let ticket = synthetic(20_000);
    let config = Config::default();
    let n = words(&ticket);
    if is_bench_run() {
        println!("synthetic ticket: {n} words, {} bytes", ticket.body.len());
    }
    let mut g = c.benchmark_group("synthetic");
    g.sample_size(20);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(BenchmarkId::new("read", format!("{n} words")), |b| {
        b.iter(|| black_box(ownframe::read(black_box(&ticket)).ok()))
    });
    g.bench_function(BenchmarkId::new("analyze", format!("{n} words")), |b| {
        b.iter(|| black_box(ownframe::analyze(black_box(&ticket), &config).ok()))
    });
    g.bench_function(BenchmarkId::new("rewrite markdown", format!("{n} words")), |b| {
        b.iter(|| black_box(ownframe::rewrite(black_box(&ticket), &config, Target::Markdown).ok()))
    });
    g.bench_function(BenchmarkId::new("rewrite jira", format!("{n} words")), |b| {
        b.iter(|| black_box(ownframe::rewrite(black_box(&ticket), &config, Target::Jira).ok()))
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = corpus_benches, synthetic_benches
}

fn main() {
    if is_bench_run() {
        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        println!("machine: {cores} cores, load average {} (numbers scale with contention)", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
