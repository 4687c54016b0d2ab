//! Spec overlays: the corrections a user keeps beside a doc.
//!
//! The docs are wrong in places (Update Server's request table is Create Server's,
//! every row says Required, nesting is flattened). An overlay is a TOML file named
//! like the doc with `.overlay.toml` in place of `.rst`; it is read after the doc and
//! wins over it. Field paths use `/` between levels (`server/OS-DCF:diskConfig`);
//! arrays and maps are transparent, so an array's item fields are addressed as the
//! array's children (`server/security_groups/name`).
//!
//! Values are checked and turned into typed values ([`TypeExpr`], [`Microversion`],
//! status codes, field paths) once, here, with the line and column the `toml` crate
//! gives for each; later stages point at those and never search the text.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use toml::Spanned;

use crate::diagnostic::{Ctxt, DiagnosticKind, Diagnostics, FileCtxt};
use crate::microversion::Microversion;

/// A 1-based line and column (in characters) in an overlay file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// One overlay file, checked and typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overlay {
    /// The file as the user named it, for diagnostics.
    pub file: String,
    /// Corrections to the endpoint as a whole.
    pub operation: OperationOverlay,
    /// Corrections to the query string.
    pub query: BodyOverlay,
    /// Corrections to the request body.
    pub request: BodyOverlay,
    /// Corrections to the response body.
    pub response: BodyOverlay,
}

/// Corrections to the endpoint as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OperationOverlay {
    /// The generated function's name, in place of the one made from the title.
    pub name: Option<String>,
    /// The lowest microversion the endpoint exists in, e.g. `"2.1"`.
    pub min_microversion: Option<Microversion>,
    /// The highest microversion the spec describes; `Microversion::Negotiate` never
    /// asks for more than this.
    pub max_microversion: Option<Microversion>,
    /// The service type sent in `OpenStack-API-Version` (default `compute`).
    pub service: Option<String>,
    /// Extra response codes to document, e.g. `[406]`; each an HTTP status.
    pub add_status: Vec<u16>,
    /// The request body's media type when it is not `application/json`
    /// (`application/openstack-images-v2.1-json-patch`).
    pub content_type: Option<String>,
    /// The reply body's media type when it is not `application/json`
    /// (`application/octet-stream`: raw data, given to the caller unread).
    pub response_content_type: Option<String>,
}

/// Corrections to one body (or the query string).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyOverlay {
    /// Ignore the doc's table and examples for this body: the overlay's fields are
    /// the whole truth.
    pub replace: bool,
    /// The body is a JSON array whose items are the object the doc and the fields
    /// describe (`[{"id": .., "cidr": ..}]`), not that object itself.
    pub array: bool,
    /// The body is a JSON object used as a dictionary whose values are of this
    /// type (`{"key1": "value1"}`: `map = "string"`); `object` values are the
    /// object the fields describe. The doc's own fields of the body are dropped.
    pub map: Option<TypeExpr>,
    /// The field corrections in file order (parents first): the order decides the
    /// generated field order.
    pub fields: Vec<FieldOverlay>,
}

/// A correction to one field. Every key is optional; what is given wins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldOverlay {
    /// The field's path, `/` between levels, no segment empty.
    pub path: String,
    /// Where the path (the table's key) is written: what errors about the field point at.
    pub at: Position,
    /// The field's type.
    pub ty: Option<TypeExpr>,
    /// Absent fields fail to decode only when this is true.
    pub required: Option<bool>,
    /// `null` is a value distinct from absent.
    pub nullable: Option<bool>,
    /// Allowed string values; the field becomes an enum that still keeps unknown values.
    pub values: Option<Vec<String>>,
    /// Strings the field may hold in place of a value of its type (`or_enum`):
    /// the field becomes an enum of those strings and the value.
    pub or_values: Option<Vec<String>>,
    /// A format hint shown in the docs (`uuid`, `ipv4`, `ipv6`, `date-time`, ...).
    pub format: Option<String>,
    /// The microversion the field appears in.
    pub since: Option<Microversion>,
    /// The last microversion the field exists in.
    pub until: Option<Microversion>,
    /// The field's doc comment.
    pub description: Option<String>,
    /// Drop the field.
    pub remove: bool,
    /// The Rust field name, in place of the one made from the JSON name.
    pub rust_name: Option<String>,
}

