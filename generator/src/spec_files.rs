//! Finding a spec's files: docs (`*.rst`) and the overlays beside them, or the
//! `.inc` files of an os-api-ref reference.
//!
//! How the two formats are told apart: a folder holding a `parameters.yaml` is an
//! os-api-ref reference, and its `.inc` files (sorted by name) are read; a file
//! ending in `.inc`, or an `.rst` beside a `parameters.yaml`, is read as os-api-ref
//! too. Everything else is a grid-table doc, as before.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Ctxt, DiagnosticKind};

/// The file name suffix of a reference overlay given as an input.
const REFERENCE_OVERLAY_SUFFIX: &str = ".api-ref.toml";

/// The name a reference overlay has inside a reference folder.
const REFERENCE_OVERLAY_IN_FOLDER: &str = "apiref.api-ref.toml";

/// A doc to read, and its overlay if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecFile {
    /// Where it is on disk.
    pub path: PathBuf,
    /// How to name it in messages: the user's path joined with the file name.
    pub display: String,
    /// The overlay kept beside it, on disk and as shown in messages.
    pub overlay: Option<(PathBuf, String)>,
    /// Which reader it needs.
    pub format: SpecFormat,
    /// The index of the user's input it came from: a reference overlay applies to
    /// the operations of one input (the folder it sits in, or the reference given
    /// before it), never to the whole run.
    pub input: usize,
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
/// A path that is not there, or not a spec, is reported about the path as a whole.
pub fn find_spec_files(cx: &Ctxt, base: &Path, inputs: &[String]) -> Vec<SpecFile> {
    let mut files = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        let first = files.len();
        let out = cx.file(input, DiagnosticKind::Input, DiagnosticKind::Input);
        let path = base.join(input);
        if path.is_dir() && path.join("parameters.yaml").is_file() {
            match reference_files(cx, &path, input) {
                Some(found) if found.is_empty() => out.file_error(format!(
                    "no `.inc` files beside `parameters.yaml` in folder `{}`",
                    path.display()
                )),
                Some(found) => files.extend(found),
                None => {}
            }
        } else if path.is_dir() {
            match folder_docs(cx, &path, input) {
                Some(found) if found.is_empty() => {
                    out.file_error(format!("no `.rst` docs in folder `{}`", path.display()))
                }
                Some(found) => files.extend(found),
                None => {}
            }
        } else if path.is_file() {
            if input.ends_with(REFERENCE_OVERLAY_SUFFIX) {
                files.push(SpecFile {
                    path,
                    display: input.clone(),
                    overlay: None,
                    format: SpecFormat::ReferenceOverlay,
                    input: 0,
                });
            } else if input.ends_with(".overlay.toml") {
                out.file_error("this is an overlay; name its doc (the `.rst` beside it) instead");
            } else if is_reference_file(&path) {
                files.push(reference_file(path, input.clone()));
            } else {
                files.push(spec_file(path, input.clone()));
            }
        } else {
            out.file_error(format!("spec path not found: `{input}`"));
        }
        for file in &mut files[first..] {
            file.input = index;
        }
    }
    files
}

/// The docs of a folder; a problem is reported into `cx` and gives `None`.
fn folder_docs(cx: &Ctxt, folder: &Path, shown: &str) -> Option<Vec<SpecFile>> {
    let input_error = |file: &str, message: String| {
        cx.file(file, DiagnosticKind::Input, DiagnosticKind::Input)
            .file_error(message);
    };
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            input_error(
                shown,
                format!("cannot read folder `{}`: {e}", folder.display()),
            );
            return None;
        }
    };
    // Every entry is either a file name or a reported problem: a spec folder
    // never loses a doc without saying so.
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                input_error(
                    shown,
                    format!("cannot list folder `{}`: {e}", folder.display()),
                );
                continue;
            }
        };
        if !entry.path().is_file() {
            continue;
        }
        match entry.file_name().into_string() {
            Ok(name) => names.push(name),
            Err(raw) => input_error(
                &join_display(shown, &raw.to_string_lossy()),
                "the file name is not UTF-8; rename it to read it as a doc".to_string(),
            ),
        }
    }
    names.sort();
    let mut docs = Vec::new();
    for name in &names {
        if let Some(stem) = name.strip_suffix(".overlay.toml") {
            if !names.iter().any(|n| n.strip_suffix(".rst") == Some(stem)) {
                input_error(
                    &join_display(shown, name),
                    format!("overlay without a doc: expected `{stem}.rst` beside it"),
                );
                return None;
            }
        } else if name.ends_with(".rst") {
            docs.push(spec_file(folder.join(name), join_display(shown, name)));
        }
    }
    Some(docs)
}

/// The overlay file that belongs to a doc file: `X.rst` -> `X.overlay.toml`.
pub fn overlay_path_for(doc: &Path) -> PathBuf {
    doc.with_extension("overlay.toml")
}

/// The `.inc` files of an os-api-ref folder, sorted by name, then the folder's
/// reference overlay if it has one; a folder that cannot be read gives `None`.
fn reference_files(cx: &Ctxt, folder: &Path, shown: &str) -> Option<Vec<SpecFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            cx.file(shown, DiagnosticKind::Input, DiagnosticKind::Input)
                .file_error(format!("cannot read folder `{}`: {e}", folder.display()));
            return None;
        }
    };
    let mut names: Vec<String> = entries
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
    let overlay = folder.join(REFERENCE_OVERLAY_IN_FOLDER);
    if !files.is_empty() && overlay.is_file() {
        files.push(SpecFile {
            path: overlay,
            display: join_display(shown, REFERENCE_OVERLAY_IN_FOLDER),
            overlay: None,
            format: SpecFormat::ReferenceOverlay,
            input: 0,
        });
    }
    Some(files)
}

/// Whether a file is an os-api-ref file rather than a grid-table doc: an `.inc`
/// file, or an `.rst` beside a `parameters.yaml`.
fn is_reference_file(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("inc") => true,
        Some("rst") => path
            .parent()
            .is_some_and(|dir| dir.join("parameters.yaml").is_file()),
        _ => false,
    }
}

fn reference_file(path: PathBuf, display: String) -> SpecFile {
    SpecFile {
        path,
        display,
        overlay: None,
        format: SpecFormat::OsApiRef,
        input: 0,
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
    let overlay_path = overlay_path_for(&path);
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
        input: 0,
    }
}
