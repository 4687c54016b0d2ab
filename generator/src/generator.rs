//! The one entry point that the macro, the CLI and build scripts share.
//!
//! Every run has one [`Ctxt`]: loading, the model and the emitter report into it,
//! and it is checked once, at the end of the run.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind, Diagnostics};
use crate::emit::RuntimePath;
use crate::load::{LoadedDoc, load};
use crate::model::{
    Endpoint, apply_reference_overlay, assign_endpoint_names, build_endpoint,
    build_reference_endpoint,
};

/// What to generate from: spec paths (files or folders) relative to a base folder.
#[derive(Debug, Clone)]
pub struct Generator {
    base: PathBuf,
    inputs: Vec<String>,
    /// `None`: `::apiref::runtime`, what users' code names.
    runtime_path: Option<String>,
    /// Empty: every operation.
    only: Vec<String>,
}

/// What generation produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The code as tokens (what the macro expands to).
    pub tokens: TokenStream,
    /// Every file read, on disk, so callers can rebuild when one changes.
    pub files: Vec<PathBuf>,
    /// Doubtful input that still generated (examples that are not JSON, rows that
    /// could not be placed, ...).
    pub warnings: Vec<Diagnostic>,
}

impl Generator {
    /// `base` is where relative spec paths start: the crate's manifest folder for the
    /// macro, the current folder for the CLI.
    pub fn new(base: impl Into<PathBuf>) -> Self {
        Generator {
            base: base.into(),
            inputs: Vec::new(),
            runtime_path: None,
            only: Vec::new(),
        }
    }

    /// The path generated code names the runtime by (default `::apiref::runtime`).
    /// The runtime's own checked-in Keystone client says `crate`: a crate cannot
    /// reach itself through the facade that depends on it.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// Keeps only the named operations (their generated names, as `apiref generate`
    /// writes them), so a client can hold just what it calls. May be given more than
    /// once; a name no doc has is an error naming it. Without it, every operation.
    pub fn only(mut self, operation: impl Into<String>) -> Self {
        self.only.push(operation.into());
        self
    }

    /// Adds a spec file or folder, as the user wrote it.
    pub fn input(mut self, path: impl Into<String>) -> Self {
        self.inputs.push(path.into());
        self
    }

    /// The spec paths, as the user wrote them.
    pub fn inputs(&self) -> &[String] {
        &self.inputs
    }

    /// The base folder relative paths start from.
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// Reads every doc and overlay; all problems of all files are reported together.
    /// The readers' warnings are not returned here ([`Generator::load_into`] gives
    /// them, and [`Generator::generate`] returns them).
    pub fn load(&self) -> Result<Vec<LoadedDoc>, Diagnostics> {
        let cx = Ctxt::new();
        let docs = self.load_into(&cx, true);
        cx.check()?;
        Ok(docs)
    }

    /// Reads every doc (and overlay, when `with_overlays`), reporting every error
    /// and warning into `cx`; the docs that could be read come back. Check `cx`
    /// before trusting the result.
    pub fn load_into(&self, cx: &Ctxt, with_overlays: bool) -> Vec<LoadedDoc> {
        load(cx, &self.base, &self.inputs, with_overlays).docs
    }

    /// The resolved endpoints, uniquely named, and the warnings found on the way.
    pub fn endpoints(&self) -> Result<(Vec<Endpoint>, Vec<Diagnostic>), Diagnostics> {
        let cx = Ctxt::new();
        let docs = self.load_into(&cx, true);
        let endpoints = select(&cx, resolve_into(&cx, &docs), &self.only);
        cx.sort_by_place();
        let warnings = cx.check()?;
        Ok((endpoints, warnings))
    }

    /// The code for every endpoint.
    pub fn generate(&self) -> Result<Output, Diagnostics> {
        let cx = Ctxt::new();
        let docs = self.load_into(&cx, true);
        // The docs of one os-api-ref folder share their parameters file.
        let mut files: Vec<PathBuf> = Vec::new();
        for path in docs.iter().flat_map(|d| d.paths.iter()) {
            if !files.contains(path) {
                files.push(path.clone());
            }
        }
        let endpoints = select(&cx, resolve_into(&cx, &docs), &self.only);
        let runtime = match &self.runtime_path {
            None => Some(RuntimePath::default()),
            Some(text) => RuntimePath::parse(text)
                .map_err(|e| cx.push(Diagnostic::without_location(DiagnosticKind::Input, e)))
                .ok(),
        };
        // Emit only a complete model: a half-built one would add noise to the errors.
        let tokens = match runtime {
            Some(rt) if !cx.has_errors() => crate::emit::emit_with_runtime(&cx, &endpoints, &rt),
            _ => TokenStream::new(),
        };
        cx.sort_by_place();
        let warnings = cx.check()?;
        Ok(Output {
            tokens,
            files,
            warnings,
        })
    }

    /// The code for every endpoint, formatted with prettyplease, as the CLI writes it.
    pub fn generate_source(&self) -> Result<String, Diagnostics> {
        let output = self.generate()?;
        format_source(output.tokens)
    }
}

/// Formats generated tokens with the file header the CLI and build scripts write.
pub fn format_source(tokens: TokenStream) -> Result<String, Diagnostics> {
    let body = crate::emit::format(tokens).map_err(|e| {
        Diagnostics::single(Diagnostic::without_location(DiagnosticKind::EmitError, e))
    })?;
    Ok(format!(
        "// @generated by apiref {} from OpenStack API-reference docs. Do not edit: \
         change the spec or its overlay and regenerate.\n\n{body}",
        env!("CARGO_PKG_VERSION")
    ))
}

/// Builds the model of every loaded doc, uniquely named: the endpoints and the
/// warnings, or every error.
pub fn resolve(docs: &[LoadedDoc]) -> Result<(Vec<Endpoint>, Vec<Diagnostic>), Diagnostics> {
    let cx = Ctxt::new();
    let endpoints = resolve_into(&cx, docs);
    let warnings = cx.check()?;
    Ok((endpoints, warnings))
}

/// The endpoints `only` names, in their own order; all of them when `only` is
/// empty. Each name no endpoint has is an error: a typo must not silently drop an
/// operation from a checked-in client.
fn select(cx: &Ctxt, endpoints: Vec<Endpoint>, only: &[String]) -> Vec<Endpoint> {
    if only.is_empty() {
        return endpoints;
    }
    for name in only {
        if !endpoints.iter().any(|e| &e.name == name) {
            cx.push(Diagnostic::without_location(
                DiagnosticKind::Input,
                format!("no operation is called `{name}`, so there is none to keep"),
            ));
        }
    }
    endpoints
        .into_iter()
        .filter(|e| only.contains(&e.name))
        .collect()
}

/// Builds every doc's model into `cx`; names are made unique once all are built,
/// and then a reference overlay (which names operations) is applied.
fn resolve_into(cx: &Ctxt, docs: &[LoadedDoc]) -> Vec<Endpoint> {
    let mut endpoints: Vec<Endpoint> = docs
        .iter()
        .filter_map(|loaded| match &loaded.reference {
            Some(op) => build_reference_endpoint(cx, op),
            None => build_endpoint(cx, &loaded.doc, loaded.overlay.as_ref()),
        })
        .collect();
    assign_endpoint_names(&mut endpoints);
    if let Some(overlay) = docs.iter().find_map(|d| d.reference_overlay.as_ref()) {
        apply_reference_overlay(cx, &mut endpoints, overlay);
    }
    endpoints
}
