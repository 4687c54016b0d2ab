//! What a test that needs outside data or a service reads, shared by every test crate
//! of the workspace (`#[path = "../../tests/needs/mod.rs"] mod needs;` outside the
//! root crate).
//!
//! Such a test is marked `#[ignore = "needs APIREF_X (scripts/test sets it)"]`, so a
//! clone without `../shared` reports it as ignored rather than as passed.
//! `scripts/test` runs it (`--ignored`) when it has what the test needs. Once it runs,
//! a missing need is a failure: these functions panic, with the variable's name, when
//! the variable is unset or names nothing usable. They never let a test return early.

#![allow(dead_code)]

use std::path::PathBuf;

/// The value of the environment variable `name`. Panics when it is unset or blank.
pub fn var(name: &str) -> String {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => value,
        Ok(_) => panic!("{name} is set but empty; scripts/test sets it when it can"),
        Err(std::env::VarError::NotPresent) => panic!(
            "{name} is not set: this test needs it (scripts/test sets it when ../shared \
             or the service is there; run with --ignored only then)"
        ),
        Err(std::env::VarError::NotUnicode(_)) => panic!("{name} is not valid UTF-8"),
    }
}

/// The value of `name` if it is set and not blank; for optional companions of a need.
pub fn optional_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The folder named by the environment variable `name`. Panics when the variable is
/// unset, or the folder is missing or empty.
pub fn dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(var(name));
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{name}={}: cannot read the folder: {e}", dir.display()));
    assert!(
        entries.count() > 0,
        "{name}={} is an empty folder",
        dir.display()
    );
    dir
}
