//! Checks of the examples against the body tables: keys no row names, rows no
//! example shows, Required markers an example contradicts, labels that contradict
//! their section, and empty blocks.
//!
//! Keys of a dictionary (`metadata`'s `"My Server Name"`) are data, not fields: an
//! object is skipped when the model made it a map, or, where the model does not
//! say, when none of its keys is a row name.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::finding::finding;
use crate::diagnostic::{DiagnosticKind, FileCtxt};
use crate::model::{Endpoint, FieldType, Object};
use crate::parse::{Example, ExampleKind, ParamRow, ParsedDoc, TableKind};

pub(super) fn check(out: FileCtxt<'_>, doc: &ParsedDoc, endpoint: Option<&Endpoint>, source: &str) {
    for example in &doc.examples {
        if let Some(label) = example.label
            && label != example.kind
        {
            finding(
                out,
                DiagnosticKind::LabelContradictsSection,
                example.line,
                1,
                format!(
                    "example `{}` is labelled `JSON {}` but is under the {} section",
                    example.title,
                    word(label),
                    capitalized(example.kind)
                ),
            );
        }
        if example.value.is_none() && example.body_line == 0 {
            finding(
                out,
                DiagnosticKind::EmptyExample,
                example.line,
                1,
                format!("example `{}` has an empty code block", example.title),
            );
        }
    }
    let lines: Vec<&str> = source.lines().collect();
    for (kind, table) in [
        (ExampleKind::Request, TableKind::RequestBody),
        (ExampleKind::Response, TableKind::ResponseBody),
    ] {
        let model = endpoint.and_then(|e| match kind {
            ExampleKind::Request => e.request.as_ref(),
            ExampleKind::Response => e.response.as_ref(),
        });
        let body = BodyCheck {
            doc,
            kind,
            has_table: doc.tables_of(table).next().is_some(),
            rows: doc.params_of(table).collect(),
            model: model.map(|b| &b.object),
        };
        body.check(out, &lines);
    }
}

/// One body: its table rows, its examples, and the model's object for it.
struct BodyCheck<'a> {
    doc: &'a ParsedDoc,
    kind: ExampleKind,
    has_table: bool,
    rows: Vec<&'a ParamRow>,
    model: Option<&'a Object>,
}

/// What one example shows, keys in document order.
struct Walk<'a> {
    example: &'a Example,
    keys: Vec<KeySeen>,
    objects: Vec<ObjectSeen>,
}

/// A key of a (non-dictionary) object.
struct KeySeen {
    key: String,
    /// The keys leading to its object (`*` for a dictionary's values).
    parent: Vec<String>,
    line: usize,
    /// 1-based column of the key's opening quote.
    column: usize,
}

/// A (non-dictionary) object and the keys it has.
struct ObjectSeen {
    path: Vec<String>,
    keys: HashSet<String>,
}

