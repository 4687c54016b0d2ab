//! An os-api-ref `parameters.yaml` (under any name: the file a `rest_parameters`
//! directive names), read as os-api-ref reads it.
//!
//! os-api-ref loads the file with PyYAML and looks up each parameter's fields, so
//! anything PyYAML reads goes: any indentation, comments, quoted, block and flow
//! values, anchors and YAML 1.1 merge keys (`yaml_tree` builds the tree, with the
//! line and column of every node). What os-api-ref would take without a word and
//! we doubt is a warning that says what we took: an unknown or misspelt field
//! (a misspelling of a known field, `requered`, is read as that field), a
//! `required` that is no boolean, a version that is no microversion, an `in` that
//! is none of the four (left for the operation to decide: see
//! `model::placement`), a parameter defined twice (the last wins, as in PyYAML).
//! Only text that is not YAML, or whose top level is not a map, is an error.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::microversion::Microversion;
use crate::text::trim_end;

use super::spelling::closest;
use super::yaml_tree::{self, Node, Value};

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
    /// `None` when the entry gives no `in:`, or one that is none of the four: the
    /// operation that uses the parameter decides then.
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

/// The fields os-api-ref reads, in the order of [`Fields`]' slots.
const KNOWN: [&str; 7] = [
    "in",
    "required",
    "type",
    "description",
    "min_version",
    "max_version",
    "format",
];
const EXPECTED: &str =
    "expected in, required, type, description, min_version, max_version or format";
const IN: usize = 0;
const REQUIRED: usize = 1;
const TYPE: usize = 2;
const DESCRIPTION: usize = 3;
const MIN_VERSION: usize = 4;
const MAX_VERSION: usize = 5;
const FORMAT: usize = 6;

/// Reads the text of a parameters file: the parameters and the warnings about
/// them, or, when the text is not YAML or not a map, the errors.
pub fn parse_parameters(
    file: &str,
    text: &str,
) -> Result<(Parameters, Vec<Diagnostic>), Diagnostics> {
    let pairs = match yaml_tree::read(file, text).map_err(Diagnostics)? {
        Some(Node {
            value: Value::Map(pairs),
            ..
        }) => pairs,
        Some(other) => {
            return Err(Diagnostics::single(Diagnostic::error(
                file,
                other.line,
                other.column,
                format!(
                    "found {} at the top: expected a map of parameter names to their fields",
                    other.kind()
                ),
            )));
        }
        None => {
            return Err(Diagnostics::single(Diagnostic::error(
                file,
                1,
                1,
                "no parameters: expected a map of parameter names to their fields",
            )));
        }
    };
    let mut reader = Reader {
        file,
        shared_file: Arc::from(file),
        warnings: Vec::new(),
    };
    let mut entries: HashMap<String, Arc<Parameter>> = HashMap::with_capacity(pairs.len());
    let mut first_lines: HashMap<String, usize> = HashMap::with_capacity(pairs.len());
    for (key, value) in pairs {
        let Some(name) = key.scalar() else {
            reader.warn(
                &key,
                format!(
                    "a parameter name must be text, found {}; the entry is left out",
                    key.kind()
                ),
            );
            continue;
        };
        if let Some(first) = first_lines.insert(name.to_string(), key.line) {
            reader.warn(
                &key,
                format!(
                    "`{name}` is defined again (first at line {first}); this last \
                     definition is used, as PyYAML does"
                ),
            );
            entries.remove(name);
        }
        match value.value {
            Value::Map(fields) => {
                let parameter = reader.parameter(name, key.line, fields);
                entries.insert(name.to_string(), Arc::new(parameter));
            }
            _ => reader.warn(
                &value,
                format!(
                    "`{name}` must hold a map of its fields ({}), found {}; it is left out",
                    KNOWN.join(", "),
                    value.kind()
                ),
            ),
        }
    }
    Ok((
        Parameters {
            file: file.to_string(),
            entries,
        },
        reader.warnings,
    ))
}

/// One entry's known fields, key and value, by slot (see [`KNOWN`]).
type Fields = [Option<(Node, Node)>; 7];

