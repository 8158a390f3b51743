//! Writing to stdout and stderr: a closed pipe (`| head`) is success, not an error.

use std::io::{self, Write};
use std::process::ExitCode;

/// Write `text` to stdout; a closed pipe counts as success.
pub fn print(text: &str) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

/// Write one line to stderr (already sanitised by the caller).
pub fn eprint(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}
