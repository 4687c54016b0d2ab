//! Finding a spec's files: docs (`*.rst`) and the overlays beside them, or the
//! documents of an os-api-ref reference.
//!
//! How the two formats are told apart: a folder is an os-api-ref reference when
//! it holds `.inc` files, a `*parameters*.yaml` (Glance names several
//! `images-parameters.yaml`, ...), or an `.rst` with a `rest_method`,
//! `rest_parameters` or `include` directive. Its documents are read as Sphinx
//! reads them: every `.rst` (sorted by name), each followed through its
//! `.. include::`s by the reader, so `.inc` files in subfolders are reached that
//! way. The folder's own `.inc` files come after the documents: one that a
//! document included is not read again, and one that none includes is read with
//! a warning (Sphinx would not publish it). A folder without documents is read
//! as its `.inc` files, sorted by name. A single file given is os-api-ref
//! when it is an `.inc`, or an `.rst` in such a folder. Everything else is a
//! grid-table doc (the 2015 format, one endpoint per `.rst`).

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
    /// An `.inc` file of an os-api-ref folder: read after the folder's documents,
    /// only if none of them included it.
    OsApiRefInclude,
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
        if path.is_dir() && is_reference_folder(&path) {
            match reference_files(cx, &path, input) {
                Some(found) if found.is_empty() => out.file_error(format!(
                    "no `.rst` or `.inc` files in the os-api-ref folder `{}`",
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

/// The names of a folder's files, sorted; a problem is reported into `cx` (a
/// folder that cannot be read gives `None`).
fn file_names(cx: &Ctxt, folder: &Path, shown: &str) -> Option<Vec<String>> {
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
    Some(names)
}

/// The docs of a folder; a problem is reported into `cx` and gives `None`.
fn folder_docs(cx: &Ctxt, folder: &Path, shown: &str) -> Option<Vec<SpecFile>> {
    let input_error = |file: &str, message: String| {
        cx.file(file, DiagnosticKind::Input, DiagnosticKind::Input)
            .file_error(message);
    };
    let names = file_names(cx, folder, shown)?;
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

/// The documents (`.rst`) of an os-api-ref folder, then its `.inc` files, each
/// sorted by name, then the folder's reference overlay if it has one; a folder
/// that cannot be read gives `None`.
fn reference_files(cx: &Ctxt, folder: &Path, shown: &str) -> Option<Vec<SpecFile>> {
    let names = file_names(cx, folder, shown)?;
    let file = |name: &String, format| SpecFile {
        format,
        ..reference_file(folder.join(name), join_display(shown, name))
    };
    let documents: Vec<SpecFile> = names
        .iter()
        .filter(|name| name.ends_with(".rst"))
        .map(|name| file(name, SpecFormat::OsApiRef))
        .collect();
    // Without documents (a folder of `.inc` files and their parameters), the
    // `.inc` files are the reference.
    let inc_format = if documents.is_empty() {
        SpecFormat::OsApiRef
    } else {
        SpecFormat::OsApiRefInclude
    };
    let mut files: Vec<SpecFile> = documents
        .into_iter()
        .chain(
            names
                .iter()
                .filter(|name| name.ends_with(".inc"))
                .map(|name| file(name, inc_format)),
        )
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

/// Whether a folder is an os-api-ref reference (see the module's doc). Files
/// that cannot be listed or read here are reported when the folder is read.
fn is_reference_folder(folder: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return false;
    };
    let names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.iter().any(|name| {
        name.ends_with(".inc") || name.ends_with(".yaml") && name.contains("parameters")
    }) || names
        .iter()
        .filter(|name| name.ends_with(".rst"))
        .any(|name| has_reference_directive(&folder.join(name)))
}

/// Whether an `.rst` file holds a directive only os-api-ref documents use
/// (`rest_method`, `rest_parameters`) or pulls in other files (`include`): the
/// grid-table docs have none of them.
fn has_reference_directive(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    text.lines().any(|line| {
        let line = line.trim_start();
        ["rest_method", "rest_parameters", "include"]
            .iter()
            .any(|name| {
                line.strip_prefix("..")
                    .map(str::trim_start)
                    .and_then(|rest| rest.strip_prefix(name))
                    .is_some_and(|rest| rest.trim_start().starts_with("::"))
            })
    })
}

/// Whether a file is an os-api-ref file rather than a grid-table doc: an `.inc`
/// file, or an `.rst` in an os-api-ref folder.
fn is_reference_file(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("inc") => true,
        Some("rst") => path.parent().is_some_and(|dir| {
            is_reference_folder(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })
        }),
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
