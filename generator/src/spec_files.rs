//! Finding a spec's files: docs (`*.rst`) and the overlays beside them.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Ctxt, DiagnosticKind};

/// A doc to read, and its overlay if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecFile {
    /// Where it is on disk.
    pub path: PathBuf,
    /// How to name it in messages: the user's path joined with the file name.
    pub display: String,
    /// The overlay kept beside it, on disk and as shown in messages.
    pub overlay: Option<(PathBuf, String)>,
}

/// Expands the user's paths (files or folders, relative to `base`) into docs, each
/// folder's docs sorted by name so that output order never depends on the disk.
/// A path that is not there, or not a spec, is reported about the path as a whole.
pub fn find_spec_files(cx: &Ctxt, base: &Path, inputs: &[String]) -> Vec<SpecFile> {
    let mut files = Vec::new();
    for input in inputs {
        let out = cx.file(input, DiagnosticKind::Input, DiagnosticKind::Input);
        let path = base.join(input);
        if path.is_dir() {
            match folder_docs(cx, &path, input) {
                Some(found) if found.is_empty() => {
                    out.file_error(format!("no `.rst` docs in folder `{}`", path.display()))
                }
                Some(found) => files.extend(found),
                None => {}
            }
        } else if path.is_file() {
            if input.ends_with(".overlay.toml") {
                out.file_error("this is an overlay; name its doc (the `.rst` beside it) instead");
            } else {
                files.push(spec_file(path, input.clone()));
            }
        } else {
            out.file_error(format!("spec path not found: `{input}`"));
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
    }
}
