//! From the parsed form to an [`Endpoint`]: the one model builder, whichever reader
//! produced the [`Operation`].
//!
//! The endpoint's path, statuses, query, headers and bodies come from the
//! operation's parameters and samples; `nesting` gives the bodies their structure.
//! A grid-table doc is first viewed as an operation (`parse::grid_operation`), and
//! its overlay is applied by the same applier as a reference overlay's entries.

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind};
use crate::method::Method;
use crate::overlay::Overlay;
use crate::parse::os_api_ref::{In, Operation, ParamUse, Section};
use crate::parse::{ExampleKind, ParsedDoc, operation_of};

use super::doc_type::{describes_timestamp, format_from_doc_type, scalar_from_doc_type};
use super::endpoint::{Endpoint, Field, FieldType, HeaderParam, Object, PathParam, Status};
use super::nesting::body;
use super::overlay_apply::apply_overlay;
use crate::text::trim;

/// The model of one grid-table doc and the overlay beside it, reporting into `cx`.
/// The endpoint comes back only when there is no error.
pub fn build_endpoint(cx: &Ctxt, doc: &ParsedDoc, overlay: Option<&Overlay>) -> Option<Endpoint> {
    cx.unit(|cx| {
        let mut op = operation_of(cx, doc);
        // A body the overlay replaces is not read from the doc at all: its rows and
        // examples would only add warnings about what the overlay already says.
        if let Some(o) = overlay {
            for (replaced, section) in [
                (o.request.replace, Section::Request),
                (o.response.replace, Section::Response),
            ] {
                if replaced {
                    op.params.retain(|p| {
                        !(p.section == section && p.parameter.location == Some(In::Body))
                    });
                    let kind = match section {
                        Section::Request => ExampleKind::Request,
                        Section::Response => ExampleKind::Response,
                    };
                    op.samples.retain(|s| s.kind != kind);
                }
            }
        }
        let mut endpoint = build_operation(cx, &op)?;
        if let Some(o) = overlay {
            apply_overlay(cx, &o.file, &mut endpoint, o);
        }
        Some(endpoint)
    })
}

/// The model of one operation, reporting into `cx`: warnings say what could not
/// be placed; an unknown method is an error, and gives no endpoint.
pub fn build_operation(cx: &Ctxt, op: &Operation) -> Option<Endpoint> {
    // The os-api-ref reader takes any HTTP token (a reference may name an
    // extension method); the grid-table reader only the usual six.
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
    // An entry without `in:` is placed by what the operation shows.
    let placed = super::placement::place_unlocated(cx, op);
    let op: &Operation = &placed;
    // The nesting rules below collect their warnings in a list; they join `cx` at
    // the end.
    let mut warnings = Vec::new();
    let path_params = path_params(op);
    let mut query = Object::default();
    for p in op
        .params
        .iter()
        .filter(|p| p.parameter.location == Some(In::Query))
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
        // Named once every endpoint is built (`operation_names`): names are
        // unique per service.
        name: String::new(),
        path_params,
        query: (!query.fields.is_empty()).then_some(query),
        request,
        response,
        statuses,
        // Known only from the whole reference: the generator sets it
        // (`reference_service`) before the reference overlay is applied.
        service: String::new(),
        min_microversion: None,
        max_microversion: None,
        check_field_versions: op.versioned_fields,
        request_headers,
        response_headers,
        request_content_type: content_type(op, Section::Request),
        response_content_type: content_type(op, Section::Response),
    };
    cx.extend(warnings);
    Some(endpoint)
}

/// Headers the runtime sends or reads itself: a reference lists them, the
/// generated code leaves them to the client (the token and the microversion on
/// the way out; the request id and the microversion, `Response::request_id` and
/// `Response::microversion`, on the way back). Every service's microversion
/// headers are the runtime's too (`services::is_microversion_header`).
const RUNTIME_REQUEST_HEADERS: &[&str] = &["x-auth-token", "content-type"];
const RUNTIME_RESPONSE_HEADERS: &[&str] = &["x-openstack-request-id", "x-compute-request-id"];

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
        .filter(|p| p.parameter.location == Some(In::Header) && p.section == section)
    {
        let lower = p.name.to_ascii_lowercase();
        if owned.contains(&lower.as_str())
            || crate::services::is_microversion_header(&lower)
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

/// The media type the section's `Content-Type` parameter's description names
/// (the one to send, or the one the reply has), unless it is JSON's (what the
/// runtime sends and reads by default).
fn content_type(op: &Operation, section: Section) -> Option<String> {
    op.params
        .iter()
        .filter(|p| p.parameter.location == Some(In::Header) && p.section == section)
        .filter(|p| p.name.eq_ignore_ascii_case("content-type"))
        .find_map(|p| crate::media_type::first_in_prose(&p.parameter.description))
        .filter(|t| !t.eq_ignore_ascii_case("application/json"))
        .map(str::to_owned)
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
            .find(|p| p.parameter.location == Some(In::Path) && p.name == name)
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

pub(super) fn field_from_param(json_name: &str, p: &ParamUse) -> Field {
    let ty = match scalar_from_doc_type(&p.parameter.ty) {
        // os-api-ref types timestamps as `string` and says so in prose.
        FieldType::String if describes_timestamp(&p.parameter.description) => FieldType::Timestamp,
        ty => ty,
    };
    let mut field = Field::new(json_name, ty);
    describe(&mut field, p);
    field
}

pub(super) fn describe(field: &mut Field, p: &ParamUse) {
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
pub(super) fn plain_paragraphs(text: &str) -> String {
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
            // A list item starts its own line, so the docs render a list rather
            // than run its items together; its continuation lines join it.
            out.push(if crate::text::starts_list_item(line) {
                '\n'
            } else {
                ' '
            });
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests;
