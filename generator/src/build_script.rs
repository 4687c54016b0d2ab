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

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::generator::{Generator, format_source};

/// Where and how a build script writes generated code.
#[derive(Debug, Clone, Default)]
pub struct Config {
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    base: Option<PathBuf>,
    runtime_path: Option<String>,
    only: Vec<String>,
}

impl Config {
    /// A configuration with every default.
    pub fn new() -> Self {
        Config::default()
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
        self.base = Some(dir.into());
        self
    }

    /// The path generated code names the runtime by (default `::apiref::runtime`);
    /// see [`Generator::runtime_path`].
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// Keeps only the named operation; call once per operation. See
    /// [`Generator::only`].
    pub fn only(&mut self, operation: impl Into<String>) -> &mut Self {
        self.only.push(operation.into());
        self
    }

    /// Generates code for the spec paths, writes it, and tells cargo to rerun when
    /// a spec file, an overlay or a spec folder changes. Returns the written file.
    pub fn generate(&self, paths: &[impl AsRef<str>]) -> Result<PathBuf, Diagnostics> {
        let base = self
            .base
            .clone()
            .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("."));
        let mut generator = paths
            .iter()
            .fold(Generator::new(&base), |g, p| g.input(p.as_ref()));
        if let Some(path) = &self.runtime_path {
            generator = generator.runtime_path(path.as_str());
        }
        generator = self
            .only
            .iter()
            .fold(generator, |g, name| g.only(name.as_str()));
        for p in paths {
            println!("cargo:rerun-if-changed={}", base.join(p.as_ref()).display());
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
}
