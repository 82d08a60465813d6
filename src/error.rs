use std::fmt;

/// Every failure the core reports. Nothing in the core panics on user input: callers across the
/// wasm boundary and the CLI turn these into messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    UnknownFormat(String),
    /// The input could not be read in the stated format (bad ADF JSON, say).
    BadInput(String),
    /// The team configuration could not be read.
    BadConfig(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownFormat(name) => write!(
                f,
                "unknown format '{name}': expected markdown, jira, adf or text"
            ),
            Error::BadInput(why) => write!(f, "bad input: {why}"),
            Error::BadConfig(why) => write!(f, "bad configuration: {why}"),
        }
    }
}

impl std::error::Error for Error {}
