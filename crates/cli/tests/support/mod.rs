//! Running the built `raqim` binary from the CLI's integration tests.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs `raqim` with `args`.
pub fn raqim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_raqim"))
        .args(args)
        .output()
        .expect("raqim runs")
}

/// A command's standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// A scratch directory of this test process.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("raqim-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}
