//! The `ownframe` command line: see `ownframe --help` and the README.

mod cli;

fn main() {
    let code = cli::run(std::env::args_os().skip(1).collect());
    std::process::exit(code);
}
