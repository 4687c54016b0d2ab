//! From an os-api-ref [`Operation`] to an [`Endpoint`].
//!
//! Nesting in this format comes from two places. A dotted name (`flavor.id`) says
//! its parent outright: the longest earlier name that is a prefix before a dot (a
//! name with a dot and no such parent is a key whose real name holds a dot). A
//! plain name says nothing, so, as for grid tables, the samples give the structure
//! (every key they show becomes a field, nested as shown, typed by the value seen,
//! except that a value seen only as `null` or `[]` takes the parameter's type) and
//! each key takes the first unused parameter of its name: among the dotted children
//! of its parent's parameter first, then among plain names from the parent's line
//! on. Parameters no sample shows are placed after: a dotted one under its parent,
//! a plain one in the body's main object (the single object at the top, like
//! `server`). Each field carries the parameter's description, `min_version` (as
//! `since`) and `max_version` (as `until`).

use std::collections::HashSet;

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind};
use crate::method::Method;
use crate::overlay::{BodyOverlay, overlay_reporter};
use crate::parse::ExampleKind;
use crate::parse::os_api_ref::{In, Operation, ParamUse, Section};
use crate::reference_overlay::ReferenceOverlay;

use super::doc_type::{format_from_doc_type, scalar_from_doc_type};
use super::endpoint::{Body, Endpoint, Field, FieldType, HeaderParam, Object, PathParam, Status};
use super::overlay_apply::apply_fields;
use super::shape::{Kind, Shape};
use crate::text::trim;

/// The model of one operation, reporting into `cx`: warnings say what could not
/// be placed; an unknown method is an error, and gives no endpoint.
pub fn build_reference_endpoint(cx: &Ctxt, op: &Operation) -> Option<Endpoint> {
    // The reader took any HTTP token: a reference may name an extension method.
    let Some(method) = Method::from_token(&op.method) else {
        cx.file(
            &op.file,
            DiagnosticKind::ModelError,
            DiagnosticKind::ModelError,
        )
        .error(
            op.line,
            1,
            format!(
                "`{}` is not an HTTP method: expected {} or another RFC 7230 token",
                op.method,
                Method::accepted()
            ),
        );
        return None;
    };
    // The nesting rules below collect their warnings in a list (as written for
    // os-api-ref before the one context); they join `cx` at the end.
    let mut warnings = Vec::new();
    let path_params = path_params(op);
    let mut query = Object::default();
    for p in op
        .params
        .iter()
        .filter(|p| p.parameter.location == In::Query)
    {
        if query.field(&p.name).is_some() {
            continue;
        }
        query.fields.push(field_from_param(&p.name, p));
    }
    let request_headers = headers(op, Section::Request, &mut warnings);
    let response_headers = headers(op, Section::Response, &mut warnings);
    let request = body(op, Section::Request, ExampleKind::Request, &mut warnings);
    let response = body(op, Section::Response, ExampleKind::Response, &mut warnings);
    let statuses = op
        .codes
        .iter()
        .map(|c| Status {
            code: c.code,
            name: c.name.clone(),
        })
        .collect();
    let endpoint = Endpoint {
        file: op.file.clone(),
        overlay_file: None,
        title: op.title.clone(),
        description: op.description.clone(),
        method_line: op.line,
        method,
        path: op.path.clone(),
        name: crate::names::endpoint_name(&op.title),
        path_params,
        query: (!query.fields.is_empty()).then_some(query),
        request,
        response,
        statuses,
        service: super::DEFAULT_SERVICE.to_string(),
        min_microversion: None,
        max_microversion: None,
        check_field_versions: true,
        request_headers,
        response_headers,
    };
    cx.extend(warnings);
    Some(endpoint)
}

/// Headers the runtime sends or reads itself: a reference lists them, the
/// generated code leaves them to the client (the token and the microversion on
/// the way out; the request id and the microversion, `Response::request_id` and
/// `Response::microversion`, on the way back).
const RUNTIME_REQUEST_HEADERS: &[&str] = &[
    "x-auth-token",
    "openstack-api-version",
    "x-openstack-nova-api-version",
];
const RUNTIME_RESPONSE_HEADERS: &[&str] = &[
    "x-openstack-request-id",
    "x-compute-request-id",
    "openstack-api-version",
    "x-openstack-nova-api-version",
];