impl BodyCheck<'_> {
    fn check(&self, out: FileCtxt<'_>, lines: &[&str]) {
        let examples: Vec<&Example> = self
            .doc
            .examples_of(self.kind)
            .filter(|e| e.value.as_ref().is_some_and(non_empty))
            .collect();
        let Some(first) = examples.first() else {
            return;
        };
        if self.rows.is_empty() {
            let what = if self.has_table {
                "its table has no rows"
            } else {
                "the doc has no table for it"
            };
            finding(
                out,
                DiagnosticKind::ExampleKeyNotInTable,
                first.line,
                1,
                format!(
                    "example `{}` shows a {} body, but {what}",
                    first.title,
                    word(self.kind)
                ),
            );
            return;
        }
        let names: HashSet<&str> = self.rows.iter().map(|r| r.name.as_str()).collect();
        let walks: Vec<Walk<'_>> = examples
            .iter()
            .map(|e| self.walk(e, &names, lines))
            .collect();

        // Keys no row names, once per name and body.
        let mut reported: HashSet<&str> = HashSet::new();
        for walk in &walks {
            for seen in &walk.keys {
                if !names.contains(seen.key.as_str()) && reported.insert(&seen.key) {
                    finding(
                        out,
                        DiagnosticKind::ExampleKeyNotInTable,
                        seen.line,
                        seen.column,
                        format!(
                            "key `{}` of example `{}` is in no row of the {} body table",
                            dotted(&seen.parent, &seen.key),
                            walk.example.title,
                            word(self.kind)
                        ),
                    );
                }
            }
        }

        // Rows no example shows.
        let shown: HashSet<&str> = walks
            .iter()
            .flat_map(|w| w.keys.iter().map(|k| k.key.as_str()))
            .collect();
        for row in &self.rows {
            if !shown.contains(row.name.as_str()) {
                finding(
                    out,
                    DiagnosticKind::RowNotInExamples,
                    row.line,
                    2,
                    format!(
                        "row `{}` is in none of the {} examples",
                        row.name,
                        word(self.kind)
                    ),
                );
            }
        }

        // Required rows an example leaves out, at a level where another has them.
        // With a name on several rows, only a name that is Required on every one
        // can be checked: the missing key may be the one an optional row describes.
        // Both maps are built once, so each row costs one lookup.
        let mut all_required: HashMap<&str, bool> = HashMap::new();
        for r in &self.rows {
            *all_required.entry(r.name.as_str()).or_insert(true) &= r.required;
        }
        let mut levels_of: HashMap<&str, HashSet<&Vec<String>>> = HashMap::new();
        for k in walks.iter().flat_map(|w| w.keys.iter()) {
            levels_of
                .entry(k.key.as_str())
                .or_default()
                .insert(&k.parent);
        }
        let no_levels = HashSet::new();
        let mut checked: HashSet<&str> = HashSet::new();
        for row in &self.rows {
            let name = row.name.as_str();
            let all_required = all_required.get(name).copied().unwrap_or(false);
            if !row.required || !all_required || !checked.insert(name) {
                continue;
            }
            let levels = levels_of.get(name).unwrap_or(&no_levels);
            let missing = walks.iter().find_map(|w| {
                w.objects
                    .iter()
                    .find(|o| levels.contains(&o.path) && !o.keys.contains(name))
                    .map(|o| (w.example, o))
            });
            if let Some((example, object)) = missing {
                let place = if object.path.is_empty() {
                    "at the top".to_string()
                } else {
                    format!("in `{}`", object.path.join("."))
                };
                finding(
                    out,
                    DiagnosticKind::RequiredContradicted,
                    row.line,
                    2,
                    format!(
                        "row `{name}` is Required, but example `{}` (line {}) has no `{name}` {place}",
                        example.title, example.line
                    ),
                );
            }
        }
    }

    fn walk<'e>(&self, example: &'e Example, names: &HashSet<&str>, lines: &[&str]) -> Walk<'e> {
        let mut walk = Walk {
            example,
            keys: Vec::new(),
            objects: Vec::new(),
        };
        let mut cursor = Cursor {
            lines,
            line: example.body_line.saturating_sub(1),
            column: 0,
            fallback: example.body_line.max(example.line),
        };
        let root = self.model.map(FieldTypeRef::Object);
        if let Some(value) = &example.value {
            visit(value, root, &mut Vec::new(), names, &mut cursor, &mut walk);
        }
        walk
    }
}