/// An overlay's `type`: `string`, `integer`, `number`, `boolean`, `timestamp`,
/// `object`, `json`, `array<T>`, `map<T>` or `or_empty<T>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// `string`
    String,
    /// `integer`
    Integer,
    /// `number`
    Number,
    /// `boolean`
    Boolean,
    /// `timestamp`
    Timestamp,
    /// `object` (its fields come from the doc or from child paths)
    Object,
    /// `json`: any JSON value
    Json,
    /// `array<T>`
    Array(Box<TypeExpr>),
    /// `map<T>`: a JSON object used as a dictionary
    Map(Box<TypeExpr>),
    /// `or_empty<T>`: a `T`, or the empty string a server sends for none
    OrEmpty(Box<TypeExpr>),
}

impl TypeExpr {
    /// Reads a type as an overlay writes it.
    pub fn parse(text: &str) -> Result<TypeExpr, String> {
        let t = text.trim();
        let inner = |prefix: &str| {
            t.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix('>'))
                .map(TypeExpr::parse)
        };
        if let Some(item) = inner("array<") {
            return Ok(TypeExpr::Array(Box::new(item?)));
        }
        if let Some(value) = inner("map<") {
            return Ok(TypeExpr::Map(Box::new(value?)));
        }
        if let Some(value) = inner("or_empty<") {
            return Ok(TypeExpr::OrEmpty(Box::new(value?)));
        }
        Ok(match t {
            "string" => TypeExpr::String,
            "integer" => TypeExpr::Integer,
            "number" => TypeExpr::Number,
            "boolean" => TypeExpr::Boolean,
            "timestamp" => TypeExpr::Timestamp,
            "object" => TypeExpr::Object,
            "json" => TypeExpr::Json,
            other => {
                return Err(format!(
                    "unknown type `{other}` (expected string, integer, number, boolean, timestamp, object, json, array<T>, map<T> or or_empty<T>)"
                ));
            }
        })
    }
}

/// The file as TOML gives it, each value with its byte span.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverlay {
    #[serde(default)]
    operation: RawOperation,
    #[serde(default)]
    query: RawBody,
    #[serde(default)]
    request: RawBody,
    #[serde(default)]
    response: RawBody,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperation {
    name: Option<Spanned<String>>,
    min_microversion: Option<Spanned<String>>,
    max_microversion: Option<Spanned<String>>,
    service: Option<Spanned<String>>,
    #[serde(default)]
    add_status: Vec<Spanned<i64>>,
    content_type: Option<Spanned<String>>,
    response_content_type: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBody {
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    array: bool,
    map: Option<Spanned<String>>,
    #[serde(default)]
    fields: RawFieldList,
}

/// Field corrections in file order: a map that sorts its keys would not do.
#[derive(Debug, Default)]
struct RawFieldList(Vec<(Spanned<String>, RawField)>);

impl<'de> Deserialize<'de> for RawFieldList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = RawFieldList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of field paths")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFieldList, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<Spanned<String>, RawField>()? {
                    fields.push(entry);
                }
                Ok(RawFieldList(fields))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    #[serde(rename = "type")]
    ty: Option<Spanned<String>>,
    required: Option<bool>,
    nullable: Option<bool>,
    #[serde(rename = "enum")]
    values: Option<Vec<Spanned<String>>>,
    or_enum: Option<Vec<Spanned<String>>>,
    format: Option<String>,
    since: Option<Spanned<String>>,
    until: Option<Spanned<String>>,
    description: Option<String>,
    #[serde(default)]
    remove: bool,
    rust_name: Option<Spanned<String>>,
}

/// The longest service type or enum value, in bytes: both are written into
/// generated code (a header value, a variant name).
const MAX_VALUE_BYTES: usize = 128;