/// The section's `in: header` parameters the caller gives or reads, in list
/// order, once each. One whose name is no HTTP header name cannot be sent or read:
/// a warning says so, where the list names it.
fn headers(op: &Operation, section: Section, warnings: &mut Vec<Diagnostic>) -> Vec<HeaderParam> {
    let owned = match section {
        Section::Request => RUNTIME_REQUEST_HEADERS,
        Section::Response => RUNTIME_RESPONSE_HEADERS,
    };
    let mut out: Vec<HeaderParam> = Vec::new();
    for p in op
        .params
        .iter()
        .filter(|p| p.parameter.location == In::Header && p.section == section)
    {
        let lower = p.name.to_ascii_lowercase();
        if owned.contains(&lower.as_str())
            || out.iter().any(|h| h.name.eq_ignore_ascii_case(&p.name))
        {
            continue;
        }
        let is_token = !p.name.is_empty()
            && p.name.len() <= 128
            && p.name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
        if !is_token {
            warnings.push(
                Diagnostic::warning(
                    &p.file,
                    p.line,
                    p.column,
                    format!(
                        "header `{}` is not an HTTP header name (letters, digits and \
                         `-`); it is left out of the generated code",
                        p.name.escape_debug()
                    ),
                )
                .with_kind(DiagnosticKind::UnplacedRow),
            );
            continue;
        }
        out.push(HeaderParam {
            name: p.name.clone(),
            description: plain_paragraphs(&p.parameter.description),
            required: p.parameter.required,
            since: p.parameter.min_version,
            until: p.parameter.max_version,
        });
    }
    out
}

fn path_params(op: &Operation) -> Vec<PathParam> {
    let mut params = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        let description = op
            .params
            .iter()
            .find(|p| p.parameter.location == In::Path && p.name == name)
            .map(|p| p.parameter.description.clone())
            .unwrap_or_default();
        params.push(PathParam {
            name: name.to_string(),
            description,
        });
        rest = &after[close + 1..];
    }
    params
}

fn field_from_param(json_name: &str, p: &ParamUse) -> Field {
    let mut field = Field::new(json_name, scalar_from_doc_type(&p.parameter.ty));
    describe(&mut field, p);
    field
}

fn describe(field: &mut Field, p: &ParamUse) {
    field.description = plain_paragraphs(&p.parameter.description);
    field.format = p
        .parameter
        .format
        .clone()
        .filter(|f| f != "regexp")
        .or_else(|| format_from_doc_type(&p.parameter.ty));
    field.since = p.parameter.min_version;
    field.until = p.parameter.max_version;
}

/// RST prose as plain paragraphs: lines trimmed and joined, blank lines kept
/// between paragraphs, so that an indented RST block never becomes a Rust code
/// block (a doctest) in the generated docs.
fn plain_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for paragraph in text.split("\n\n") {
        let mut lines = paragraph.lines().map(trim).filter(|l| !l.is_empty());
        let Some(first) = lines.next() else {
            continue;
        };
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(first);
        for line in lines {
            out.push(' ');
            out.push_str(line);
        }
    }
    out
}

/// A body parameter with its place: its explicit parent row (dotted names) and the
/// JSON name of its own level.
struct Row<'a> {
    param: &'a ParamUse,
    leaf: String,
    parent: Option<usize>,
}

fn rows_of<'a>(params: &[&'a ParamUse]) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = Vec::with_capacity(params.len());
    for p in params {
        let name = p.name.as_str();
        // The longest earlier name that is this name's prefix before a dot.
        let parent = name
            .char_indices()
            .filter(|(_, c)| *c == '.')
            .map(|(i, _)| i)
            .rev()
            .find_map(|dot| {
                let prefix = &name[..dot];
                rows.iter()
                    .rposition(|r| r.param.name == prefix)
                    .map(|at| (at, dot))
            });
        let (leaf, parent) = match parent {
            Some((at, dot)) => (name[dot + 1..].to_string(), Some(at)),
            None => (name.to_string(), None),
        };
        rows.push(Row {
            param: p,
            leaf,
            parent,
        });
    }
    rows
}

