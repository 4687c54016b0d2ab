//! From a parsed doc and its overlay to an [`Endpoint`].

use crate::diagnostic::{Ctxt, DiagnosticKind, FileCtxt, Severity};
use crate::overlay::{BodyOverlay, Overlay};
use crate::parse::{ExampleKind, ParamRow, ParsedDoc, TableKind};

use super::doc_type::{format_from_doc_type, scalar_from_doc_type};
use crate::method::Method;

use super::endpoint::{Body, Endpoint, Field, Object, PathParam, Status};
use super::nesting::nest;
use super::overlay_apply::apply_fields;
use super::shape::Shape;

/// The model of one doc, reporting into `cx`: warnings (doubtful input that still
/// generates) and errors. The endpoint comes back only when there is no error.
pub fn build_endpoint(cx: &Ctxt, doc: &ParsedDoc, overlay: Option<&Overlay>) -> Option<Endpoint> {
    cx.unit(|cx| build(cx, doc, overlay))
}

fn build(cx: &Ctxt, doc: &ParsedDoc, overlay: Option<&Overlay>) -> Option<Endpoint> {
    let doc_out = cx.file(
        &doc.file,
        DiagnosticKind::ModelError,
        DiagnosticKind::ModelError,
    );
    let overlay_out = overlay.map(|o| crate::overlay::overlay_reporter(cx, &o.file));
    let ops = overlay.map(|o| &o.operation);

    let method = Method::from_doc(&doc.method);
    if method.is_none() {
        doc_out.error(
            doc.method_line,
            1,
            format!(
                "unknown HTTP method `{}`: expected {}",
                doc.method,
                Method::accepted()
            ),
        );
    }
    let path_params = path_params(doc);
    let statuses = statuses(doc_out, doc, overlay);

    let query = {
        let mut object = Object {
            fields: doc
                .params_of(TableKind::Query)
                .map(field_from_row)
                .collect(),
        };
        if let (Some(o), Some(out)) = (overlay, overlay_out) {
            apply_fields(out, &mut object, &o.query.fields);
        }
        (!object.fields.is_empty()).then_some(object)
    };
    let request = body(
        doc_out,
        doc,
        (TableKind::RequestBody, ExampleKind::Request),
        overlay.map(|o| &o.request).zip(overlay_out),
    );
    let response = body(
        doc_out,
        doc,
        (TableKind::ResponseBody, ExampleKind::Response),
        overlay.map(|o| &o.response).zip(overlay_out),
    );
    let name = ops
        .and_then(|o| o.name.clone())
        .unwrap_or_else(|| crate::names::endpoint_name(&doc.title));
    Some(Endpoint {
        file: doc.file.clone(),
        overlay_file: overlay.map(|o| o.file.clone()),
        title: doc.title.clone(),
        description: doc.description.clone(),
        method_line: doc.method_line,
        method: method?,
        path: doc.path.clone(),
        name,
        path_params,
        query,
        request,
        response,
        statuses,
        // Empty unless the overlay names it: the generator finds the service of
        // the doc's whole input (`reference_service`), whose paths say more than one.
        service: ops.and_then(|o| o.service.clone()).unwrap_or_default(),
        min_microversion: ops.and_then(|o| o.min_microversion),
        max_microversion: ops.and_then(|o| o.max_microversion),
        check_field_versions: false,
        request_headers: Vec::new(),
        response_headers: Vec::new(),
    })
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

fn statuses(out: FileCtxt<'_>, doc: &ParsedDoc, overlay: Option<&Overlay>) -> Vec<Status> {
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
                _ => out.report(
                    Severity::Error,
                    DiagnosticKind::BadResponseCode,
                    row.line,
                    2,
                    format!("response code `{}` is not an HTTP status", row.code),
                ),
            }
        }
    }
    for &code in overlay.map_or(&[][..], |o| &o.operation.add_status[..]) {
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

/// A body from the doc's table and examples (unless the overlay replaces them),
/// corrected by the overlay.
fn body(
    doc_out: FileCtxt<'_>,
    doc: &ParsedDoc,
    (table, example): (TableKind, ExampleKind),
    overlay: Option<(&BodyOverlay, FileCtxt<'_>)>,
) -> Option<Body> {
    let replace = overlay.is_some_and(|(o, _)| o.replace);
    let mut object = if replace {
        Object::default()
    } else {
        let rows: Vec<ParamRow> = doc.params_of(table).cloned().collect();
        let examples: Vec<&serde_json::Value> = doc
            .examples_of(example)
            .filter_map(|e| e.value.as_ref())
            .collect();
        let shape = examples.iter().map(|v| Shape::of(v)).reduce(Shape::merge);
        let mut object = nest(doc_out, &rows, shape.as_ref());
        object.mark_wrapper_required(&examples);
        object
    };
    if let Some((o, out)) = overlay {
        apply_fields(out, &mut object, &o.fields);
    }
    (!object.fields.is_empty()).then_some(Body { object })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn doc(method: &str) -> ParsedDoc {
        ParsedDoc {
            file: "x.rst".into(),
            title: "Copy Thing".into(),
            method: method.into(),
            path: "/things/{thing_id}".into(),
            method_line: 9,
            description: String::new(),
            tables: Vec::new(),
            examples: Vec::new(),
        }
    }

    fn build_one(doc: &ParsedDoc) -> (Option<Endpoint>, Vec<Diagnostic>) {
        let cx = Ctxt::new();
        let endpoint = build_endpoint(&cx, doc, None);
        (endpoint, cx.into_diagnostics())
    }

    #[test]
    fn a_method_the_runtime_cannot_send_is_refused_at_its_line() {
        // Another reader might hand the model any word; the model checks it too.
        let (endpoint, found) = build_one(&doc("COPY"));
        assert_eq!(endpoint, None);
        assert_eq!(
            (found[0].line, found[0].kind),
            (9, DiagnosticKind::ModelError)
        );
        assert!(found[0].message.contains("`COPY`"), "{}", found[0]);
        let (endpoint, found) = build_one(&doc("PATCH"));
        assert!(found.is_empty(), "{found:?}");
        let endpoint = endpoint.unwrap();
        assert_eq!(endpoint.method, Method::Patch);
        assert_eq!(endpoint.path_params[0].name, "thing_id");
    }
}
