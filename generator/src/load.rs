//! Reading a spec: every doc the user's paths name, with the overlay beside it.
//!
//! The one loader that generation, `inspect` and `lint` share. Every problem goes
//! into the caller's [`Ctxt`]; a doc that cannot be read is left out of the result
//! (its errors say why), and a doc whose overlay cannot be read is returned without
//! it, so the linter can still check the doc while generation stops on the error.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind};
use crate::overlay::{Overlay, load_overlay, overlay_reporter};
use crate::parse::os_api_ref::{Operation, ReferenceCache, read_reference_file};
use crate::parse::{ParsedDoc, read_source};
use crate::reference_overlay::{ReferenceOverlay, load_reference_overlay};
use crate::spec_files::{SpecFile, SpecFormat, find_spec_files};

/// A doc as read, with its overlay and where both are on disk.
#[derive(Debug, Clone)]
pub struct LoadedDoc {
    /// The doc as written.
    pub doc: ParsedDoc,
    /// Its overlay, when it has one (and it was asked for and could be read).
    pub overlay: Option<Overlay>,
    /// The doc file, then the overlay file if there is one.
    pub paths: Vec<PathBuf>,
    /// The doc's text, for checks that look at how it is written (empty for an
    /// os-api-ref operation).
    pub(crate) source: String,
    /// For an os-api-ref operation: the operation as read (`doc` is its view as a
    /// grid-table doc, for `inspect` and `lint`).
    pub(crate) reference: Option<Box<Operation>>,
    /// The reference overlay given with an os-api-ref reference, if any.
    pub(crate) reference_overlay: Option<Arc<ReferenceOverlay>>,
    /// The index of the user's input the doc came from.
    pub(crate) input: usize,
}

/// What the loader read.
pub(crate) struct Loaded {
    /// The docs that could be read, in path order.
    pub docs: Vec<LoadedDoc>,
    /// How many docs the paths name, read or not (an os-api-ref file counts its
    /// operations).
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
    let mut cache = ReferenceCache::default();
    // Each reference overlay with the input whose operations it corrects.
    let mut reference_overlays: Vec<(usize, Arc<ReferenceOverlay>, PathBuf)> = Vec::new();
    // The input of the last os-api-ref file read: the reference an overlay given
    // after it (or found in its folder) belongs to.
    let mut last_reference: Option<usize> = None;
    let mut count = 0;
    for file in &files {
        match file.format {
            SpecFormat::GridTable => count += 1,
            SpecFormat::OsApiRef | SpecFormat::OsApiRefInclude => {
                last_reference = Some(file.input);
                if file.format == SpecFormat::OsApiRefInclude {
                    // Most were read through a document's `.. include::`.
                    if cache.has_read(&file.path) {
                        continue;
                    }
                    cx.push(
                        Diagnostic::warning(
                            &file.display,
                            1,
                            1,
                            "no document of the folder includes this file, so Sphinx would not \
                             publish it; its operations are read all the same",
                        )
                        .with_kind(DiagnosticKind::LooseSyntax),
                    );
                }
                let found = read_reference(cx, file, &mut cache);
                count += found.len();
                docs.extend(found);
                continue;
            }
            SpecFormat::ReferenceOverlay => {
                if !with_overlays {
                    continue;
                }
                let out = overlay_reporter(cx, &file.display);
                let Some(target) = last_reference else {
                    out.file_error(
                        "a reference overlay corrects the os-api-ref reference named before it; \
                         give the reference first",
                    );
                    continue;
                };
                if let Some((_, other, _)) = reference_overlays
                    .iter()
                    .find(|(input, ..)| *input == target)
                {
                    out.file_error(format!(
                        "a second reference overlay for `{}` (`{}` corrects it already): give one per reference",
                        inputs.get(target).map_or("", String::as_str),
                        other.file
                    ));
                } else if let Some(o) = load_reference_overlay(cx, &file.path, &file.display) {
                    reference_overlays.push((target, Arc::new(o), file.path.clone()));
                }
                continue;
            }
        }
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
            reference: None,
            reference_overlay: None,
            input: file.input,
        });
    }
    for (input, overlay, path) in reference_overlays {
        let mut first = true;
        for doc in docs
            .iter_mut()
            .filter(|d| d.reference.is_some() && d.input == input)
        {
            doc.reference_overlay = Some(overlay.clone());
            if first {
                doc.paths.push(path.clone());
                first = false;
            }
        }
    }
    Loaded { docs, files: count }
}

