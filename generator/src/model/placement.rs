//! Where a parameter goes when its `parameters.yaml` entry gives no `in:` (or
//! none of header, path, query and body): by what the operation shows.
//!
//! os-api-ref renders such a parameter without complaint, so references have
//! them (Placement's `consumer_type_req`). In a request, a `{placeholder}` of the
//! path is a path parameter; a name that a request sample holds as a key (at any
//! depth; for a dotted name, its last part) is in the body; anything else is a
//! query parameter of a GET, HEAD or DELETE, which send no body, and in the body
//! of the others. A response has no path and no query: its parameters are in the
//! body. Each placement is a warning at the entry, naming the operation and why.

use std::borrow::Cow;
use std::sync::Arc;

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind};
use crate::parse::ExampleKind;
use crate::parse::os_api_ref::{In, Operation, ParamUse, Section};

/// The operation with every parameter placed; borrowed as it is when each has
/// its `in:`.
pub fn place_unlocated<'o>(cx: &Ctxt, op: &'o Operation) -> Cow<'o, Operation> {
    if op.params.iter().all(|p| p.parameter.location.is_some()) {
        return Cow::Borrowed(op);
    }
    let mut placed = op.clone();
    // A parameter listed twice with one placement is reported once.
    let mut reported: Vec<(&str, In)> = Vec::new();
    for (p, out) in op.params.iter().zip(&mut placed.params) {
        if p.parameter.location.is_some() {
            continue;
        }
        let (location, why) = place(op, p);
        if !reported.contains(&(p.key.as_str(), location)) {
            reported.push((p.key.as_str(), location));
            let part = match (p.section, location) {
                (_, In::Path) => "a path parameter",
                (_, In::Query) => "a query parameter",
                (_, In::Header) => "a header",
                (Section::Request, In::Body) => "in the request body",
                (Section::Response, In::Body) => "in the response body",
            };
            cx.push(
                Diagnostic::warning(
                    &*p.parameter.file,
                    p.parameter.line,
                    1,
                    format!(
                        "`{}` has no `in:` (header, path, query or body); `{} {}` ({}:{}) \
                         takes it as {part}: {why}",
                        p.key, op.method, op.path, p.file, p.line
                    ),
                )
                .with_kind(DiagnosticKind::LooseSyntax),
            );
        }
        let mut parameter = (*p.parameter).clone();
        parameter.location = Some(location);
        out.parameter = Arc::new(parameter);
    }
    Cow::Owned(placed)
}

/// Where `p` goes in `op`, and why.
fn place(op: &Operation, p: &ParamUse) -> (In, String) {
    if p.section == Section::Response {
        return (In::Body, "a response has no path and no query".into());
    }
    if placeholders(&op.path).any(|name| name == p.name) {
        return (In::Path, format!("it is the path's `{{{}}}`", p.name));
    }
    let key = p.name.rsplit('.').next().unwrap_or(&p.name);
    let sampled = op
        .samples
        .iter()
        .filter(|s| s.kind == ExampleKind::Request)
        .filter_map(|s| s.value.as_ref())
        .any(|v| holds_key(v, key));
    if sampled {
        return (In::Body, format!("a request sample holds `{key}`"));
    }
    let why = format!(
        "it is no `{{placeholder}}` of the path, no request sample holds it, and {}",
        match op.method.to_ascii_uppercase().as_str() {
            "GET" | "HEAD" | "DELETE" => "the method sends no body",
            _ => "the method sends a body",
        }
    );
    match op.method.to_ascii_uppercase().as_str() {
        "GET" | "HEAD" | "DELETE" => (In::Query, why),
        _ => (In::Body, why),
    }
}

