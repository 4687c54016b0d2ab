//! The one entry point that the macro, the CLI and build scripts share.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Endpoint, build_endpoint, build_reference_endpoint};
use crate::names::assign_endpoint_names;
use crate::overlay::{LoadedOverlay, parse_overlay};
use crate::parse::os_api_ref::{Operation, ParametersCache, read_reference_file};
use crate::parse::{ParsedDoc, read_doc};
use crate::reference_overlay::{ReferenceOverlay, load_reference_overlay};
use crate::spec_files::{SpecFile, SpecFormat, find_spec_files};

/// What to generate from: spec paths (files or folders) relative to a base folder.
#[derive(Debug, Clone)]
pub struct Generator {
    base: PathBuf,
    inputs: Vec<String>,
}

/// A doc as read, with its overlay and where both are on disk.
#[derive(Debug, Clone)]
pub struct LoadedDoc {
    pub doc: ParsedDoc,
    pub overlay: Option<LoadedOverlay>,
    /// The doc file, then the overlay file if there is one.
    pub paths: Vec<PathBuf>,
    /// For an os-api-ref operation: the operation as read (the `doc` is its view
    /// as a grid-table doc, for `inspect` and `lint`).
    pub reference: Option<Box<Operation>>,
    /// Doubtful input found while reading (a missing sample, ...).
    pub warnings: Vec<Diagnostic>,
    /// The reference overlay given with an os-api-ref reference, if any.
    pub reference_overlay: Option<std::sync::Arc<ReferenceOverlay>>,
}

/// What generation produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The code as tokens (what the macro expands to).
    pub tokens: TokenStream,
    /// Every file read, on disk, so callers can rebuild when one changes.
    pub files: Vec<PathBuf>,
    /// Doubtful input that still generated (rows that could not be placed, ...).
    pub warnings: Vec<Diagnostic>,
}

impl Generator {
    /// `base` is where relative spec paths start: the crate's manifest folder for the
    /// macro, the current folder for the CLI.
    pub fn new(base: impl Into<PathBuf>) -> Self {
        Generator {
            base: base.into(),
            inputs: Vec::new(),
        }
    }

    /// Adds a spec file or folder, as the user wrote it.
    pub fn input(mut self, path: impl Into<String>) -> Self {
        self.inputs.push(path.into());
        self
    }

    /// Reads every doc and overlay; all problems of all files are reported together.
    pub fn load(&self) -> Result<Vec<LoadedDoc>, Diagnostics> {
        self.read(true)
    }

    /// Reads every doc but no overlay: the docs as written (what `inspect` shows).
    pub fn load_docs_only(&self) -> Result<Vec<LoadedDoc>, Diagnostics> {
        self.read(false)
    }

    fn read(&self, with_overlays: bool) -> Result<Vec<LoadedDoc>, Diagnostics> {
        if self.inputs.is_empty() {
            return Err(Diagnostic::error("<input>", 1, 1, "no spec path given").into());
        }
        let files = find_spec_files(&self.base, &self.inputs)?;
        let mut docs = Vec::new();
        let mut errors = Vec::new();
        let mut cache = ParametersCache::default();
        let mut reference_overlay: Option<(ReferenceOverlay, PathBuf)> = None;
        for file in files {
            if file.format == SpecFormat::ReferenceOverlay {
                if !with_overlays {
                    continue;
                }
                match load_reference_overlay(&file.path, &file.display) {
                    Ok(_) if reference_overlay.is_some() => errors.push(Diagnostic::error(
                        &file.display,
                        1,
                        1,
                        "a second reference overlay: give one `.api-ref.toml` per run",
                    )),
                    Ok(o) => reference_overlay = Some((o, file.path.clone())),
                    Err(e) => errors.extend(e.0),
                }
                continue;
            }
            if file.format == SpecFormat::OsApiRef {
                match read_reference(&file, &mut cache) {
                    Ok(found) => docs.extend(found),
                    Err(e) => errors.extend(e.0),
                }
                continue;
            }
            let doc = read_doc(&file.path, &file.display);
            let overlay_file = file.overlay.filter(|_| with_overlays);
            let overlay = overlay_file
                .as_ref()
                .map(|(path, shown)| load_overlay(path, shown));
            let paths = std::iter::once(file.path.clone())
                .chain(overlay_file.map(|(path, _)| path))
                .collect();
            match (doc, overlay.transpose()) {
                (Ok(doc), Ok(overlay)) => docs.push(LoadedDoc {
                    doc,
                    overlay,
                    paths,
                    reference: None,
                    warnings: Vec::new(),
                    reference_overlay: None,
                }),
                (doc, overlay) => {
                    errors.extend(doc.err().into_iter().flat_map(|d| d.0));
                    errors.extend(overlay.err().into_iter().flat_map(|d| d.0));
                }
            }
        }
        if let Some((overlay, path)) = reference_overlay {
            let shared = std::sync::Arc::new(overlay);
            let mut first = true;
            for doc in docs.iter_mut().filter(|d| d.reference.is_some()) {
                doc.reference_overlay = Some(shared.clone());
                if first {
                    doc.paths.push(path.clone());
                    first = false;
                }
            }
            if first {
                errors.push(Diagnostic::error(
                    &shared.file,
                    1,
                    1,
                    "a reference overlay needs an os-api-ref reference among the inputs",
                ));
            }
        }
        if errors.is_empty() {
            Ok(docs)
        } else {
            Err(Diagnostics(errors))
        }
    }

