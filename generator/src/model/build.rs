//! From a parsed doc and its overlay to an [`Endpoint`].

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::overlay::{BodyOverlay, LoadedOverlay};
use crate::parse::{ExampleKind, ParamRow, ParsedDoc, TableKind};

use super::doc_type::{format_from_doc_type, scalar_from_doc_type};
use super::nesting::nest;
use super::overlay_apply::{OverlaySource, apply_fields};
use super::shape::Shape;
use super::{Body, Endpoint, Field, FieldType, ModelWarning, Object, PathParam, Status};

/// The model of one doc. Warnings (doubtful input that still generates) come back
/// beside the endpoint; errors stop it.
pub fn build_endpoint(
    doc: &ParsedDoc,
    overlay: Option<&LoadedOverlay>,
) -> Result<(Endpoint, Vec<ModelWarning>), Diagnostics> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let ops = overlay.map(|o| &o.overlay.operation);
    let source = overlay.map(|o| OverlaySource {
        file: &o.file,
        text: &o.text,
    });

    let path_params = path_params(doc);
    let statuses = statuses(doc, overlay, &mut errors);

    let query_rows: Vec<ParamRow> = doc.params_of(TableKind::Query).cloned().collect();
    let query = {
        let mut object = Object {
            fields: query_rows.iter().map(field_from_row).collect(),
        };
        if let (Some(o), Some(src)) = (overlay, &source) {
            apply_body_overlay(&mut object, &o.overlay.query, src, &mut errors);
        }
        (!object.fields.is_empty()).then_some(object)
    };

    let request = body(
        doc,
        TableKind::RequestBody,
        ExampleKind::Request,
        overlay.map(|o| &o.overlay.request),
        source.as_ref(),
        &mut warnings,
        &mut errors,
    );
    let response = body(
        doc,
        TableKind::ResponseBody,
        ExampleKind::Response,
        overlay.map(|o| &o.overlay.response),
        source.as_ref(),
        &mut warnings,
        &mut errors,
    );

    let mut microversion = |text: Option<&String>, what: &str| -> Option<(u16, u16)> {
        let text = text?;
        match parse_microversion(text) {
            Ok(v) => Some(v),
            Err(e) => {
                if let Some(src) = &source {
                    errors.push(Diagnostic::error(
                        src.file,
                        line_containing(src.text, what),
                        1,
                        format!("`{what}`: {e}"),
                    ));
                }
                None
            }
        }
    };
    let min_microversion = microversion(
        ops.and_then(|o| o.min_microversion.as_ref()),
        "min_microversion",
    );
    let max_microversion = microversion(
        ops.and_then(|o| o.max_microversion.as_ref()),
        "max_microversion",
    );

    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    let name = ops
        .and_then(|o| o.name.clone())
        .unwrap_or_else(|| crate::names::endpoint_name(&doc.title));
    Ok((
        Endpoint {
            file: doc.file.clone(),
            overlay_file: overlay.map(|o| o.file.clone()),
            title: doc.title.clone(),
            description: doc.description.clone(),
            method: doc.method.clone(),
            path: doc.path.clone(),
            name,
            path_params,
            query,
            request,
            response,
            statuses,
            service: ops
                .and_then(|o| o.service.clone())
                .unwrap_or_else(|| "compute".to_string()),
            min_microversion,
            max_microversion,
            check_field_versions: false,
        },
        warnings,
    ))
}

/// `"2.19"` -> `(2, 19)`.
pub fn parse_microversion(text: &str) -> Result<(u16, u16), String> {
    let bad = || format!("`{text}` is not a microversion like \"2.19\"");
    let (major, minor) = text.trim().split_once('.').ok_or_else(bad)?;
    Ok((
        major.parse().map_err(|_| bad())?,
        minor.parse().map_err(|_| bad())?,
    ))
}

fn line_containing(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(1, |i| i + 1)
}

