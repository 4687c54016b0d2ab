//! The reader of OpenStack's current API-reference format (the os-api-ref Sphinx
//! extension): `.inc` files holding several operations each, whose parameters are
//! keys into the folder's `parameters.yaml` and whose examples are JSON files
//! pulled in with `literalinclude`.
//!
//! `rst` scans one file into events, `parameters_yaml` reads the parameters file
//! (`yaml_tree` reads its YAML, `spelling` guesses what a misspelt key meant),
//! `samples` loads the included JSON; [`read_reference_file`] ties them together
//! into [`Operation`]s, following `.. include::` directives. Every problem is a
//! [`Diagnostic`] with file, line and column; a missing sample is only a warning.

mod parameters_yaml;
mod rest_path;
mod rst;
mod samples;
mod spelling;
mod yaml_tree;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use parameters_yaml::{In, Parameter, Parameters, parse_parameters};
pub use samples::Sample;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::parse::source_text::split_lines;
use crate::parse::{CodeRow, Example, ExampleKind, ParamRow, ParsedDoc, Row, Table, TableKind};
use rst::Event;

/// One operation: one `rest_method` and what follows it up to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The file holding the `rest_method`, as shown in messages.
    pub file: String,
    /// Line of the `rest_method`.
    pub line: usize,
    /// The section title above the `rest_method` (`Create Server`).
    pub title: String,
    pub method: String,
    /// As written: relative to the service endpoint (`/servers/{server_id}`).
    pub path: String,
    pub description: String,
    /// Normal then error codes, in document order, each code once.
    pub codes: Vec<StatusCode>,
    /// Every `- name: key` of the operation's `rest_parameters` blocks, resolved.
    pub params: Vec<ParamUse>,
    pub samples: Vec<Sample>,
    /// Whether the reader knows each parameter's microversions (os-api-ref's
    /// `min_version`/`max_version`), so the client may refuse a request field set
    /// outside its range; a grid table has no such column.
    pub versioned_fields: bool,
}

/// A documented response code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCode {
    pub code: u16,
    /// `badRequest` from `badRequest(400)`; may be empty.
    pub name: String,
    pub success: bool,
    pub line: usize,
}

/// Which part of an operation a parameter block or sample stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Request,
    Response,
}

/// A `- name: key` line, with the `parameters.yaml` entry it names; or a grid
/// table's row, which names no key.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamUse {
    /// The JSON name as the list writes it; dots nest (`flavor.id`).
    pub name: String,
    pub key: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub section: Section,
    pub parameter: Arc<Parameter>,
}

impl ParamUse {
    /// Whether it is a grid table's row (messages then speak of rows and
    /// examples, as that format does) rather than a `parameters.yaml` entry.
    pub fn is_table_row(&self) -> bool {
        self.key.is_empty()
    }
}

/// What reading one top-level file gave.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub operations: Vec<Operation>,
    /// Every file read (the `.inc`, included files, parameters files, samples).
    pub files: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

/// What the files of one run share: the parameters files read, and the
/// documents and included files read, so that a file two documents include
/// (or a document and the folder listing) gives its operations once.
#[derive(Debug, Default)]
pub struct ReferenceCache {
    /// Shared with every block that names the file: a reference has hundreds
    /// of `rest_parameters` blocks, and a map cloned per block would cost more
    /// than reading them.
    read: HashMap<PathBuf, Result<Arc<Parameters>, Diagnostics>>,
    /// Documents and included files read, as canonical paths.
    files: HashSet<PathBuf>,
}

impl ReferenceCache {
    /// Whether `path` was read already in this run (as a document or an include).
    pub fn has_read(&self, path: &Path) -> bool {
        self.files.contains(&canonical(path))
    }
}

/// The key a file is known by: two spellings of one path (`a/../b.inc`) are one.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads one top-level file (`path`, shown as `shown`) and the files it includes,
/// each unless `cache` says it was read already in this run (it then gives no
/// operation). All errors of the file come back together.
pub fn read_reference_file(
    path: &Path,
    shown: &str,
    cache: &mut ReferenceCache,
) -> Result<Reference, Diagnostics> {
    let mut reader = Reader {
        root_dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        root_shown_dir: shown_dir(shown),
        cache,
        reference: Reference::default(),
        errors: Vec::new(),
        current: None,
        section: None,
        last_title: String::new(),
        last_bold: None,
        depth: 0,
        operation_depth: 0,
    };
    reader.file(path, shown);
    reader.finish_operation();
    if reader.errors.iter().any(Diagnostic::is_error) {
        let mut all = reader.errors;
        all.extend(reader.reference.warnings);
        return Err(Diagnostics(all));
    }
    let mut reference = reader.reference;
    reference.warnings.extend(reader.errors);
    reference
        .warnings
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    Ok(reference)
}