/// Reads one os-api-ref file into one [`LoadedDoc`] per operation; the files read
/// (the file, what it includes, the samples) go with its first operation.
///
/// An adapter: the os-api-ref reader returns its problems as a list, which joins
/// `cx` here.
fn read_reference(cx: &Ctxt, file: &SpecFile, cache: &mut ReferenceCache) -> Vec<LoadedDoc> {
    let reference = match read_reference_file(&file.path, &file.display, cache) {
        Ok(reference) => reference,
        Err(e) => {
            cx.extend(e.0);
            return Vec::new();
        }
    };
    cx.extend(reference.warnings);
    let mut files = Some(reference.files);
    reference
        .operations
        .into_iter()
        .map(|op| LoadedDoc {
            doc: op.to_parsed_doc(),
            overlay: None,
            paths: files.take().unwrap_or_default(),
            source: String::new(),
            reference: Some(Box::new(op)),
            reference_overlay: None,
            input: file.input,
        })
        .collect()
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

    fn fixture(name: &str, files: &[(&str, &str)]) -> PathBuf {
        crate::test_folder::folder(&format!("load-{name}"), files)
    }

    fn op(title: &str, path: &str) -> String {
        format!(
            "{title}\n{}\n\n.. rest_method:: GET {path}\n\nNormal response codes: 200\n",
            "=".repeat(title.len())
        )
    }

    #[test]
    fn a_reference_folder_reads_its_documents_as_sphinx_does() {
        let dir = fixture(
            "sphinx",
            &[
                (
                    "images-parameters.yaml",
                    "limit:\n  in: query\n  required: false\n  type: integer\n",
                ),
                (
                    "index.rst",
                    "====\nAPI\n====\n\n.. include:: b.inc\n.. include:: sub/e.inc\n.. include:: a.inc\n",
                ),
                (
                    "metadefs-index.rst",
                    ".. include:: c.inc\n.. include:: a.inc\n",
                ),
                ("notes.rst", "Notes\n=====\n\nNothing to read.\n"),
                ("a.inc", &op("Show A", "/a")),
                ("b.inc", &op("Show B", "/b")),
                ("c.inc", &op("Show C", "/c")),
                ("d.inc", &op("Show D", "/d")),
                ("sub/e.inc", &op("Show E", "/e")),
            ],
        );
        let cx = Ctxt::new();
        let loaded = load(&cx, &dir, &[".".to_string()], true);
        let paths: Vec<&str> = loaded.docs.iter().map(|d| d.doc.path.as_str()).collect();
        // Documents sorted, each in include order; `a.inc` once; `d.inc`, which
        // no document includes, last.
        assert_eq!(paths, ["/b", "/e", "/a", "/c", "/d"]);
        assert_eq!(loaded.files, 5);
        let diagnostics = cx.check().expect("only warnings");
        let shown: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{}:{}", d.file.as_deref().unwrap_or_default(), d.line))
            .collect();
        assert_eq!(shown, ["./d.inc:1"], "{diagnostics:?}");
        assert!(
            diagnostics[0]
                .message
                .contains("Sphinx would not publish it")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn grid_table_docs_stay_grid_table_docs() {
        let dir = fixture(
            "grid",
            &[(
                "list.rst",
                "List Things\n===========\n\n.. code-block:: javascript\n\n    GET /v2.1/things\n",
            )],
        );
        let cx = Ctxt::new();
        let files = find_spec_files(&cx, &dir, &[".".to_string()]);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].format, SpecFormat::GridTable);
        // One `include` makes the folder a reference.
        std::fs::write(dir.join("index.rst"), ".. include:: list.inc\n").unwrap();
        let files = find_spec_files(&cx, &dir, &[".".to_string()]);
        assert!(
            files.iter().all(|f| f.format == SpecFormat::OsApiRef),
            "{files:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