/// What the model says about a value, borrowed (the body's root is an object
/// without a field of its own).
#[derive(Clone, Copy)]
enum FieldTypeRef<'a> {
    Object(&'a Object),
    Other(&'a FieldType),
}

impl<'a> FieldTypeRef<'a> {
    fn of(ty: &'a FieldType) -> Self {
        match ty {
            FieldType::Object(o) => FieldTypeRef::Object(o),
            FieldType::OrEmptyString(inner) | FieldType::OneOf(inner, _) => FieldTypeRef::of(inner),
            other => FieldTypeRef::Other(other),
        }
    }
}

fn visit(
    value: &Value,
    ty: Option<FieldTypeRef<'_>>,
    path: &mut Vec<String>,
    names: &HashSet<&str>,
    cursor: &mut Cursor<'_>,
    walk: &mut Walk<'_>,
) {
    match value {
        Value::Array(items) => {
            let item_ty = match ty {
                Some(FieldTypeRef::Other(FieldType::Array(t))) => Some(FieldTypeRef::of(t)),
                _ => None,
            };
            for item in items {
                visit(item, item_ty, path, names, cursor, walk);
            }
        }
        Value::Object(map) => {
            let is_map = match ty {
                Some(FieldTypeRef::Other(FieldType::Map(_))) => true,
                Some(FieldTypeRef::Object(_)) => false,
                _ => {
                    !path.is_empty()
                        && !map.is_empty()
                        && map.keys().all(|k| !names.contains(k.as_str()))
                }
            };
            if is_map {
                let value_ty = match ty {
                    Some(FieldTypeRef::Other(FieldType::Map(t))) => Some(FieldTypeRef::of(t)),
                    _ => None,
                };
                for (key, item) in map {
                    cursor.find_key(key);
                    path.push("*".to_string());
                    visit(item, value_ty, path, names, cursor, walk);
                    path.pop();
                }
                return;
            }
            walk.objects.push(ObjectSeen {
                path: path.clone(),
                keys: map.keys().cloned().collect(),
            });
            for (key, item) in map {
                let (line, column) = cursor.find_key(key);
                walk.keys.push(KeySeen {
                    key: key.clone(),
                    parent: path.clone(),
                    line,
                    column,
                });
                let child = match ty {
                    Some(FieldTypeRef::Object(o)) => o.field(key).map(|f| FieldTypeRef::of(&f.ty)),
                    _ => None,
                };
                path.push(key.clone());
                visit(item, child, path, names, cursor, walk);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Finds the line of each key in turn, moving forward through the source, so a
/// name repeated at several depths gets the line of each occurrence.
struct Cursor<'a> {
    lines: &'a [&'a str],
    /// 0-based line and byte column where the next search starts.
    line: usize,
    column: usize,
    /// The line to give when a key cannot be found (escapes, odd layout): the
    /// example's first line, at column 1.
    fallback: usize,
}

impl Cursor<'_> {
    /// The 1-based line and column of the next `"key":`.
    fn find_key(&mut self, key: &str) -> (usize, usize) {
        let needle = match serde_json::to_string(key) {
            Ok(quoted) => quoted,
            Err(_) => return (self.fallback, 1),
        };
        let mut line = self.line;
        let mut column = self.column;
        while let Some(text) = self.lines.get(line) {
            let mut from = column;
            while let Some(at) = text.get(from..).and_then(|rest| rest.find(&needle)) {
                let end = from + at + needle.len();
                let followed_by_colon = text
                    .get(end..)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'));
                if followed_by_colon {
                    self.line = line;
                    self.column = end;
                    let column = text.get(..from + at).map_or(0, |t| t.chars().count()) + 1;
                    return (line + 1, column);
                }
                from = end;
            }
            line += 1;
            column = 0;
        }
        (self.fallback, 1)
    }
}

fn non_empty(value: &Value) -> bool {
    match value {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Null => false,
        _ => true,
    }
}

fn dotted(parent: &[String], key: &str) -> String {
    let mut parts: Vec<&str> = parent.iter().map(String::as_str).collect();
    parts.push(key);
    parts.join(".")
}

fn word(kind: ExampleKind) -> &'static str {
    match kind {
        ExampleKind::Request => "request",
        ExampleKind::Response => "response",
    }
}

fn capitalized(kind: ExampleKind) -> &'static str {
    match kind {
        ExampleKind::Request => "Request",
        ExampleKind::Response => "Response",
    }
}