/// A `service = "..."` value as a service type: an alias the service-types
/// authority lists is its type (`volumev3` is `block-storage`); any other name
/// must look like a type, since it goes into a header (`OpenStack-API-Version:
/// compute 2.1`) and a constant's name: lowercase letters, digits and `-`, at most
/// [`MAX_VALUE_BYTES`] long. The error says what was expected.
pub(crate) fn service_type(name: &str) -> Result<String, String> {
    if let Some(known) = crate::services::by_name(name) {
        return Ok(known.service_type.to_owned());
    }
    let valid = !name.is_empty()
        && name.len() <= MAX_VALUE_BYTES
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "`service`: `{}` is not a service type (1 to {MAX_VALUE_BYTES} of a-z, 0-9 and `-`, like `compute`)",
            name.escape_debug()
        ))
    }
}

/// The reporter for an overlay file: its errors are [`DiagnosticKind::OverlayError`].
pub(crate) fn overlay_reporter<'a>(cx: &'a Ctxt, file: &'a str) -> FileCtxt<'a> {
    cx.file(
        file,
        DiagnosticKind::OverlayError,
        DiagnosticKind::OverlayError,
    )
}

/// Reads an overlay file from disk into `cx`.
pub fn load_overlay(cx: &Ctxt, path: &std::path::Path, file: &str) -> Option<Overlay> {
    match std::fs::read_to_string(path) {
        Ok(text) => read_overlay(cx, file, &text),
        Err(e) => {
            overlay_reporter(cx, file).file_error(format!("cannot read overlay: {e}"));
            None
        }
    }
}

/// Reads and checks an overlay's text, reporting into `cx`: a TOML or schema error
/// (one, where TOML stops), else every bad value, each at its line and column. The
/// overlay comes back only when all of it is good.
pub fn read_overlay(cx: &Ctxt, file: &str, text: &str) -> Option<Overlay> {
    cx.unit(|own| {
        let overlay = read_overlay_into(own, file, text);
        own.sort_by_place();
        overlay
    })
}

/// A TOML syntax or shape error, at the place toml's span gives (else the top).
fn report_toml_error(out: &FileCtxt<'_>, text: &str, e: &toml::de::Error, what: &str) {
    let at = e
        .span()
        .map(|span| position(text, span.start))
        .unwrap_or(Position { line: 1, column: 1 });
    out.error(
        at.line,
        at.column,
        format!("{what}: {}", e.message().trim_end()),
    );
}

fn read_overlay_into(cx: &Ctxt, file: &str, text: &str) -> Option<Overlay> {
    let out = overlay_reporter(cx, file);
    let raw = match toml::from_str::<RawOverlay>(text) {
        Ok(raw) => raw,
        Err(e) => {
            report_toml_error(&out, text, &e, "invalid overlay");
            return None;
        }
    };
    let typed = Typing { out, text };
    Some(Overlay {
        file: file.to_string(),
        operation: typed.operation(raw.operation),
        query: typed.body(raw.query),
        request: typed.body(raw.request),
        response: typed.body(raw.response),
    })
}

/// The one table of a many-overlay file (a reference overlay) that is not an
/// overlay: its name, and what it holds as read by serde (with `toml` spans).
pub(crate) trait ReservedTable: for<'de> Deserialize<'de> + Default {
    /// The table's name.
    const KEY: &'static str;
}

/// One top-level table of a many-overlay file: the name it is filed under, where
/// that name is written, and the overlay it holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NamedOverlay {
    /// The table's name (an operation name, or `*`).
    pub name: String,
    /// Where the name is written: what errors about the table point at.
    pub at: Position,
    /// The corrections, typed like a doc's overlay.
    pub overlay: Overlay,
}

