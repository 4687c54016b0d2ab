//! A line-aware reader for an os-api-ref `parameters.yaml`.
//!
//! The file is a flat map of maps: `key:` at column 1, then two-space-indented
//! `in`, `required`, `type`, `description`, `min_version`, `max_version` (and
//! `format`) entries, descriptions as `|` block scalars, anchors (`key: &a`) and
//! merge keys (`<<: *a`). A YAML library would give us the values, but we need the
//! line of every key and the line and column of every bad value, and the structure
//! is this narrow; so a small reader of our own gives exact locations and refuses,
//! with a message, anything outside that structure.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::microversion::Microversion;
use crate::text::{trim, trim_end, trim_start};

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum In {
    Header,
    Path,
    Query,
    Body,
}

/// One entry of `parameters.yaml`, after merge keys were applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    pub key: String,
    /// The parameters file, as shown in messages.
    pub file: Arc<str>,
    /// Line of `key:`.
    pub line: usize,
    /// `None` when the entry does not say: the operation that uses the
    /// parameter decides then.
    pub location: Option<In>,
    pub required: bool,
    /// As written: `string`, `integer`, `object`, `array`, `float`, `none`, ...
    pub ty: String,
    pub description: String,
    pub min_version: Option<Microversion>,
    pub max_version: Option<Microversion>,
    pub format: Option<String>,
}

/// A whole `parameters.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parameters {
    pub file: String,
    /// Shared: every `rest_parameters` item that names an entry holds it, and
    /// Nova's reference names its ~1,000 entries some 4,000 times.
    entries: HashMap<String, Arc<Parameter>>,
}