struct Reader<'f> {
    file: &'f str,
    shared_file: Arc<str>,
    warnings: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn warn(&mut self, at: &Node, message: String) {
        self.warnings.push(
            Diagnostic::warning(self.file, at.line, at.column, message)
                .with_kind(DiagnosticKind::LooseSyntax),
        );
    }

    fn parameter(&mut self, name: &str, line: usize, pairs: Vec<(Node, Node)>) -> Parameter {
        let fields = self.fields(name, pairs);
        Parameter {
            key: name.to_string(),
            file: self.shared_file.clone(),
            line,
            location: self.location(&fields[IN]),
            required: self.required(&fields[REQUIRED]),
            ty: self.text(&fields[TYPE]).unwrap_or_default().to_string(),
            description: trim_end(self.text(&fields[DESCRIPTION]).unwrap_or_default()).to_string(),
            min_version: self.version(&fields[MIN_VERSION]),
            max_version: self.version(&fields[MAX_VERSION]),
            format: self.text(&fields[FORMAT]).map(str::to_string),
        }
    }

    /// The known fields of an entry. An unknown key is a warning; one that is a
    /// misspelling of a known field the entry does not give is read as that field.
    fn fields(&mut self, name: &str, pairs: Vec<(Node, Node)>) -> Fields {
        let mut given = [false; 7];
        for (key, _) in &pairs {
            if let Some(i) = key
                .scalar()
                .and_then(|k| KNOWN.iter().position(|n| *n == k))
            {
                given[i] = true;
            }
        }
        let mut fields: Fields = Default::default();
        for (key, value) in pairs {
            let Some(text) = key.scalar() else {
                self.warn(
                    &key,
                    format!(
                        "a field name must be text, found {}; it is ignored",
                        key.kind()
                    ),
                );
                continue;
            };
            let slot = match KNOWN.iter().position(|n| *n == text) {
                Some(i) => i,
                None => match closest(text, &KNOWN) {
                    Some(meant) => {
                        let i = KNOWN.iter().position(|n| *n == meant).unwrap_or(0);
                        if given[i] {
                            self.warn(
                                &key,
                                format!(
                                    "unknown key `{text}` (probably `{meant}`, which `{name}` \
                                     also gives): {EXPECTED}; it is ignored"
                                ),
                            );
                            continue;
                        }
                        self.warn(
                            &key,
                            format!(
                                "unknown key `{text}` (probably `{meant}`): {EXPECTED}; \
                                 read as `{meant}`"
                            ),
                        );
                        i
                    }
                    None => {
                        self.warn(
                            &key,
                            format!("unknown key `{text}`: {EXPECTED}; it is ignored"),
                        );
                        continue;
                    }
                },
            };
            if let Some((first, _)) = &fields[slot] {
                let message = format!(
                    "`{}` given twice for `{name}` (first at line {}); the last is used, \
                     as PyYAML does",
                    KNOWN[slot], first.line
                );
                self.warn(&key, message);
            }
            fields[slot] = Some((key, value));
        }
        fields
    }

    /// A field's text; `None` when it is not given or null. A list or a map is a
    /// warning, and reads as not given.
    fn text<'n>(&mut self, field: &'n Option<(Node, Node)>) -> Option<&'n str> {
        let (key, value) = field.as_ref()?;
        if value.is_null() {
            return None;
        }
        match value.scalar() {
            Some(text) => Some(text),
            None => {
                let message = format!(
                    "`{}` must be text, found {}; it is ignored",
                    key.scalar().unwrap_or_default(),
                    value.kind()
                );
                self.warn(value, message);
                None
            }
        }
    }

    fn location(&mut self, field: &Option<(Node, Node)>) -> Option<In> {
        let text = self.text(field)?;
        let location = match text {
            "header" => Some(In::Header),
            "path" => Some(In::Path),
            "query" => Some(In::Query),
            "body" => Some(In::Body),
            _ => None,
        };
        if location.is_none()
            && let Some((_, value)) = field
        {
            let guess = match closest(text, &["header", "path", "query", "body"]) {
                Some(meant) => format!(" (probably `{meant}`)"),
                None => String::new(),
            };
            self.warn(
                value,
                format!(
                    "`in: {text}`{guess}: expected header, path, query or body; each \
                     operation that uses it places it by what it shows"
                ),
            );
        }
        location
    }

    /// As PyYAML and os-api-ref read it: YAML 1.1's booleans (`true`, `yes`,
    /// `on`, ...), null for false. Anything else is a warning; a slip of `true` or
    /// `false` reads as the word meant, a number as nonzero, other text as true
    /// (os-api-ref's truth).
    fn required(&mut self, field: &Option<(Node, Node)>) -> bool {
        let Some((_, value)) = field else {
            return false;
        };
        if value.is_null() {
            return false;
        }
        let Some(text) = value.scalar() else {
            self.warn(
                value,
                format!(
                    "`required` must be true or false, found {}; read as true",
                    value.kind()
                ),
            );
            return true;
        };
        let plain = matches!(value.value, Value::Scalar { plain: true, .. });
        if plain {
            match text {
                "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => {
                    return true;
                }
                "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => {
                    return false;
                }
                _ => {}
            }
        }
        let (read, why) = match closest(text, &["true", "false"]) {
            Some(meant) => (meant == "true", format!("probably `{meant}`")),
            None => match text.parse::<i64>() {
                Ok(number) if plain => (number != 0, "a number".to_string()),
                _ => (!text.is_empty(), "text".to_string()),
            },
        };
        self.warn(
            value,
            format!("`required: {text}` ({why}): expected true or false; read as {read}"),
        );
        read
    }

    fn version(&mut self, field: &Option<(Node, Node)>) -> Option<Microversion> {
        let text = self.text(field)?;
        match Microversion::parse(text) {
            Ok(version) => Some(version),
            Err(_) => {
                if let Some((key, value)) = field {
                    let message = format!(
                        "`{}: {text}` is not a microversion like 2.19; read as none",
                        key.scalar().unwrap_or_default()
                    );
                    self.warn(value, message);
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests;
