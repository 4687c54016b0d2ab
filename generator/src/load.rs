//! Reading a spec: every doc the user's paths name, with the overlay beside it.
//!
//! The one loader that generation, `inspect` and `lint` share. Every problem goes
//! into the caller's [`Ctxt`]; a doc that cannot be read is left out of the result
//! (its errors say why), and a doc whose overlay cannot be read is returned without
//! it, so the linter can still check the doc while generation stops on the error.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind};
use crate::overlay::{Overlay, load_overlay};
use crate::parse::{ParsedDoc, read_source};
use crate::spec_files::find_spec_files;

/// A doc as read, with its overlay and where both are on disk.
#[derive(Debug, Clone)]
pub struct LoadedDoc {
    /// The doc as written.
    pub doc: ParsedDoc,
    /// Its overlay, when it has one (and it was asked for and could be read).
    pub overlay: Option<Overlay>,
    /// The doc file, then the overlay file if there is one.
    pub paths: Vec<PathBuf>,
    /// The doc's text, for checks that look at how it is written.
    pub(crate) source: String,
}

/// What the loader read.
pub(crate) struct Loaded {
    /// The docs that could be read, in path order.
    pub docs: Vec<LoadedDoc>,
    /// How many docs the paths name, read or not.
    pub files: usize,
}

/// Reads every doc named by `inputs` (relative to `base`), and each one's overlay
/// when `with_overlays`, reporting every problem of every file into `cx`.
pub(crate) fn load(cx: &Ctxt, base: &Path, inputs: &[String], with_overlays: bool) -> Loaded {
    if inputs.is_empty() {
        cx.push(Diagnostic::without_location(
            DiagnosticKind::Input,
            "no spec path given",
        ));
    }
    let files = find_spec_files(cx, base, inputs);
    let mut docs = Vec::new();
    for file in &files {
        let bytes = match std::fs::read(&file.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                cx.file(
                    &file.display,
                    DiagnosticKind::ParseError,
                    DiagnosticKind::ParseError,
                )
                .file_error(format!("cannot read `{}`: {e}", file.path.display()));
                continue;
            }
        };
        let overlay_file = file.overlay.as_ref().filter(|_| with_overlays);
        let overlay = overlay_file.and_then(|(path, shown)| load_overlay(cx, path, shown));
        let Some(doc) = read_source(cx, &file.display, &bytes) else {
            continue;
        };
        let paths = std::iter::once(file.path.clone())
            .chain(overlay_file.map(|(path, _)| path.clone()))
            .collect();
        docs.push(LoadedDoc {
            doc,
            overlay,
            paths,
            source: String::from_utf8_lossy(&bytes).into_owned(),
        });
    }
    Loaded {
        docs,
        files: files.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_is_an_error_about_the_path() {
        let cx = Ctxt::new();
        let loaded = load(
            &cx,
            Path::new("/nonexistent"),
            &["spec/x".to_string()],
            true,
        );
        assert!(loaded.docs.is_empty());
        let d = cx.check().unwrap_err().0;
        assert_eq!(
            d[0].to_string(),
            "spec/x: error: spec path not found: `spec/x`"
        );
        assert_eq!(d[0].kind, DiagnosticKind::Input);
    }

    #[test]
    fn no_path_at_all_has_no_location() {
        let cx = Ctxt::new();
        load(&cx, Path::new("."), &[], true);
        let d = cx.check().unwrap_err().0;
        assert_eq!(d[0].file, None);
        assert_eq!(d[0].to_string(), "error: no spec path given");
    }
}
