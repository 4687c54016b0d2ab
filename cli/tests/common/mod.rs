//! Running the `apiref` binary from the workspace root, as a user does.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn apiref(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apiref"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("run apiref")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