    /// The resolved endpoints, uniquely named.
    pub fn endpoints(&self) -> Result<(Vec<Endpoint>, Vec<Diagnostic>), Diagnostics> {
        let docs = self.load()?;
        resolve(&docs)
    }

    /// The code for every endpoint.
    pub fn generate(&self) -> Result<Output, Diagnostics> {
        let docs = self.load()?;
        let (endpoints, warnings) = resolve(&docs)?;
        let mut files: Vec<PathBuf> = Vec::new();
        for path in docs.iter().flat_map(|d| d.paths.iter()) {
            if !files.contains(path) {
                files.push(path.clone());
            }
        }
        Ok(Output {
            tokens: crate::emit::emit(&endpoints),
            files,
            warnings,
        })
    }

    /// The code for every endpoint, formatted with prettyplease, as the CLI writes it.
    pub fn generate_source(&self) -> Result<String, Diagnostics> {
        let output = self.generate()?;
        format_source(output.tokens)
    }

    /// The base folder relative paths start from.
    pub fn base(&self) -> &Path {
        &self.base
    }
}

/// Formats generated tokens with the file header the CLI and build scripts write.
pub fn format_source(tokens: TokenStream) -> Result<String, Diagnostics> {
    let body = crate::emit::format(tokens)
        .map_err(|e| Diagnostics::single(Diagnostic::error("<generated>", 1, 1, e)))?;
    Ok(format!(
        "// @generated by apiref {} from OpenStack API-reference docs. Do not edit: \
         change the spec or its overlay and regenerate.\n\n{body}",
        env!("CARGO_PKG_VERSION")
    ))
}

/// Reads and checks one overlay file.
pub(crate) fn load_overlay(path: &Path, shown: &str) -> Result<LoadedOverlay, Diagnostics> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostics::single(Diagnostic::error(
            shown,
            1,
            1,
            format!("cannot read overlay: {e}"),
        ))
    })?;
    let overlay = parse_overlay(shown, &text)?;
    Ok(LoadedOverlay {
        file: shown.to_string(),
        text,
        overlay,
    })
}

/// Reads one os-api-ref file into one [`LoadedDoc`] per operation. The files read
/// and the warnings go with the file's first operation.
fn read_reference(
    file: &SpecFile,
    cache: &mut ParametersCache,
) -> Result<Vec<LoadedDoc>, Diagnostics> {
    let reference = read_reference_file(&file.path, &file.display, cache)?;
    let mut files = Some(reference.files);
    let mut warnings = Some(reference.warnings);
    Ok(reference
        .operations
        .into_iter()
        .map(|op| LoadedDoc {
            doc: op.to_parsed_doc(),
            overlay: None,
            paths: files.take().unwrap_or_default(),
            reference: Some(Box::new(op)),
            warnings: warnings.take().unwrap_or_default(),
            reference_overlay: None,
        })
        .collect())
}

/// Builds the model of every doc, collecting all errors.
pub fn resolve(docs: &[LoadedDoc]) -> Result<(Vec<Endpoint>, Vec<Diagnostic>), Diagnostics> {
    let mut endpoints = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for loaded in docs {
        warnings.extend(loaded.warnings.iter().cloned());
        if let Some(op) = &loaded.reference {
            let (endpoint, found) = build_reference_endpoint(op);
            endpoints.push(endpoint);
            warnings.extend(found.into_iter().map(|w| w.diagnostic));
            continue;
        }
        match build_endpoint(&loaded.doc, loaded.overlay.as_ref()) {
            Ok((endpoint, found)) => {
                endpoints.push(endpoint);
                warnings.extend(found.into_iter().map(|w| w.diagnostic));
            }
            Err(e) => errors.extend(e.0),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    assign_endpoint_names(&mut endpoints);
    if let Some(overlay) = docs.iter().find_map(|d| d.reference_overlay.as_ref()) {
        let errors = crate::model::apply_reference_overlay(&mut endpoints, overlay);
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
    }
    Ok((endpoints, warnings))
}
