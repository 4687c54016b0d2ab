//! Finding a spec's files: docs (`*.rst`) and the overlays beside them.

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
}

/// Expands the user's paths (files or folders, relative to `base`) into docs, each
/// folder's docs sorted by name so that output order never depends on the disk.
pub fn find_spec_files(base: &Path, inputs: &[String]) -> Result<Vec<SpecFile>, Diagnostics> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        let path = base.join(input);
        if path.is_dir() {
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
            if input.ends_with(".overlay.toml") {
                errors.push(Diagnostic::error(
                    input,
                    1,
                    1,
                    "this is an overlay; name its doc (the `.rst` beside it) instead",
                ));
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
    }
}