impl Parameters {
    pub fn get(&self, key: &str) -> Option<&Arc<Parameter>> {
        self.entries.get(key)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

/// A value as read, with where it starts.
#[derive(Debug, Clone)]
struct RawValue {
    text: String,
    line: usize,
    column: usize,
}

#[derive(Debug, Clone)]
struct RawEntry {
    key: String,
    line: usize,
    anchor: Option<String>,
    merges: Vec<RawValue>,
    fields: Vec<(String, RawValue)>,
}

/// Reads the text of a `parameters.yaml`; every problem is reported with its place.
pub fn parse_parameters(file: &str, text: &str) -> Result<Parameters, Diagnostics> {
    let mut errors = Vec::new();
    let shared_file: Arc<str> = Arc::from(file);
    let raw = read_entries(file, text, &mut errors);
    let mut anchors: HashMap<String, usize> = HashMap::new();
    let mut entries = HashMap::new();
    let mut resolved: Vec<Vec<(String, RawValue)>> = Vec::with_capacity(raw.len());
    for (index, entry) in raw.iter().enumerate() {
        let mut fields: Vec<(String, RawValue)> = Vec::new();
        for merge in &entry.merges {
            match anchors.get(merge.text.as_str()) {
                Some(&from) => {
                    for (name, value) in &resolved[from] {
                        if !entry.fields.iter().any(|(n, _)| n == name) {
                            fields.push((name.clone(), value.clone()));
                        }
                    }
                }
                None => errors.push(Diagnostic::error(
                    file,
                    merge.line,
                    merge.column,
                    format!("`*{}` names no anchor defined above", merge.text),
                )),
            }
        }
        fields.extend(entry.fields.iter().cloned());
        if let Some(anchor) = &entry.anchor {
            anchors.insert(anchor.clone(), index);
        }
        if entries.contains_key(&entry.key) {
            errors.push(Diagnostic::error(
                file,
                entry.line,
                1,
                format!("`{}` is defined twice", entry.key),
            ));
        } else if let Some(parameter) = typed(file, &shared_file, entry, &fields, &mut errors) {
            entries.insert(entry.key.clone(), Arc::new(parameter));
        }
        resolved.push(fields);
    }
    if errors.is_empty() {
        Ok(Parameters {
            file: file.to_string(),
            entries,
        })
    } else {
        Err(Diagnostics(errors))
    }
}

fn typed(
    file: &str,
    shared_file: &Arc<str>,
    entry: &RawEntry,
    fields: &[(String, RawValue)],
    errors: &mut Vec<Diagnostic>,
) -> Option<Parameter> {
    let get = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let before = errors.len();
    let location = match get("in") {
        Some(v) => match v.text.as_str() {
            "header" => Some(In::Header),
            "path" => Some(In::Path),
            "query" => Some(In::Query),
            "body" => Some(In::Body),
            other => {
                errors.push(Diagnostic::error(
                    file,
                    v.line,
                    v.column,
                    format!("`in: {other}`: expected header, path, query or body"),
                ));
                None
            }
        },
        None => {
            errors.push(Diagnostic::error(
                file,
                entry.line,
                1,
                format!("`{}` has no `in:` (header, path, query or body)", entry.key),
            ));
            None
        }
    };
    let required = match get("required") {
        Some(v) => match v.text.as_str() {
            "true" | "True" => true,
            "false" | "False" => false,
            other => {
                errors.push(Diagnostic::error(
                    file,
                    v.line,
                    v.column,
                    format!("`required: {other}`: expected true or false"),
                ));
                false
            }
        },
        None => false,
    };
    for (name, value) in fields {
        if !matches!(
            name.as_str(),
            "in" | "required" | "type" | "description" | "min_version" | "max_version" | "format"
        ) {
            errors.push(Diagnostic::error(
                file,
                value.line,
                value.column.saturating_sub(name.chars().count() + 2).max(1),
                format!(
                    "unknown key `{name}`: expected in, required, type, description, \
                     min_version, max_version or format"
                ),
            ));
        }
    }
    let version = |name: &str, errors: &mut Vec<Diagnostic>| {
        let v = get(name)?;
        match Microversion::parse(&v.text) {
            Ok(version) => Some(version),
            Err(_) => {
                errors.push(Diagnostic::error(
                    file,
                    v.line,
                    v.column,
                    format!("`{name}: {}` is not a microversion like 2.19", v.text),
                ));
                None
            }
        }
    };
    let min_version = version("min_version", errors);
    let max_version = version("max_version", errors);
    if errors.len() != before {
        return None;
    }
    Some(Parameter {
        key: entry.key.clone(),
        file: shared_file.clone(),
        line: entry.line,
        location: Some(location?),
        required,
        ty: get("type").map(|v| v.text.clone()).unwrap_or_default(),
        description: get("description")
            .map(|v| v.text.clone())
            .unwrap_or_default(),
        min_version,
        max_version,
        format: get("format").map(|v| v.text.clone()),
    })
}

/// `2.19`: two numbers joined by a dot.
/// What the reader is in the middle of.
enum State {
    /// Between entries, or in an entry's plain fields.
    Fields,
    /// In a `|` or `>` block scalar of the last field: its indent once known.
    Block { folded: bool, indent: Option<usize> },
    /// In a plain scalar that may continue on more-indented lines.
    Plain,
}

fn read_entries(file: &str, text: &str, errors: &mut Vec<Diagnostic>) -> Vec<RawEntry> {
    let mut entries: Vec<RawEntry> = Vec::new();
    let mut field_indent: Option<usize> = None;
    let mut state = State::Fields;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw_line) in text.split('\n').enumerate() {
        let number = i + 1;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let indent = line.chars().take_while(|c| *c == ' ').count();
        let trimmed = trim(line);
        if let Some(col) = line
            .chars()
            .take_while(|c| c.is_whitespace())
            .position(|c| c == '\t')
        {
            errors.push(Diagnostic::error(
                file,
                number,
                col + 1,
                "a tab in indentation; YAML indents with spaces",
            ));
            continue;
        }
        // Block and plain scalars continue on lines indented below the field.
        let field_level = field_indent.unwrap_or(2);
        match &mut state {
            State::Block {
                folded,
                indent: block_indent,
            } => {
                if trimmed.is_empty() {
                    append_block_line(&mut entries, "", *folded);
                    continue;
                }
                let inside = match block_indent {
                    Some(b) => indent >= *b,
                    None => indent > field_level,
                };
                if inside {
                    // `indent >= b` spaces lead the line: the rest starts at byte `b`.
                    let b = *block_indent.get_or_insert(indent);
                    append_block_line(&mut entries, &line[b..], *folded);
                    continue;
                }
                finish_block(&mut entries);
                state = State::Fields;
            }
            State::Plain => {
                if !trimmed.is_empty() && indent > field_level && !trimmed.starts_with('#') {
                    if let Some((_, value)) = entries.last_mut().and_then(|e| e.fields.last_mut()) {
                        value.text.push(' ');
                        value.text.push_str(trimmed);
                    }
                    continue;
                }
                state = State::Fields;
            }
            State::Fields => {}
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "---" {
            continue;
        }
        let Some((key, value, value_column)) = split_key(line, indent) else {
            errors.push(Diagnostic::error(
                file,
                number,
                indent + 1,
                format!("expected `key:` or `key: value`, found `{trimmed}`"),
            ));
            continue;
        };
        if indent == 0 {
            let anchor = match value.strip_prefix('&') {
                Some(a) if !a.is_empty() && !a.contains(' ') => Some(a.to_string()),
                _ if value.is_empty() => None,
                _ => {
                    errors.push(Diagnostic::error(
                        file,
                        number,
                        value_column,
                        format!(
                            "`{key}` must hold a map of its fields on the lines below, found `{value}`"
                        ),
                    ));
                    None
                }
            };
            entries.push(RawEntry {
                key: unquote(&key),
                line: number,
                anchor,
                merges: Vec::new(),
                fields: Vec::new(),
            });
            continue;
        }
        let Some(entry) = entries.last_mut() else {
            errors.push(Diagnostic::error(
                file,
                number,
                indent + 1,
                "an indented field before any parameter name",
            ));
            continue;
        };
        match field_indent {
            None => field_indent = Some(indent),
            Some(expected) if expected != indent => {
                errors.push(Diagnostic::error(
                    file,
                    number,
                    indent + 1,
                    format!(
                        "field indented by {indent} spaces, expected {expected} like the fields above"
                    ),
                ));
                continue;
            }
            Some(_) => {}
        }
        let at = RawValue {
            text: String::new(),
            line: number,
            column: value_column,
        };
        if key == "<<" {
            match value.strip_prefix('*') {
                Some(anchor) if !anchor.is_empty() => entry.merges.push(RawValue {
                    text: anchor.to_string(),
                    ..at
                }),
                _ => errors.push(Diagnostic::error(
                    file,
                    number,
                    value_column,
                    format!("`<<:` expects an alias like `*name`, found `{value}`"),
                )),
            }
            continue;
        }
        if entry.fields.iter().any(|(n, _)| *n == key) {
            errors.push(Diagnostic::error(
                file,
                number,
                indent + 1,
                format!("`{key}` given twice for `{}`", entry.key),
            ));
            continue;
        }
        match value.as_str() {
            "|" | "|-" | "|+" | ">" | ">-" | ">+" => {
                state = State::Block {
                    folded: value.starts_with('>'),
                    indent: None,
                };
                entry.fields.push((key, at));
            }
            _ => {
                state = State::Plain;
                entry.fields.push((
                    key,
                    RawValue {
                        text: unquote(&value),
                        ..at
                    },
                ));
            }
        }
    }
    if matches!(state, State::Block { .. }) {
        finish_block(&mut entries);
    }
    entries
}

/// `key: value` -> (key, value, 1-based column of the value). The key ends at the
/// first `: ` (keys such as `OS-EXT-AZ:availability_zone` hold colons) or at a
/// final `:`.
fn split_key(line: &str, indent: usize) -> Option<(String, String, usize)> {
    let body = &line[indent..];
    let (key, value) = match body.find(": ") {
        Some(at) => (&body[..at], &body[at + 2..]),
        None => (trim_end(body).strip_suffix(':')?, ""),
    };
    if trim(key).is_empty() {
        return None;
    }
    let value_start = body.len() - value.len();
    let leading = value.len() - trim_start(value).len();
    let column = indent + body[..value_start + leading].chars().count() + 1;
    let value = strip_comment(trim(value));
    Some((trim(key).to_string(), value, column))
}

fn strip_comment(value: &str) -> String {
    if value.starts_with('"') || value.starts_with('\'') {
        return value.to_string();
    }
    match value.find(" #") {
        Some(at) => value[..at].trim_end().to_string(),
        None => value.to_string(),
    }
}

fn unquote(value: &str) -> String {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner.to_string();
        }
    }
    value.to_string()
}