/// Reads a file whose top-level tables are overlays by name, except the table
/// `S::KEY`, read as `S`. Every problem is reported into `cx` at its place; the
/// tables come back only when all of them are good.
pub(crate) fn read_named_overlays<S: ReservedTable>(
    cx: &Ctxt,
    file: &str,
    text: &str,
) -> Option<(S, Vec<NamedOverlay>)> {
    cx.unit(|own| {
        let out = overlay_reporter(own, file);
        let raw = match toml::from_str::<NamedTables<S>>(text) {
            Ok(raw) => raw,
            Err(e) => {
                report_toml_error(&out, text, &e, "invalid reference overlay");
                return None;
            }
        };
        let typed = Typing { out, text };
        let tables = raw
            .1
            .into_iter()
            .map(|(name, raw)| NamedOverlay {
                at: position(text, name.span().start),
                name: name.into_inner(),
                overlay: Overlay {
                    file: file.to_string(),
                    operation: typed.operation(raw.operation),
                    query: typed.body(raw.query),
                    request: typed.body(raw.request),
                    response: typed.body(raw.response),
                },
            })
            .collect();
        own.sort_by_place();
        Some((raw.0, tables))
    })
}

/// A many-overlay file as TOML gives it, tables in file order.
struct NamedTables<S>(S, Vec<(Spanned<String>, RawOverlay)>);

impl<'de, S: ReservedTable> Deserialize<'de> for NamedTables<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder<S>(std::marker::PhantomData<S>);
        impl<'de, S: ReservedTable> Visitor<'de> for InOrder<S> {
            type Value = NamedTables<S>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of operation names")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NamedTables<S>, A::Error> {
                let mut reserved = S::default();
                let mut tables = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.get_ref() == S::KEY {
                        reserved = map.next_value()?;
                    } else {
                        tables.push((key, map.next_value::<RawOverlay>()?));
                    }
                }
                Ok(NamedTables(reserved, tables))
            }
        }
        deserializer.deserialize_map(InOrder(std::marker::PhantomData))
    }
}

/// Reads an overlay's text on its own: the typed overlay, or every problem in it.
pub fn parse_overlay(file: &str, text: &str) -> Result<Overlay, Diagnostics> {
    let cx = Ctxt::new();
    let overlay = read_overlay(&cx, file, text);
    cx.check()?;
    overlay.ok_or_else(|| {
        Diagnostics::single(crate::diagnostic::Diagnostic::file_error(
            DiagnosticKind::OverlayError,
            file,
            "the overlay could not be read",
        ))
    })
}

/// Turns raw values into typed ones, reporting each bad one at its place.
struct Typing<'a> {
    out: FileCtxt<'a>,
    text: &'a str,
}