fn body(
    op: &Operation,
    section: Section,
    kind: ExampleKind,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Body> {
    let params: Vec<&ParamUse> = op
        .params
        .iter()
        .filter(|p| p.parameter.location == In::Body && p.section == section)
        .collect();
    let samples: Vec<&serde_json::Value> = op
        .samples
        .iter()
        .filter(|s| s.kind == kind)
        .filter_map(|s| s.value.as_ref())
        .collect();
    let shape = samples.iter().map(|v| Shape::of(v)).reduce(Shape::merge);
    let rows = rows_of(&params);
    let mut nester = Nester {
        names: rows.iter().map(|r| r.leaf.clone()).collect(),
        rows,
        used: vec![false; params.len()],
        paths: vec![None; params.len()],
        sampled: HashSet::new(),
        samples: &samples,
        warnings,
    };
    let mut root = match &shape {
        Some(shape) => nester.object_from_shape(shape.object_keys(), Parent::Top, &[]),
        None => Object::default(),
    };
    nester.place_unused(&mut root);
    if samples.is_empty() {
        // No sample to show the wrapper: the first parameter, when it is a
        // required object holding the others, is it.
        let wrapper = root.fields.len() == 1
            && matches!(root.fields[0].ty, FieldType::Object(_))
            && params
                .first()
                .is_some_and(|row| row.name == root.fields[0].json_name && row.parameter.required);
        if wrapper {
            root.fields[0].required = true;
        }
    } else {
        root.mark_wrapper_required(&samples);
    }
    (!root.fields.is_empty()).then_some(Body { object: root })
}

#[derive(Debug, Clone, Copy)]
enum Parent {
    Top,
    Row(usize),
    Unknown,
}

struct Nester<'a, 'w> {
    rows: Vec<Row<'a>>,
    /// The body's samples, for a place whose merged shape is mixed: they are
    /// looked at again there, one value at a time.
    samples: &'w [&'w serde_json::Value],
    names: HashSet<String>,
    used: Vec<bool>,
    /// Where each claimed or placed row's field is (JSON names from the top).
    paths: Vec<Option<Vec<String>>>,
    /// Fields whose type a sample gave: a parameter never turns them into objects.
    sampled: HashSet<Vec<String>>,
    warnings: &'w mut Vec<Diagnostic>,
}

impl Nester<'_, '_> {
    fn object_from_shape(
        &mut self,
        keys: &[(String, Shape)],
        parent: Parent,
        at: &[String],
    ) -> Object {
        // The parent's block ends at the next row claimed before this level's own
        // claims, so that one key's claim does not shrink its siblings' block.
        let n = self.rows.len();
        let end = match parent {
            Parent::Row(p) => (p + 1..n).find(|&i| self.used[i]).unwrap_or(n),
            _ => n,
        };
        let claimed: Vec<Option<usize>> = keys
            .iter()
            .map(|(key, _)| self.claim(key, parent, end))
            .collect();
        let mut object = Object::default();
        for ((key, shape), row) in keys.iter().zip(claimed) {
            let mut path = at.to_vec();
            path.push(key.clone());
            self.sampled.insert(path.clone());
            if let Some(i) = row {
                self.paths[i] = Some(path.clone());
            }
            let doc_type = row.map_or(String::new(), |i| self.rows[i].param.parameter.ty.clone());
            if let Some(i) = row {
                self.check_type(i, shape);
            }
            let ty = self.type_from_shape(key, shape, &doc_type, row, &path);
            let mut field = Field::new(key.clone(), ty);
            field.nullable = shape.null;
            if let Some(i) = row {
                describe(&mut field, self.rows[i].param);
            }
            object.fields.push(field);
        }
        object
    }

    /// The row describing `key` under `parent`: an unused dotted child of the
    /// parent's row, else an unused plain row of that name (from the parent's row
    /// on, up to the next claimed row; anywhere for the top level).
    fn claim(&mut self, key: &str, parent: Parent, end: usize) -> Option<usize> {
        let n = self.rows.len();
        let found = match parent {
            Parent::Top => (0..n).find(|&i| {
                !self.used[i] && self.rows[i].parent.is_none() && self.rows[i].leaf == key
            }),
            Parent::Row(p) => (0..n)
                .find(|&i| {
                    !self.used[i] && self.rows[i].parent == Some(p) && self.rows[i].leaf == key
                })
                .or_else(|| {
                    (p + 1..end).find(|&i| {
                        !self.used[i] && self.rows[i].parent.is_none() && self.rows[i].leaf == key
                    })
                }),
            Parent::Unknown => None,
        };
        if let Some(i) = found {
            self.used[i] = true;
        }
        found
    }