/// `/a/{b}/c/{d}` -> `b`, `d`.
fn placeholders(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// Whether `key` is a key of an object anywhere in `value`.
fn holds_key(value: &serde_json::Value, key: &str) -> bool {
    match value {
        serde_json::Value::Object(map) => {
            map.contains_key(key) || map.values().any(|v| holds_key(v, key))
        }
        serde_json::Value::Array(items) => items.iter().any(|v| holds_key(v, key)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::{operation, param_use};
    use serde_json::json;

    fn param(name: &str, section: Section, location: Option<In>) -> ParamUse {
        param_use(name, "string", section, location, None)
    }

    /// `method /things/{thing_id}`, with `sample` as its request sample.
    fn op(method: &str, params: Vec<ParamUse>, sample: Option<serde_json::Value>) -> Operation {
        let samples = sample
            .map(|v| (ExampleKind::Request, v))
            .into_iter()
            .collect();
        operation(method, "/things/{thing_id}", params, samples)
    }

    fn placed(op: &Operation) -> (Vec<Option<In>>, Vec<Diagnostic>) {
        let cx = Ctxt::new();
        let placed = place_unlocated(&cx, op);
        let locations = placed.params.iter().map(|p| p.parameter.location).collect();
        (locations, cx.into_diagnostics())
    }

    #[test]
    fn places_by_path_then_samples_then_method() {
        use Section::{Request as Req, Response as Resp};
        let params = vec![
            param("thing_id", Req, None),
            param("thing.name", Req, None),
            param("limit", Req, None),
            param("count", Resp, None),
            param("kept", Req, Some(In::Header)),
        ];
        let sample = Some(json!({"thing": [{"name": "x"}]}));
        let (get, warnings) = placed(&op("GET", params.clone(), sample.clone()));
        use In::{Body, Header, Path, Query};
        assert_eq!(
            get,
            [
                Some(Path),
                Some(Body),
                Some(Query),
                Some(Body),
                Some(Header)
            ]
        );
        assert_eq!(warnings.len(), 4);
        let w = &warnings[2];
        assert_eq!(
            (w.file.as_deref(), w.line, w.column),
            (Some("parameters.yaml"), 40, 1)
        );
        assert_eq!(
            w.message,
            "`limit_key` has no `in:` (header, path, query or body); `GET /things/{thing_id}` \
             (a.inc:10) takes it as a query parameter: it is no `{placeholder}` of the path, \
             no request sample holds it, and the method sends no body"
        );
        assert!(!w.is_error());
        let (post, _) = placed(&op("POST", params, sample));
        assert_eq!(post[2], Some(Body));
    }

    #[test]
    fn a_reference_whose_entries_say_no_in_still_generates() {
        let dir = crate::test_folder::folder(
            "placement",
            &[
                (
                    "parameters.yaml",
                    "thing_id:\n  description: The thing.\n  type: string\n\
                     limit:\n    description: Page size.  # indented by 4\n    type: integer\n",
                ),
                (
                    "things.inc",
                    "Show Thing\n==========\n\n.. rest_method:: GET /things/{thing_id}\n\n\
                     Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n\
                     \x20\x20- thing_id: thing_id\n  - limit: limit\n",
                ),
            ],
        );
        let mut cache = crate::parse::os_api_ref::ReferenceCache::default();
        let reference = crate::parse::os_api_ref::read_reference_file(
            &dir.join("things.inc"),
            "things.inc",
            &mut cache,
        )
        .unwrap();
        let cx = Ctxt::new();
        let endpoint = crate::model::build_operation(&cx, &reference.operations[0]).unwrap();
        assert_eq!(endpoint.path_params[0].description, "The thing.");
        let query = endpoint.query.expect("a query");
        assert_eq!(query.fields[0].json_name, "limit");
        let places: Vec<_> = cx
            .into_diagnostics()
            .iter()
            .map(|d| (d.file.clone().unwrap_or_default(), d.line, d.is_error()))
            .collect();
        assert_eq!(
            places,
            [
                ("parameters.yaml".to_string(), 1, false),
                ("parameters.yaml".to_string(), 4, false)
            ]
        );
    }

    #[test]
    fn an_operation_whose_parameters_all_say_where_is_kept() {
        let operation = op(
            "GET",
            vec![param("limit", Section::Request, Some(In::Query))],
            None,
        );
        let cx = Ctxt::new();
        assert!(matches!(place_unlocated(&cx, &operation), Cow::Borrowed(_)));
        assert!(cx.is_empty());
    }
}