struct Reader<'a> {
    root_dir: PathBuf,
    root_shown_dir: String,
    cache: &'a mut ReferenceCache,
    reference: Reference,
    errors: Vec<Diagnostic>,
    current: Option<Operation>,
    section: Option<Section>,
    last_title: String,
    /// The last `**...**` heading inside the operation, with its line.
    last_bold: Option<String>,
    /// How many files deep the reader is (the top-level file is 1).
    depth: usize,
    /// The depth of the file holding the current operation's `rest_method`.
    operation_depth: usize,
}

impl Reader<'_> {
    fn file(&mut self, path: &Path, shown: &str) {
        // Read once per run: this also ends an include cycle.
        if !self.cache.files.insert(canonical(path)) {
            return;
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.errors.push(Diagnostic::error(
                    shown,
                    1,
                    1,
                    format!("cannot read `{}`: {e}", path.display()),
                ));
                return;
            }
        };
        self.reference.files.push(path.to_path_buf());
        let lines = match split_lines(shown, &bytes) {
            Ok(lines) => lines,
            Err(d) => {
                self.errors.push(d);
                return;
            }
        };
        let events = rst::scan(shown, &lines, &mut self.errors);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir_shown = shown_dir(shown);
        // An operation ends with the file holding its `rest_method`: a file
        // included after that one (or the rest of the including document)
        // starts outside any operation, so what stands there is never taken for
        // the last operation's. A file the operation itself includes (a note)
        // is part of it. A file's titles are its own: the next file starts
        // with none.
        self.depth += 1;
        let outer_title = std::mem::take(&mut self.last_title);
        for event in events {
            self.event(event, &dir, &dir_shown, shown);
        }
        if self.current.is_some() && self.operation_depth == self.depth {
            self.finish_operation();
            self.section = None;
            self.last_bold = None;
        }
        self.last_title = outer_title;
        self.depth -= 1;
    }

    fn event(&mut self, event: Event, dir: &Path, dir_shown: &str, shown: &str) {
        match event {
            Event::Title { text, .. } => {
                let lower = text.to_ascii_lowercase();
                if let Some(section) = section_title(&lower) {
                    self.section = Some(section);
                } else if self.current.is_none() || !is_subsection(&lower) {
                    self.last_title = text;
                }
                self.last_bold = None;
            }
            Event::RestMethod { method, path, line } => {
                self.finish_operation();
                self.section = None;
                self.last_bold = None;
                self.operation_depth = self.depth;
                self.current = Some(Operation {
                    file: shown.to_string(),
                    line,
                    title: self.last_title.clone(),
                    method,
                    path,
                    description: String::new(),
                    codes: Vec::new(),
                    params: Vec::new(),
                    samples: Vec::new(),
                    versioned_fields: true,
                });
            }
            Event::Text {
                text,
                starts_paragraph,
            } => {
                if let Some(op) = &mut self.current
                    && self.section.is_none()
                    && op.codes.is_empty()
                {
                    if !op.description.is_empty() {
                        // Paragraphs stay apart and a list item keeps a line of its
                        // own, so the docs show them as the reference does.
                        op.description.push_str(if starts_paragraph {
                            "\n\n"
                        } else if crate::text::starts_list_item(&text) {
                            "\n"
                        } else {
                            " "
                        });
                    }
                    op.description.push_str(&text);
                }
            }
            Event::Codes { success, codes } => {
                if self.current.is_none()
                    && let Some((_, _, line)) = codes.first()
                {
                    self.left_out(shown, *line, 1, "response codes");
                }
                if let Some(op) = &mut self.current {
                    for (code, name, line) in codes {
                        if !op.codes.iter().any(|c| c.code == code) {
                            op.codes.push(StatusCode {
                                code,
                                name,
                                success,
                                line,
                            });
                        }
                    }
                }
            }
            Event::Bold { text, .. } => {
                // A bold line in the prose (`**Preconditions**`) heads a paragraph
                // of the description; elsewhere it names the sample that follows.
                if let Some(op) = &mut self.current
                    && self.section.is_none()
                    && op.codes.is_empty()
                    && !op.description.is_empty()
                {
                    op.description.push_str("\n\n**");
                    op.description.push_str(&text);
                    op.description.push_str("**");
                }
                self.last_bold = Some(text);
            }
            Event::Parameters { yaml, line, items } => {
                let Some(parameters) = self.parameters(&yaml, dir, dir_shown, shown, line) else {
                    return;
                };
                let section = self.section.unwrap_or(Section::Request);
                let Some(op) = &mut self.current else {
                    self.left_out(shown, line, 1, "a `rest_parameters` block");
                    return;
                };
                for item in items {
                    match parameters.get(&item.key) {
                        Some(parameter) => op.params.push(ParamUse {
                            name: item.name,
                            key: item.key,
                            file: shown.to_string(),
                            line: item.line,
                            column: item.column,
                            section,
                            parameter: parameter.clone(),
                        }),
                        None => self.errors.push(Diagnostic::error(
                            shown,
                            item.line,
                            item.column,
                            format!("`{}` is not defined in `{}`", item.key, parameters.file),
                        )),
                    }
                }
            }
            Event::LiteralInclude { path, line, column } => {
                let candidates = self.candidates(&path, dir);
                let (found, value) = samples::load_sample(
                    &candidates,
                    shown,
                    line,
                    column,
                    &path,
                    &mut self.reference.warnings,
                );
                if found.is_file() {
                    self.reference.files.push(found.clone());
                }
                let Some(op) = &mut self.current else {
                    self.left_out(shown, line, column, &format!("the sample `{path}`"));
                    return;
                };
                let title = self.last_bold.clone().unwrap_or_else(|| op.title.clone());
                let microversion = samples::heading_microversion(&title)
                    .or_else(|| samples::folder_microversion(&path));
                let kind = match self.section {
                    Some(Section::Request) => ExampleKind::Request,
                    Some(Section::Response) => ExampleKind::Response,
                    None => samples::kind_from_name(&path),
                };
                op.samples.push(Sample {
                    title,
                    microversion,
                    kind,
                    file: shown.to_string(),
                    line,
                    include: path,
                    path: found,
                    value,
                });
            }
            Event::Include { path, line, column } => {
                let candidates = self.candidates(&path, dir);
                match candidates.iter().find(|p| p.is_file()) {
                    Some(found) => {
                        let found = found.clone();
                        let shown_path = if found.starts_with(dir) {
                            join_shown(dir_shown, &path)
                        } else {
                            join_shown(&self.root_shown_dir, &path)
                        };
                        self.file(&found, &shown_path);
                    }
                    None => self.errors.push(Diagnostic::error(
                        shown,
                        line,
                        column,
                        format!("included file `{path}` not found"),
                    )),
                }
            }
        }
    }

    /// A path written in a directive: relative to the file that writes it, else
    /// (Sphinx's rule for included files) to the top-level document's folder. A
    /// path that starts with `/` is, as in Sphinx, relative to that folder only
    /// (Nova writes `/../../doc/api_samples/...`), never to the file system's root.
    fn candidates(&self, written: &str, dir: &Path) -> Vec<PathBuf> {
        if let Some(from_top) = written.strip_prefix('/') {
            return vec![self.root_dir.join(from_top.trim_start_matches('/'))];
        }
        let mut out = vec![dir.join(written)];
        let from_root = self.root_dir.join(written);
        if from_root != out[0] {
            out.push(from_root);
        }
        out
    }

    fn parameters(
        &mut self,
        written: &str,
        dir: &Path,
        dir_shown: &str,
        shown: &str,
        line: usize,
    ) -> Option<Arc<Parameters>> {
        let candidates = self.candidates(written, dir);
        let Some(found) = candidates.iter().find(|p| p.is_file()).cloned() else {
            self.errors.push(Diagnostic::error(
                shown,
                line,
                1,
                format!("parameters file `{written}` not found"),
            ));
            return None;
        };
        if !self.cache.read.contains_key(&found) {
            let shown_yaml = if found.starts_with(dir) {
                join_shown(dir_shown, written)
            } else {
                join_shown(&self.root_shown_dir, written)
            };
            let parsed = match std::fs::read_to_string(&found) {
                Ok(text) => parse_parameters(&shown_yaml, &text),
                Err(e) => Err(Diagnostics::single(Diagnostic::error(
                    &shown_yaml,
                    1,
                    1,
                    format!("cannot read `{}`: {e}", found.display()),
                ))),
            };
            // The warnings go with the first file that reads it, once a run.
            let parsed = parsed.map(|(parameters, warnings)| {
                self.reference.warnings.extend(warnings);
                Arc::new(parameters)
            });
            self.cache.read.insert(found.clone(), parsed);
        }
        if !self.reference.files.contains(&found) {
            self.reference.files.push(found.clone());
        }
        match self.cache.read.get(&found) {
            Some(Ok(p)) => Some(p.clone()),
            Some(Err(d)) => {
                // Reported once per top-level file that uses it.
                for e in &d.0 {
                    if !self.errors.contains(e) {
                        self.errors.push(e.clone());
                    }
                }
                None
            }
            None => None,
        }
    }

    /// Reports what stands before the first `rest_method` of its file: it
    /// belongs to no operation.
    fn left_out(&mut self, shown: &str, line: usize, column: usize, what: &str) {
        self.reference.warnings.push(
            Diagnostic::warning(
                shown,
                line,
                column,
                format!(
                    "{what} with no `rest_method` above it in its file belongs to no operation; \
                     it is left out"
                ),
            )
            .with_kind(DiagnosticKind::LeftOut),
        );
    }

    fn finish_operation(&mut self) {
        if let Some(op) = self.current.take() {
            self.reference.operations.push(op);
        }
    }
}