    fn type_from_shape(
        &mut self,
        key: &str,
        shape: &Shape,
        doc_type: &str,
        row: Option<usize>,
        path: &[String],
    ) -> FieldType {
        let from_doc = scalar_from_doc_type(doc_type);
        match &shape.kind {
            Kind::Unknown => from_doc,
            Kind::Mixed => match self.structure_or_strings(&from_doc, path) {
                Some((shape, strings)) => FieldType::OneOf(
                    Box::new(self.type_from_shape(key, &shape, doc_type, row, path)),
                    strings,
                ),
                None => FieldType::Json,
            },
            Kind::Bool => FieldType::Boolean,
            Kind::Integer if from_doc == FieldType::Number => FieldType::Number,
            Kind::Integer => FieldType::Integer,
            Kind::Number => FieldType::Number,
            Kind::String if from_doc == FieldType::Timestamp => FieldType::Timestamp,
            Kind::String => FieldType::String,
            // An item or value seen as `null` too has no typed form inside a
            // container (`Option` is a field's property here): it stays JSON.
            Kind::Array(item) => FieldType::Array(Box::new(match item.kind {
                Kind::Unknown => FieldType::Json,
                _ if item.null => FieldType::Json,
                _ => self.type_from_shape("", item, "", row, path),
            })),
            Kind::Object(keys) if self.is_dictionary(key, doc_type, keys) => {
                let values = keys
                    .iter()
                    .map(|(_, s)| s.clone())
                    .fold(Shape::unknown(), Shape::merge);
                FieldType::Map(Box::new(match values.kind {
                    Kind::Unknown => FieldType::Json,
                    _ if values.null => FieldType::Json,
                    _ => self.type_from_shape("", &values, "", row, path),
                }))
            }
            Kind::Object(keys) => FieldType::Object(self.object_from_shape(
                keys,
                row.map_or(Parent::Unknown, Parent::Row),
                path,
            )),
        }
    }

    /// At a place the samples show both as the parameter's container kind (array or
    /// object) and as strings, the container's merged shape and the strings seen,
    /// in first-seen order: the value is "an X, or one of these strings", which
    /// only a description says (Nova's `networks`: a list, or `"auto"`).
    fn structure_or_strings(
        &self,
        from_doc: &FieldType,
        path: &[String],
    ) -> Option<(Shape, Vec<String>)> {
        if !matches!(from_doc, FieldType::Array(_) | FieldType::Map(_)) {
            return None;
        }
        let mut values = Vec::new();
        for sample in self.samples {
            values_at(sample, path, &mut values);
        }
        let mut strings: Vec<String> = Vec::new();
        let mut shape = Shape::unknown();
        for value in values {
            match value {
                serde_json::Value::String(s) => {
                    if !strings.contains(s) {
                        strings.push(s.clone());
                    }
                }
                serde_json::Value::Null => {}
                other => shape = shape.merge(Shape::of(other)),
            }
        }
        let container = matches!(
            (&shape.kind, from_doc),
            (Kind::Array(_), FieldType::Array(_)) | (Kind::Object(_), FieldType::Map(_))
        );
        (container && !strings.is_empty()).then_some((shape, strings))
    }

    /// Where a parameter's type names a definite kind that the samples contradict,
    /// says so (the samples win; `apiref lint` shows it as the doc's mistake).
    fn check_type(&mut self, row: usize, shape: &Shape) {
        let param = self.rows[row].param;
        let doc_type = param.parameter.ty.as_str();
        let from_doc = scalar_from_doc_type(doc_type);
        if matches!(shape.kind, Kind::Mixed) && from_doc == FieldType::Json {
            return;
        }
        let Some(seen) = shape.kind.described() else {
            return;
        };
        let path = self.paths[row].clone().unwrap_or_default();
        if matches!(shape.kind, Kind::Mixed)
            && let Some((_, strings)) = self.structure_or_strings(&from_doc, &path)
        {
            let strings: Vec<String> = strings.iter().map(|s| format!("{s:?}")).collect();
            self.warnings.push(
                Diagnostic::warning(
                    &param.file,
                    param.line,
                    param.column,
                    format!(
                        "`{}` is `type: {doc_type}` in `{}` but the samples also show the \
                         string {}; the generated type is an enum of both (list every \
                         allowed string with `or_enum` in an overlay)",
                        param.name,
                        param.key,
                        strings.join(", ")
                    ),
                )
                .with_kind(DiagnosticKind::TypeFromExample),
            );
            return;
        }
        let agrees = shape.kind.fits(&from_doc);
        if !agrees {
            self.warnings.push(
                Diagnostic::warning(
                    &param.file,
                    param.line,
                    param.column,
                    format!(
                        "`{}` is `type: {doc_type}` in `{}` but the samples show {seen}; \
                         the generated type follows the samples",
                        param.name, param.key
                    ),
                )
                .with_kind(DiagnosticKind::TypeFromExample),
            );
        }
    }

