//! Spec overlays: the corrections a user keeps beside a doc.
//!
//! The docs are wrong in places (Update Server's request table is Create Server's,
//! every row says Required, nesting is flattened). An overlay is a TOML file named
//! like the doc with `.overlay.toml` in place of `.rst`; it is read after the doc and
//! wins over it. Field paths use `/` between levels (`server/OS-DCF:diskConfig`);
//! arrays and maps are transparent, so an array's item fields are addressed as the
//! array's children (`server/security_groups/name`).

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// One overlay file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    #[serde(default)]
    pub operation: OperationOverlay,
    #[serde(default)]
    pub query: BodyOverlay,
    #[serde(default)]
    pub request: BodyOverlay,
    #[serde(default)]
    pub response: BodyOverlay,
}

/// Corrections to the endpoint as a whole.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationOverlay {
    /// The generated function's name, in place of the one made from the title.
    pub name: Option<String>,
    /// The lowest microversion the endpoint exists in, e.g. `"2.1"`.
    pub min_microversion: Option<String>,
    /// The highest microversion the spec describes; `Microversion::Negotiate` never
    /// asks for more than this.
    pub max_microversion: Option<String>,
    /// The service type sent in `OpenStack-API-Version` (default `compute`).
    pub service: Option<String>,
    /// Extra response codes to document, e.g. `[406]`.
    #[serde(default)]
    pub add_status: Vec<u16>,
}

/// Corrections to one body (or the query string).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyOverlay {
    /// Ignore the doc's table and examples for this body: the overlay's fields are
    /// the whole truth.
    #[serde(default)]
    pub replace: bool,
    /// `path -> correction`, in the order the file lists them (parents first).
    #[serde(default)]
    pub fields: FieldList,
}

/// Field corrections in file order: the order decides the generated field order,
/// so a map that sorts its keys would not do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldList(pub Vec<(String, FieldOverlay)>);

impl<'de> Deserialize<'de> for FieldList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = FieldList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of field paths")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldList, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, FieldOverlay>()? {
                    fields.push(entry);
                }
                Ok(FieldList(fields))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

/// A correction to one field. Every key is optional; what is given wins.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOverlay {
    /// `string`, `integer`, `number`, `boolean`, `timestamp`, `object`, `json`,
    /// `array<T>` or `map<T>`.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub required: Option<bool>,
    pub nullable: Option<bool>,
    /// Allowed string values; the field becomes an enum that still keeps unknown values.
    #[serde(rename = "enum")]
    pub values: Option<Vec<String>>,
    /// A format hint shown in the docs (`uuid`, `ipv4`, `ipv6`, `date-time`, ...).
    pub format: Option<String>,
    /// The microversion the field appears in.
    pub since: Option<String>,
    /// The last microversion the field exists in.
    pub until: Option<String>,
    pub description: Option<String>,
    /// Drop the field.
    #[serde(default)]
    pub remove: bool,
    /// The Rust field name, in place of the one made from the JSON name.
    pub rust_name: Option<String>,
}

/// An overlay with the file it came from, for diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedOverlay {
    pub file: String,
    pub text: String,
    pub overlay: Overlay,
}

/// The overlay file that belongs to a doc file: `X.rst` -> `X.overlay.toml`.
pub fn overlay_path_for(doc: &std::path::Path) -> std::path::PathBuf {
    doc.with_extension("overlay.toml")
}

/// Reads an overlay; TOML and schema errors point at the offending line and column.
pub fn parse_overlay(file: &str, text: &str) -> Result<Overlay, Diagnostics> {
    toml::from_str::<Overlay>(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| line_col(text, span.start))
            .unwrap_or((1, 1));
        Diagnostics::single(Diagnostic::error(
            file,
            line,
            column,
            format!("invalid overlay: {}", e.message()),
        ))
    })
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_by_path() {
        let o = parse_overlay(
            "x.overlay.toml",
            r#"
[operation]
name = "update_server"
max_microversion = "2.104"

[request]
replace = true

[request.fields."server/description"]
type = "string"
nullable = true
since = "2.19"
"#,
        )
        .unwrap();
        assert_eq!(o.operation.name.as_deref(), Some("update_server"));
        assert!(o.request.replace);
        let (path, f) = &o.request.fields.0[0];
        assert_eq!(path, "server/description");
        assert_eq!(f.ty.as_deref(), Some("string"));
        assert_eq!(f.nullable, Some(true));
        assert_eq!(f.since.as_deref(), Some("2.19"));
        assert!(!o.response.replace);
    }

    #[test]
    fn keeps_file_order() {
        let o = parse_overlay(
            "o.toml",
            "[response.fields.\"server\"]\ntype = \"object\"\n[response.fields.\"server/b\"]\ntype = \"string\"\n[response.fields.\"server/a\"]\ntype = \"string\"\n",
        )
        .unwrap();
        let paths: Vec<_> = o
            .response
            .fields
            .0
            .iter()
            .map(|(p, _)| p.as_str())
            .collect();
        assert_eq!(paths, ["server", "server/b", "server/a"]);
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let err = parse_overlay(
            "x.overlay.toml",
            "[request]\nreplace = true\n[request.fields.\"server/name\"]\nnulable = true\n",
        )
        .unwrap_err();
        let d = &err.0[0];
        assert_eq!((d.file.as_str(), d.line), ("x.overlay.toml", 4));
        assert!(d.message.contains("nulable"), "{}", d.message);
    }

    #[test]
    fn bad_toml_is_an_error_not_a_panic() {
        let err = parse_overlay("o.toml", "[request\n").unwrap_err();
        assert_eq!(err.0[0].line, 1);
    }
}