/// `Request`, `Response Parameters`, `Response Example (v3.65)`: a title that
/// names a part of an operation, never an operation's own title such as
/// `Request Image Pre-caching for Aggregate`.
fn section_title(lower: &str) -> Option<Section> {
    let bare = lower.split('(').next().unwrap_or_default();
    let mut words = bare.split_whitespace();
    let section = match words.next() {
        Some(w) if w.starts_with("request") => Section::Request,
        Some(w) if w.starts_with("response") => Section::Response,
        _ => return None,
    };
    (words.count() <= 1).then_some(section)
}

/// Titles inside an operation that do not start a new one.
fn is_subsection(lower: &str) -> bool {
    ["parameters", "status code", "example", "definitions"]
        .iter()
        .any(|w| lower.contains(w))
}

fn shown_dir(shown: &str) -> String {
    match shown.rfind('/') {
        Some(at) => shown[..at].to_string(),
        None => String::new(),
    }
}

fn join_shown(dir: &str, rel: &str) -> String {
    let rel = rel.strip_prefix("./").unwrap_or(rel);
    if dir.is_empty() {
        rel.to_string()
    } else {
        format!("{dir}/{rel}")
    }
}

impl Operation {
    /// The operation as a [`ParsedDoc`], so `inspect`, `lint` and naming see it like
    /// a grid-table doc: response codes, then path, query, request-body and
    /// response-body rows (dotted names as written), then the samples present. A
    /// parameter whose entry gives no `in:` is in no table: only the model places
    /// it, by what the whole operation shows.
    pub fn to_parsed_doc(&self) -> ParsedDoc {
        let mut tables = Vec::new();
        if !self.codes.is_empty() {
            tables.push(Table {
                kind: TableKind::ResponseCodes,
                line: self.codes[0].line,
                rows: self
                    .codes
                    .iter()
                    .map(|c| {
                        Row::Code(CodeRow {
                            code: c.code.to_string(),
                            name: c.name.clone(),
                            description: String::new(),
                            line: c.line,
                        })
                    })
                    .collect(),
            });
        }
        let kinds = [
            (TableKind::Uri, None),
            (TableKind::Query, None),
            (TableKind::RequestBody, Some(Section::Request)),
            (TableKind::ResponseBody, Some(Section::Response)),
        ];
        for (kind, section) in kinds {
            let rows: Vec<Row> = self
                .params
                .iter()
                .filter(|p| match kind {
                    TableKind::Uri => p.parameter.location == Some(In::Path),
                    TableKind::Query => p.parameter.location == Some(In::Query),
                    _ => p.parameter.location == Some(In::Body) && Some(p.section) == section,
                })
                .map(|p| {
                    Row::Param(ParamRow {
                        name: p.name.clone(),
                        ty: p.parameter.ty.clone(),
                        required: p.parameter.required,
                        description: p.parameter.description.clone(),
                        line: p.line,
                    })
                })
                .collect();
            if let Some(Row::Param(first)) = rows.first() {
                tables.push(Table {
                    kind,
                    line: first.line,
                    rows,
                });
            }
        }
        ParsedDoc {
            file: self.file.clone(),
            title: self.title.clone(),
            method: self.method.clone(),
            path: self.path.clone(),
            method_line: self.line,
            description: self.description.clone(),
            tables,
            examples: self
                .samples
                .iter()
                .map(|s| Example {
                    title: s.title.clone(),
                    kind: s.kind,
                    label: None,
                    line: s.line,
                    body_line: 0,
                    value: s.value.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
