//! A real downstream crate, written to disk and built with cargo, for tests that
//! need what only a separate build shows (recompiling on spec edits, warnings).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A throwaway crate that depends on this workspace's `apiref` by path. All such
/// crates share one target folder, so dependencies are built once per run.
pub struct Downstream {
    pub dir: PathBuf,
}

impl Downstream {
    pub fn new(name: &str) -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = root.join("target/downstream").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).expect("create crate folder");
        let manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\napiref = {{ path = {root:?} }}\n\n[workspace]\n",
            root = root.display().to_string()
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).expect("write Cargo.toml");
        Downstream { dir }
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, text).expect("write file");
    }

    /// A crate whose library is every doc of `corpus` (`corpus_client::compute`),
    /// warnings denied, with serde, serde_json and serde_path_to_error for its tests.
    pub fn corpus(name: &str, corpus: &Path) -> Self {
        let corpus = corpus.canonicalize().expect("corpus path");
        let corpus = corpus.to_str().expect("utf-8 corpus path");
        let krate = Downstream::new(name);
        krate.write(
            "src/lib.rs",
            &format!(
                "//! Every doc of the Compute API corpus.\n#![deny(warnings)]\n\n\
                 pub mod compute {{\n    apiref::generate!({corpus:?});\n}}\n"
            ),
        );
        krate.add_to_manifest("serde = \"1\"\nserde_json = \"1\"\nserde_path_to_error = \"0.1\"");
        krate
    }

    /// Adds `lines` to the manifest after the `apiref` dependency: more
    /// dependencies, or whole sections (`[[bin]]`, `[build-dependencies]`).
    pub fn add_to_manifest(&self, lines: &str) {
        let path = self.dir.join("Cargo.toml");
        let manifest = std::fs::read_to_string(&path).expect("read Cargo.toml");
        let manifest = manifest.replace("[workspace]", &format!("{lines}\n\n[workspace]"));
        std::fs::write(path, manifest).expect("write Cargo.toml");
    }

    /// Runs a cargo command in the crate with the shared target folder.
    pub fn cargo(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run cargo")
    }

    /// The command [`Downstream::cargo`] runs, to add to it.
    pub fn command(&self, args: &[&str]) -> Command {
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/downstream/target");
        let mut command = Command::new(env!("CARGO"));
        command
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTFLAGS");
        lean_build(&mut command);
        command
    }

    /// `cargo run -q`, asserting success; returns stdout.
    pub fn run(&self) -> String {
        let out = self.cargo(&["run", "-q"]);
        assert!(
            out.status.success(),
            "cargo run failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// Builds without debug info or incremental state: the downstream crates are
/// rebuilt from fresh code each run, and their generated clients are large, so
/// both would cost gigabytes of disk and buy nothing.
pub fn lean_build(command: &mut Command) {
    command
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_INCREMENTAL", "0");
}