    /// An object whose keys are no parameter names is a dictionary when its
    /// parameter says object and has no dotted children, it is `metadata`, or a key
    /// cannot be an identifier.
    fn is_dictionary(&self, key: &str, doc_type: &str, keys: &[(String, Shape)]) -> bool {
        if keys.iter().any(|(k, _)| self.names.contains(k)) {
            return false;
        }
        let says_object = matches!(scalar_from_doc_type(doc_type), FieldType::Map(_));
        let not_identifiers = keys
            .iter()
            .any(|(k, _)| !k.chars().all(|c| c.is_alphanumeric() || "_-:.".contains(c)));
        keys.is_empty() || says_object || key == "metadata" || not_identifiers
    }

    /// Rows no sample shows: dotted ones under their parent, plain ones in the main
    /// object.
    fn place_unused(&mut self, root: &mut Object) {
        // The main object: the sample's single wrapper, else (no sample at all) a
        // leading object or array parameter, since the lists name the wrapper first.
        let first_row = self.rows.first().filter(|r| r.parent.is_none());
        let main: Option<String> = match root.fields.as_slice() {
            [only] if matches!(only.ty, FieldType::Object(_)) => Some(only.json_name.clone()),
            [] => first_row
                .filter(|r| {
                    matches!(
                        scalar_from_doc_type(&r.param.parameter.ty),
                        FieldType::Map(_) | FieldType::Array(_)
                    )
                })
                .map(|r| r.leaf.clone()),
            // Several keys at the top (`server` and `os:scheduler_hints`): the
            // first parameter names the wrapper, if the samples show it as one.
            fields => first_row.map(|r| r.leaf.clone()).filter(|name| {
                fields
                    .iter()
                    .any(|f| f.json_name == *name && matches!(f.ty, FieldType::Object(_)))
            }),
        };
        for i in 0..self.rows.len() {
            if self.used[i] {
                continue;
            }
            self.used[i] = true;
            let row = &self.rows[i];
            let target = match (row.parent, &main) {
                (Some(p), _) => match &self.paths[p] {
                    Some(path) => path.clone(),
                    None => continue, // its parent could not be placed: reported there
                },
                (None, Some(m)) if *m != row.leaf => vec![m.clone()],
                (None, _) => Vec::new(),
            };
            let param = row.param;
            let leaf = row.leaf.clone();
            // A parent that a sample shows as a dictionary: its dotted children
            // describe the entries (`key`, `value`), which the map type holds.
            if row.parent.is_some() && is_map_at(root, &target) {
                continue;
            }
            let placed = match object_at(root, &target, !self.sampled.contains(&target)) {
                Some(object) if object.field(&leaf).is_none() => {
                    object.fields.push(field_from_param(&leaf, param));
                    true
                }
                _ => false,
            };
            if placed {
                let mut path = target;
                path.push(leaf);
                self.paths[i] = Some(path);
            } else {
                self.warnings.push(
                    Diagnostic::warning(
                        &param.file,
                        param.line,
                        param.column,
                        format!(
                            "`{}` is in no sample and cannot be placed (its name is taken \
                             where it would go, or its parent holds no object); its values \
                             are kept in `extra`",
                            param.name
                        ),
                    )
                    .with_kind(DiagnosticKind::UnplacedRow),
                );
            }
        }
    }
}

/// Every value at `path` (JSON names from the top) in `value`, arrays on the way
/// passed through: what a field's samples hold, one by one.
fn values_at<'v>(
    value: &'v serde_json::Value,
    path: &[String],
    out: &mut Vec<&'v serde_json::Value>,
) {
    let Some((first, rest)) = path.split_first() else {
        out.push(value);
        return;
    };
    match value {
        serde_json::Value::Object(map) => {
            if let Some(v) = map.get(first) {
                values_at(v, rest, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                values_at(item, path, out);
            }
        }
        _ => {}
    }
}

/// The object at `path` (JSON names through objects, arrays and maps), turning the
/// last field, if `convert` and it is an untyped object or array, into one that can
/// hold fields.
fn object_at<'o>(root: &'o mut Object, path: &[String], convert: bool) -> Option<&'o mut Object> {
    let Some((first, rest)) = path.split_first() else {
        return Some(root);
    };
    let field = root.field_mut(first)?;
    let here = convert && rest.is_empty();
    if !here {
        // Walk through without changing types.
    } else if is_untyped_map(&field.ty) {
        field.ty = FieldType::Object(Object::default());
    } else if field.ty == FieldType::Array(Box::new(FieldType::Json)) {
        field.ty = FieldType::Array(Box::new(FieldType::Object(Object::default())));
    }
    let mut ty = &mut field.ty;
    if let FieldType::OneOf(inner, _) = ty {
        ty = inner.as_mut();
    }
    match ty {
        FieldType::Object(o) => object_at(o, rest, convert),
        FieldType::Array(item) => match item.as_mut() {
            FieldType::Object(o) => object_at(o, rest, convert),
            _ => None,
        },
        _ => None,
    }
}

