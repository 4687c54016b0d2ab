//! Finding a spec's files: docs (`*.rst`) and the overlays beside them, or the
//! `.inc` files of an os-api-ref reference.
//!
//! How the two formats are told apart: a folder holding a `parameters.yaml` is an
//! os-api-ref reference, and its `.inc` files (sorted by name) are read; a file
//! ending in `.inc`, or an `.rst` beside a `parameters.yaml`, is read as os-api-ref
//! too. Everything else is a grid-table doc, as before.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// A doc to read, and its overlay if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecFile {
    /// Where it is on disk.
    pub path: PathBuf,
    /// How to name it in messages: the user's path joined with the file name.
    pub display: String,
    pub overlay: Option<(PathBuf, String)>,
    pub format: SpecFormat,
}

/// Which reader a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecFormat {
    /// One endpoint per `.rst`, grid tables (the 2015 docs).
    GridTable,
    /// os-api-ref: several operations per file, `parameters.yaml`, literalincludes.
    OsApiRef,
    /// A reference overlay (`*.api-ref.toml`): corrections for os-api-ref operations.
    ReferenceOverlay,
}

/// Expands the user's paths (files or folders, relative to `base`) into docs, each
/// folder's docs sorted by name so that output order never depends on the disk.
pub fn find_spec_files(base: &Path, inputs: &[String]) -> Result<Vec<SpecFile>, Diagnostics> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        let path = base.join(input);
        if path.is_dir() && path.join("parameters.yaml").is_file() {
            match reference_files(&path, input) {
                Ok(found) if found.is_empty() => errors.push(Diagnostic::error(
                    input,
                    1,
                    1,
                    format!(
                        "no `.inc` files beside `parameters.yaml` in folder `{}`",
                        path.display()
                    ),
                )),
                Ok(found) => files.extend(found),
                Err(d) => errors.push(d),
            }
        } else if path.is_dir() {
            match folder_docs(&path, input) {
                Ok(found) if found.is_empty() => errors.push(Diagnostic::error(
                    input,
                    1,
                    1,
                    format!("no `.rst` docs in folder `{}`", path.display()),
                )),
                Ok(found) => files.extend(found),
                Err(d) => errors.push(d),
            }
        } else if path.is_file() {
            if input.ends_with(crate::reference_overlay::SUFFIX) {
                files.push(SpecFile {
                    path,
                    display: input.clone(),
                    overlay: None,
                    format: SpecFormat::ReferenceOverlay,
                });
            } else if input.ends_with(".overlay.toml") {
                errors.push(Diagnostic::error(
                    input,
                    1,
                    1,
                    "this is an overlay; name its doc (the `.rst` beside it) instead",
                ));
            } else if crate::parse::os_api_ref::is_reference_file(&path) {
                files.push(reference_file(path, input.clone()));
            } else {
                files.push(spec_file(path, input.clone()));
            }
        } else {
            errors.push(Diagnostic::error(
                input,
                1,
                1,
                format!("spec path not found: `{input}`"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(Diagnostics(errors))
    }
}

fn folder_docs(folder: &Path, shown: &str) -> Result<Vec<SpecFile>, Diagnostic> {
    let read_error = |e: std::io::Error| {
        Diagnostic::error(
            shown,
            1,
            1,
            format!("cannot read folder `{}`: {e}", folder.display()),
        )
    };
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map_err(read_error)?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut docs = Vec::new();
    for name in &names {
        if let Some(stem) = name.strip_suffix(".overlay.toml") {
            if !names.iter().any(|n| n.strip_suffix(".rst") == Some(stem)) {
                return Err(Diagnostic::error(
                    join_display(shown, name),
                    1,
                    1,
                    format!("overlay without a doc: expected `{stem}.rst` beside it"),
                ));
            }
        } else if name.ends_with(".rst") {
            docs.push(spec_file(folder.join(name), join_display(shown, name)));
        }
    }
    Ok(docs)
}

/// The `.inc` files of an os-api-ref folder, sorted by name.
fn reference_files(folder: &Path, shown: &str) -> Result<Vec<SpecFile>, Diagnostic> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map_err(|e| {
            Diagnostic::error(
                shown,
                1,
                1,
                format!("cannot read folder `{}`: {e}", folder.display()),
            )
        })?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".inc"))
        .collect();
    names.sort();
    let mut files: Vec<SpecFile> = names
        .iter()
        .map(|name| reference_file(folder.join(name), join_display(shown, name)))
        .collect();
    let overlay = folder.join(crate::reference_overlay::IN_FOLDER);
    if !files.is_empty() && overlay.is_file() {
        files.push(SpecFile {
            path: overlay,
            display: join_display(shown, crate::reference_overlay::IN_FOLDER),
            overlay: None,
            format: SpecFormat::ReferenceOverlay,
        });
    }
    Ok(files)
}

fn reference_file(path: PathBuf, display: String) -> SpecFile {
    SpecFile {
        path,
        display,
        overlay: None,
        format: SpecFormat::OsApiRef,
    }
}

fn join_display(folder: &str, name: &str) -> String {
    if folder.ends_with('/') {
        format!("{folder}{name}")
    } else {
        format!("{folder}/{name}")
    }
}

fn spec_file(path: PathBuf, display: String) -> SpecFile {
    let overlay_path = crate::overlay::overlay_path_for(&path);
    let overlay = overlay_path.is_file().then(|| {
        let shown = display
            .strip_suffix(".rst")
            .map(|stem| format!("{stem}.overlay.toml"))
            .unwrap_or_else(|| overlay_path.display().to_string());
        (overlay_path, shown)
    });
    SpecFile {
        path,
        display,
        overlay,
        format: SpecFormat::GridTable,
    }
}
