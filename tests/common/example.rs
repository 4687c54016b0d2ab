//! The `update_server` example as a user runs it: built once per test binary.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// Builds the example once (`cargo build --example`) and returns its path, read
/// from cargo's own report of the artifact.
pub fn example_binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let output = Command::new(env!("CARGO"))
            .args([
                "build",
                "-q",
                "--example",
                "update_server",
                "--message-format=json",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run cargo");
        assert!(
            output.status.success(),
            "cargo build --example update_server failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|message| message["target"]["name"] == "update_server")
            .find_map(|message| message["executable"].as_str().map(PathBuf::from))
            .expect("cargo reported the example's executable")
    })
}
