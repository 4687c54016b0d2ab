//! A build-script API in the shape of prost-build:
//!
//! ```no_run
//! // build.rs: `fn main() { ... }` around this
//! apiref_generator::Config::new()
//!     .file_name("compute.rs")
//!     .generate(&["spec/compute"])
//!     .unwrap_or_else(|e| panic!("{e}"));
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/compute.rs"));
//! ```
//!
//! A [`Config`] is a [`Generator`] plus where to write: every option of the
//! generated code is the generator's, so the macro, the CLI and build scripts
//! cannot drift apart.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::generator::{Generator, format_source};

/// Where and how a build script writes generated code.
#[derive(Debug, Clone)]
pub struct Config {
    generator: Generator,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        let base = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        Config::from_generator(Generator::new(base))
    }
}

impl Config {
    /// A configuration with every default: spec paths start at
    /// `$CARGO_MANIFEST_DIR` (else `.`), code goes to `$OUT_DIR/apiref.rs`.
    pub fn new() -> Self {
        Config::default()
    }

    /// A configuration that generates what `generator` does (its base folder,
    /// its options and any inputs it already has).
    pub fn from_generator(generator: Generator) -> Self {
        Config {
            generator,
            out_dir: None,
            file_name: None,
        }
    }

    /// The folder to write into (default: `$OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The file to write (default: `apiref.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// Where relative spec paths start (default: `$CARGO_MANIFEST_DIR`, else `.`).
    pub fn base_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.with_generator(|g| g.base_dir(dir))
    }

    /// See [`Generator::runtime_path`].
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.with_generator(|g| g.runtime_path(path))
    }

    /// Keeps only the named operation; call once per operation. See
    /// [`Generator::only`].
    pub fn only(&mut self, operation: impl Into<String>) -> &mut Self {
        self.with_generator(|g| g.only(operation))
    }

    /// Generates code for the spec paths, writes it, and tells cargo to rerun when
    /// a spec file, an overlay or a spec folder changes. Returns the written file.
    pub fn generate(&self, paths: &[impl AsRef<str>]) -> Result<PathBuf, Diagnostics> {
        let generator = paths
            .iter()
            .fold(self.generator.clone(), |g, p| g.input(p.as_ref()));
        for p in generator.inputs() {
            println!(
                "cargo:rerun-if-changed={}",
                generator.base().join(p).display()
            );
        }
        let output = generator.generate()?;
        for file in &output.files {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        for warning in &output.warnings {
            println!("cargo:warning={warning}");
        }
        let source = format_source(&output.code)?;
        let out_dir = self
            .out_dir
            .clone()
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
            .ok_or_else(|| {
                Diagnostics::single(Diagnostic::without_location(
                    DiagnosticKind::Input,
                    "no out_dir given and OUT_DIR is not set (call this from build.rs)",
                ))
            })?;
        let target = out_dir.join(self.file_name.as_deref().unwrap_or("apiref.rs"));
        std::fs::write(&target, source).map_err(|e| {
            Diagnostics::single(Diagnostic::file_error(
                DiagnosticKind::Input,
                target.display().to_string(),
                format!("cannot write generated code: {e}"),
            ))
        })?;
        Ok(target)
    }

    /// Applies one of the generator's builder methods to the generator this
    /// configuration holds.
    fn with_generator(&mut self, set: impl FnOnce(Generator) -> Generator) -> &mut Self {
        let generator = std::mem::replace(&mut self.generator, Generator::new("."));
        self.generator = set(generator);
        self
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn repo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    fn out_dir(name: &str) -> PathBuf {
        crate::test_folder::folder(&format!("config-{name}"), &[])
    }

    #[test]
    fn a_config_writes_what_its_generator_generates() {
        let dir = out_dir("same");
        let written = Config::new()
            .base_dir(repo())
            .out_dir(&dir)
            .file_name("compute.rs")
            .runtime_path("crate::rt")
            .only("update_server")
            .generate(&["spec/compute"])
            .unwrap_or_else(|e| panic!("{e}"));
        let expected = Generator::new(repo())
            .input("spec/compute")
            .runtime_path("crate::rt")
            .only("update_server")
            .generate_source()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written, dir.join("compute.rs"));
        let actual = std::fs::read_to_string(&written).expect("the written file");
        assert_eq!(actual, expected);
        assert!(actual.contains("crate::rt::"), "the runtime path is used");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_config_made_from_a_generator_keeps_its_options() {
        let dir = out_dir("from");
        let generator = Generator::new(repo()).only("no_such_operation");
        let error = Config::from_generator(generator)
            .out_dir(&dir)
            .generate(&["spec/compute"])
            .expect_err("the generator's `only` applies");
        assert!(error.to_string().contains("no_such_operation"), "{error}");
        assert!(!dir.join("apiref.rs").exists(), "nothing is written");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