impl Typing<'_> {
    fn at(&self, span: std::ops::Range<usize>) -> Position {
        position(self.text, span.start)
    }

    fn error(&self, at: Position, message: String) {
        self.out.error(at.line, at.column, message);
    }

    fn microversion(&self, key: &str, raw: Option<Spanned<String>>) -> Option<Microversion> {
        let raw = raw?;
        let at = self.at(raw.span());
        match Microversion::parse(raw.get_ref()) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(at, format!("`{key}`: {e}"));
                None
            }
        }
    }

    /// A name the generator will write as a Rust identifier: checked here, at
    /// its place, so the emitter never meets one it cannot write.
    fn identifier(&self, key: &str, raw: Option<Spanned<String>>) -> Option<String> {
        let raw = raw?;
        let at = self.at(raw.span());
        let name = raw.into_inner();
        let segment = |part: &str| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && part != "_"
                && part.len() <= crate::operation_names::MAX_LEN
        };
        if name.split("::").all(segment) {
            Some(name)
        } else {
            self.error(
                at,
                format!(
                    "`{key}`: `{name}` is not a Rust path of snake_case names (`servers::reboot`: \
                     a-z, 0-9 and `_`, not starting with a digit, at most {} characters each)",
                    crate::operation_names::MAX_LEN
                ),
            );
            None
        }
    }

    /// A range's low end must not be above its high end: the endpoint would
    /// exist in no microversion. Reported at the high end.
    fn ordered(
        &self,
        (low_key, low): (&str, Option<Microversion>),
        (high_key, high): (&str, Option<Microversion>),
        high_at: Option<Position>,
    ) {
        if let (Some(low), Some(high), Some(at)) = (low, high, high_at)
            && low > high
        {
            self.error(
                at,
                format!("`{high_key}` {high} is below `{low_key}` {low}: the range is empty"),
            );
        }
    }

    /// The service type, checked by [`service_type`].
    fn service(&self, raw: Spanned<String>) -> Option<String> {
        let at = self.at(raw.span());
        match service_type(raw.get_ref()) {
            Ok(service) => Some(service),
            Err(message) => {
                self.error(at, message);
                None
            }
        }
    }

    /// Enum values (`enum`, `or_enum`) become variant names: each at most
    /// [`MAX_VALUE_BYTES`] long.
    fn values(&self, path: &str, raw: Option<Vec<Spanned<String>>>) -> Option<Vec<String>> {
        let raw = raw?;
        let mut values = Vec::with_capacity(raw.len());
        for value in raw {
            if value.get_ref().len() > MAX_VALUE_BYTES {
                self.error(
                    self.at(value.span()),
                    format!(
                        "overlay field `{path}`: an `enum` value is {} bytes long; values become Rust names and may have at most {MAX_VALUE_BYTES}",
                        value.get_ref().len()
                    ),
                );
            } else {
                values.push(value.into_inner());
            }
        }
        Some(values)
    }

    fn operation(&self, raw: RawOperation) -> OperationOverlay {
        let mut add_status = Vec::new();
        for code in raw.add_status {
            let at = self.at(code.span());
            match u16::try_from(*code.get_ref()) {
                Ok(c) if (100..600).contains(&c) => add_status.push(c),
                _ => self.error(
                    at,
                    format!(
                        "`add_status`: {} is not an HTTP status (100 to 599)",
                        code.get_ref()
                    ),
                ),
            }
        }
        let max_at = raw.max_microversion.as_ref().map(|m| self.at(m.span()));
        let min_microversion = self.microversion("min_microversion", raw.min_microversion);
        let max_microversion = self.microversion("max_microversion", raw.max_microversion);
        self.ordered(
            ("min_microversion", min_microversion),
            ("max_microversion", max_microversion),
            max_at,
        );
        OperationOverlay {
            name: self.identifier("name", raw.name),
            min_microversion,
            max_microversion,
            service: raw.service.and_then(|s| self.service(s)),
            add_status,
            content_type: self.media_type("content_type", raw.content_type),
            response_content_type: self
                .media_type("response_content_type", raw.response_content_type),
        }
    }

    /// A media type, or an error at its value.
    fn media_type(&self, key: &str, raw: Option<Spanned<String>>) -> Option<String> {
        let raw = raw?;
        let at = self.at(raw.span());
        let value = raw.into_inner();
        if crate::media_type::is_media_type(&value) {
            return Some(value);
        }
        self.error(
            at,
            format!(
                "`{key}`: `{}` is not a media type like `application/json-patch+json`",
                value.escape_debug()
            ),
        );
        None
    }

    fn body(&self, raw: RawBody) -> BodyOverlay {
        let map = raw.map.and_then(|ty| {
            let at = self.at(ty.span());
            if raw.array {
                self.error(at, "`map`: the body is already an `array`".to_string());
                return None;
            }
            TypeExpr::parse(ty.get_ref())
                .map_err(|e| self.error(at, format!("`map`: {e}")))
                .ok()
        });
        BodyOverlay {
            replace: raw.replace,
            array: raw.array,
            map,
            fields: raw
                .fields
                .0
                .into_iter()
                .filter_map(|(path, field)| self.field(path, field))
                .collect(),
        }
    }

    fn field(&self, path: Spanned<String>, raw: RawField) -> Option<FieldOverlay> {
        let at = self.at(path.span());
        let path = path.into_inner();
        if path.split('/').any(str::is_empty) {
            self.error(
                at,
                format!(
                    "overlay field `{path}`: empty path segment (paths look like `server/name`)"
                ),
            );
            return None;
        }
        let ty = raw.ty.and_then(|ty| {
            let ty_at = self.at(ty.span());
            TypeExpr::parse(ty.get_ref())
                .map_err(|e| self.error(ty_at, format!("overlay field `{path}`: {e}")))
                .ok()
        });
        let rust_name = self.identifier("rust_name", raw.rust_name);
        let until_at = raw.until.as_ref().map(|m| self.at(m.span()));
        let since = self.microversion("since", raw.since);
        let until = self.microversion("until", raw.until);
        self.ordered(("since", since), ("until", until), until_at);
        let values = self.values(&path, raw.values);
        let or_values = self.values(&path, raw.or_enum);
        Some(FieldOverlay {
            path,
            at,
            ty,
            required: raw.required,
            nullable: raw.nullable,
            values,
            or_values,
            format: raw.format,
            since,
            until,
            description: raw.description,
            remove: raw.remove,
            rust_name,
        })
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn position(text: &str, offset: usize) -> Position {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_dictionary_body_and_refuses_one_that_is_also_an_array() {
        let o = parse_overlay("x.overlay.toml", "[response]\nmap = \"string\"\n").unwrap();
        assert_eq!(o.response.map, Some(TypeExpr::String));
        assert_eq!(o.request.map, None);
        let err = parse_overlay(
            "x.overlay.toml",
            "[response]\narray = true\nmap = \"string\"\n",
        )
        .unwrap_err();
        assert_eq!(err.0[0].line, 3);
        assert!(err.0[0].message.contains("`map`"), "{}", err.0[0].message);
    }

    #[test]
    fn reads_an_array_body() {
        let o = parse_overlay(
            "x.overlay.toml",
            "[response]\nreplace = true\narray = true\n[response.fields.\"id\"]\ntype = \"string\"\n",
        )
        .unwrap();
        assert!(o.response.array && !o.request.array);
        assert_eq!(o.response.fields[0].path, "id");
    }

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
        assert_eq!(
            o.operation.max_microversion,
            Some(Microversion {
                major: 2,
                minor: 104
            })
        );
        assert!(o.request.replace);
        let f = &o.request.fields[0];
        assert_eq!(f.path, "server/description");
        assert_eq!(
            f.at,
            Position {
                line: 9,
                column: 17
            }
        );
        assert_eq!(f.ty, Some(TypeExpr::String));
        assert_eq!(f.nullable, Some(true));
        assert_eq!(f.since.map(|v| v.to_string()).as_deref(), Some("2.19"));
        assert!(!o.response.replace);
    }

    #[test]
    fn keeps_file_order() {
        let o = parse_overlay(
            "o.toml",
            "[response.fields.\"server\"]\ntype = \"object\"\n[response.fields.\"server/b\"]\ntype = \"string\"\n[response.fields.\"server/a\"]\ntype = \"string\"\n",
        )
        .unwrap();
        let paths: Vec<_> = o.response.fields.iter().map(|f| f.path.as_str()).collect();
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
        assert_eq!((d.file.as_deref(), d.line), (Some("x.overlay.toml"), 4));
        assert_eq!(d.kind, DiagnosticKind::OverlayError);
        assert!(d.message.contains("nulable"), "{}", d.message);
    }

    #[test]
    fn bad_values_point_at_the_value_not_at_a_comment() {
        let err = parse_overlay(
            "o.toml",
            "# min_microversion is the lowest\n[operation]\nmin_microversion = \"2.x\"\nadd_status = [406, 42]\n[request.fields.\"a//b\"]\ntype = \"string\"\n[request.fields.\"c\"]\ntype = \"strin\"\nsince = \"two\"\n",
        )
        .unwrap_err();
        let found: Vec<(usize, usize, &str)> = err
            .0
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(found.len(), 5, "{err}");
        assert_eq!((found[0].0, found[0].1), (3, 20), "{err}");
        assert!(found[0].2.contains("`min_microversion`: `2.x`"), "{err}");
        assert_eq!((found[1].0, found[1].1), (4, 20), "{err}");
        assert!(found[1].2.contains("42 is not an HTTP status"), "{err}");
        assert_eq!((found[2].0, found[2].1), (5, 17), "{err}");
        assert!(found[2].2.contains("empty path segment"), "{err}");
        assert_eq!((found[3].0, found[3].1), (8, 8), "{err}");
        assert!(found[3].2.contains("unknown type `strin`"), "{err}");
        assert_eq!((found[4].0, found[4].1), (9, 9), "{err}");
    }

    /// Values that would fail only at the first call, or make an
    /// endpoint or field exist in no microversion, are refused at their place.
    #[test]
    fn hostile_operation_values_are_refused_at_their_place() {
        let text = "[operation]\nmin_microversion = \"2.90\"\nmax_microversion = \"2.10\"\n\
                    add_status = [0, 600, 65535]\nservice = \"compute\\r\\nX-Evil: 1\"\n\
                    [response.fields.a]\nsince = \"2.5\"\nuntil = \"2.1\"\n\
                    enum = [\"ok\", \"LONG\"]\n"
            .replace("LONG", &"v".repeat(MAX_VALUE_BYTES + 1));
        let err = parse_overlay("o.toml", &text).unwrap_err();
        let found: Vec<(usize, usize, &str)> = err
            .0
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(found.len(), 7, "{err}");
        assert_eq!((found[0].0, found[0].1), (3, 20), "{err}");
        assert!(
            found[0]
                .2
                .contains("`max_microversion` 2.10 is below `min_microversion` 2.90"),
            "{err}"
        );
        for (i, code) in [(1, "0"), (2, "600"), (3, "65535")] {
            assert_eq!(found[i].0, 4, "{err}");
            assert!(
                found[i]
                    .2
                    .contains(&format!("{code} is not an HTTP status")),
                "{err}"
            );
        }
        assert_eq!((found[4].0, found[4].1), (5, 11), "{err}");
        assert!(found[4].2.contains("is not a service type"), "{err}");
        assert!(found[4].2.contains("compute\\r\\nX-Evil"), "{err}");
        assert_eq!((found[5].0, found[5].1), (8, 9), "{err}");
        assert!(
            found[5].2.contains("`until` 2.1 is below `since` 2.5"),
            "{err}"
        );
        assert_eq!((found[6].0, found[6].1), (9, 15), "{err}");
        assert!(found[6].2.contains("at most 128"), "{err}");

        let good = parse_overlay(
            "o.toml",
            "[operation]\nmin_microversion = \"2.1\"\nmax_microversion = \"2.1\"\nservice = \"block-storage\"\n",
        )
        .expect("a one-version range and a hyphenated service are fine");
        assert_eq!(good.operation.service.as_deref(), Some("block-storage"));
    }

    #[test]
    fn names_must_be_rust_names() {
        let err = parse_overlay(
            "o.toml",
            "[operation]\nname = \"update-server\"\n[request.fields.\"a\"]\ntype = \"string\"\nrust_name = \"1a\"\n",
        )
        .unwrap_err();
        let found: Vec<(usize, usize)> = err.0.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(found, [(2, 8), (5, 13)], "{err}");
        assert!(err.0[0].message.contains("`update-server`"), "{err}");
        let ok = parse_overlay(
            "o.toml",
            "[request.fields.\"type\"]\ntype = \"string\"\nrust_name = \"kind_2\"\n",
        )
        .unwrap();
        assert_eq!(ok.request.fields[0].rust_name.as_deref(), Some("kind_2"));
    }

    #[test]
    fn nested_types_parse() {
        assert_eq!(
            TypeExpr::parse("map<array<object>>"),
            Ok(TypeExpr::Map(Box::new(TypeExpr::Array(Box::new(
                TypeExpr::Object
            )))))
        );
        assert!(TypeExpr::parse("array<strin>").is_err());
    }

    #[test]
    fn bad_toml_is_an_error_not_a_panic() {
        let err = parse_overlay("o.toml", "[request\n").unwrap_err();
        assert_eq!(err.0[0].line, 1);
    }
}