/// Placeholders come from the path itself: it is what the server routes on, and a
/// URI table may list a body parameter by mistake.
fn path_params(doc: &ParsedDoc) -> Vec<PathParam> {
    let mut params = Vec::new();
    let mut rest = doc.path.as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        let description = doc
            .params_of(TableKind::Uri)
            .find(|r| r.name.trim_matches(|c| c == '{' || c == '}') == name)
            .map(|r| r.description.clone())
            .unwrap_or_default();
        params.push(PathParam {
            name: name.to_string(),
            description,
        });
        rest = &after[close + 1..];
    }
    params
}

fn statuses(
    doc: &ParsedDoc,
    overlay: Option<&LoadedOverlay>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Status> {
    let mut statuses: Vec<Status> = Vec::new();
    for table in doc.tables_of(TableKind::ResponseCodes) {
        for row in table.codes() {
            match row.code.trim().parse::<u16>() {
                Ok(code) if (100..600).contains(&code) => {
                    if !statuses.iter().any(|s| s.code == code) {
                        statuses.push(Status {
                            code,
                            name: row.name.clone(),
                        });
                    }
                }
                _ => errors.push(Diagnostic::error(
                    &doc.file,
                    row.line,
                    2,
                    format!("response code `{}` is not an HTTP status", row.code),
                )),
            }
        }
    }
    for &code in overlay.map_or(&[][..], |o| &o.overlay.operation.add_status[..]) {
        if !statuses.iter().any(|s| s.code == code) {
            statuses.push(Status {
                code,
                name: String::new(),
            });
        }
    }
    statuses
}

fn field_from_row(row: &ParamRow) -> Field {
    let mut field = Field::new(row.name.clone(), scalar_from_doc_type(&row.ty));
    field.description = row.description.clone();
    field.format = format_from_doc_type(&row.ty);
    field
}

#[allow(clippy::too_many_arguments)]
fn body(
    doc: &ParsedDoc,
    table: TableKind,
    example: ExampleKind,
    overlay: Option<&BodyOverlay>,
    source: Option<&OverlaySource<'_>>,
    warnings: &mut Vec<ModelWarning>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Body> {
    let replace = overlay.is_some_and(|o| o.replace);
    let mut object = if replace {
        Object::default()
    } else {
        let rows: Vec<ParamRow> = doc.params_of(table).cloned().collect();
        let examples: Vec<&serde_json::Value> = doc
            .examples_of(example)
            .filter_map(|e| e.value.as_ref())
            .collect();
        let shape = examples.iter().map(|v| Shape::of(v)).reduce(Shape::merge);
        let (mut object, found) = nest(&doc.file, &rows, shape.as_ref());
        warnings.extend(found);
        mark_wrapper_required(&mut object, &examples);
        object
    };
    if let (Some(o), Some(src)) = (overlay, source) {
        apply_body_overlay(&mut object, o, src, errors);
    }
    (!object.fields.is_empty()).then_some(Body { object })
}

/// The single key every example has at the top (`{"server": {...}}`) is the body's
/// wrapper: sending or receiving a body without it is meaningless.
fn mark_wrapper_required(object: &mut Object, examples: &[&serde_json::Value]) {
    if examples.is_empty() {
        return;
    }
    let mut keys = examples.iter().map(|v| match v {
        serde_json::Value::Object(m) if m.len() == 1 => m.keys().next().cloned(),
        _ => None,
    });
    let Some(Some(first)) = keys.next() else {
        return;
    };
    if keys.all(|k| k.as_deref() == Some(first.as_str()))
        && let Some(field) = object.field_mut(&first)
        && matches!(field.ty, FieldType::Object(_))
    {
        field.required = true;
    }
}

fn apply_body_overlay(
    object: &mut Object,
    overlay: &BodyOverlay,
    source: &OverlaySource<'_>,
    errors: &mut Vec<Diagnostic>,
) {
    errors.extend(apply_fields(object, &overlay.fields.0, source));
}
