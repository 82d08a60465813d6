//! The `ownframe` command line: see `ownframe --help` and the README.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let code = cli::run(std::env::args_os().skip(1).collect());
    std::process::exit(code);
}

// The CLI is native only. Cargo builds the package's binary for every integration test, so the
// wasm tests (`cargo test --target wasm32-unknown-unknown --test wasm`) need it to compile there.
#[cfg(target_arch = "wasm32")]
fn main() {}