fn is_untyped_map(ty: &FieldType) -> bool {
    matches!(ty, FieldType::Json) || matches!(ty, FieldType::Map(v) if **v == FieldType::Json)
}

fn is_map_at(root: &Object, path: &[String]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut object = root;
    for name in parents {
        match object.field(name).and_then(|f| f.ty.inner_object()) {
            Some(o) => object = o,
            None => return false,
        }
    }
    // Only a dictionary a sample showed: a parameter's bare `object` type is
    // untyped until its children give it fields.
    matches!(object.field(last).map(|f| &f.ty), Some(FieldType::Map(_)))
        && !is_untyped_map(object.field(last).map_or(&FieldType::String, |f| &f.ty))
}

/// Applies a reference overlay to the named endpoints of a reference (after
/// naming): `*` applies to every endpoint of the reference. Errors point into the
/// overlay, at the operation's table or the field's path.
pub fn apply_reference_overlay(cx: &Ctxt, endpoints: &mut [Endpoint], overlay: &ReferenceOverlay) {
    let out = overlay_reporter(cx, &overlay.file);
    let settings = &overlay.settings;
    if let Some(prefix) = &settings.path_prefix {
        for e in endpoints.iter_mut() {
            e.path = format!("{prefix}{}", e.path);
        }
    }
    if let Some(service) = &settings.service {
        for e in endpoints.iter_mut() {
            e.service = service.clone();
        }
    }
    for named in &overlay.operations {
        let (name, at, fix) = (&named.name, named.at, &named.overlay);
        let targets: Vec<usize> = endpoints
            .iter()
            .enumerate()
            .filter(|(_, e)| name == "*" || e.name == *name)
            .map(|(i, _)| i)
            .collect();
        if targets.is_empty() {
            out.error(
                at.line,
                at.column,
                format!("no operation named `{name}` in the reference"),
            );
            continue;
        }
        for i in targets {
            let e = &mut endpoints[i];
            e.overlay_file = Some(overlay.file.clone());
            let mut query = e.query.take().unwrap_or_default();
            apply_body(cx, &overlay.file, &mut query, &fix.query);
            e.query = (!query.fields.is_empty()).then_some(query);
            for (body, with) in [
                (&mut e.request, &fix.request),
                (&mut e.response, &fix.response),
            ] {
                let mut object = body.take().map(|b| b.object).unwrap_or_default();
                apply_body(cx, &overlay.file, &mut object, with);
                *body = (!object.fields.is_empty()).then_some(Body { object });
            }
            let ops = &fix.operation;
            if ops.min_microversion.is_some() {
                e.min_microversion = ops.min_microversion;
            }
            if ops.max_microversion.is_some() {
                e.max_microversion = ops.max_microversion;
            }
            if let Some(service) = &ops.service {
                e.service = service.clone();
            }
            for &code in &ops.add_status {
                if !e.statuses.iter().any(|s| s.code == code) {
                    e.statuses.push(Status {
                        code,
                        name: String::new(),
                    });
                }
            }
            if let Some(new_name) = &ops.name {
                e.name = new_name.clone();
            }
        }
        if let Some(new_name) = &fix.operation.name
            && endpoints.iter().filter(|e| e.name == *new_name).count() > 1
        {
            out.error(
                at.line,
                at.column,
                format!("`name = \"{new_name}\"` is already the name of another operation"),
            );
        }
    }
}

fn apply_body(cx: &Ctxt, file: &str, object: &mut Object, fix: &BodyOverlay) {
    if fix.replace {
        object.fields.clear();
    }
    apply_fields(overlay_reporter(cx, file), object, &fix.fields);
}

#[cfg(test)]
mod tests;