fn append_block_line(entries: &mut [RawEntry], content: &str, folded: bool) {
    if let Some((_, value)) = entries.last_mut().and_then(|e| e.fields.last_mut()) {
        if !value.text.is_empty() {
            value.text.push(if folded && !content.is_empty() {
                ' '
            } else {
                '\n'
            });
        }
        value.text.push_str(content);
    }
}

fn finish_block(entries: &mut [RawEntry]) {
    if let Some((_, value)) = entries.last_mut().and_then(|e| e.fields.last_mut()) {
        let kept = trim_end(&value.text).len();
        value.text.truncate(kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# a comment
server_id:
  description: |
    The UUID of the server.

    Second paragraph.
  in: path
  required: true
  type: string
OS-EXT-AZ:availability_zone:
  description: The availability zone.
  in: body
  required: false
  type: string
  min_version: 2.16
cores: &cores
  description: |
    Cores.
  in: body
  required: true
  type: integer
cores_optional:
  <<: *cores
  required: false
";

    #[test]
    fn reads_entries_with_locations_merges_and_block_scalars() {
        let params = parse_parameters("p.yaml", SAMPLE).unwrap();
        assert_eq!(params.len(), 4);
        let server = params.get("server_id").unwrap();
        assert_eq!(server.line, 2);
        assert_eq!(server.location, Some(In::Path));
        assert!(server.required);
        assert_eq!(
            server.description,
            "The UUID of the server.\n\nSecond paragraph."
        );
        let az = params.get("OS-EXT-AZ:availability_zone").unwrap();
        assert_eq!(
            az.min_version.map(|v| v.to_string()).as_deref(),
            Some("2.16")
        );
        assert_eq!(az.description, "The availability zone.");
        let optional = params.get("cores_optional").unwrap();
        assert!(!optional.required);
        assert_eq!(optional.ty, "integer");
        assert_eq!(optional.description, "Cores.");
    }

    #[test]
    fn bad_values_are_errors_at_their_place() {
        let text = "a:\n  in: bodyy\n  required: yes\n  type: string\n";
        let err = parse_parameters("p.yaml", text).unwrap_err();
        let places: Vec<_> = err.0.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(2, 7), (3, 13)]);
        assert!(err.0[0].message.contains("bodyy"), "{}", err.0[0].message);
    }

    #[test]
    fn malformed_lines_are_errors() {
        let err = parse_parameters("p.yaml", "a:\n  in body\n").unwrap_err();
        assert_eq!((err.0[0].line, err.0[0].column), (2, 3));
        let err = parse_parameters("p.yaml", "a:\n  in: body\n  <<: *nope\n").unwrap_err();
        assert_eq!((err.0[0].line, err.0[0].column), (3, 7));
        let err = parse_parameters("p.yaml", "a:\n  in: body\na:\n  in: body\n").unwrap_err();
        assert!(err.0[0].message.contains("twice"));
        let err = parse_parameters("p.yaml", "a:\n  in: body\n  min_version: two\n").unwrap_err();
        assert_eq!((err.0[0].line, err.0[0].column), (3, 16));
    }
}
