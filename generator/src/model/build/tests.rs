use super::*;
use crate::diagnostic::Diagnostic;
use crate::microversion::Microversion;
use crate::model::fixtures::{operation, param_use};
use crate::model::overlay_apply::apply_reference_overlay;
use crate::model::{FieldType, Top};
use crate::parse::{CodeRow, Example, ParamRow, Row, Table, TableKind};
use serde_json::json;

/// The endpoint and the warnings `build_reference_endpoint` reported.
fn build(operation: &Operation) -> (Endpoint, Vec<Diagnostic>) {
    let cx = Ctxt::new();
    let mut endpoint = build_operation(&cx, operation).expect("an endpoint");
    crate::generator::assign_endpoint_names(std::slice::from_mut(&mut endpoint));
    (endpoint, cx.check().expect("no error"))
}

fn param(name: &str, ty: &str, section: Section, location: In, min: Option<&str>) -> ParamUse {
    param_use(name, ty, section, Some(location), min)
}

fn op(params: Vec<ParamUse>, samples: Vec<(ExampleKind, serde_json::Value)>) -> Operation {
    operation("GET", "/servers/{server_id}", params, samples)
}

use In::{Body as B, Path as P, Query as Q};
use Section::Response as Resp;

#[test]
fn samples_give_structure_and_parameters_give_docs_and_versions() {
    let operation = op(
        vec![
            param("server_id", "string", Section::Request, P, None),
            param("limit", "integer", Section::Request, Q, None),
            param("server", "object", Resp, B, None),
            param("id", "string", Resp, B, None),
            param("flavor", "object", Resp, B, None),
            param("flavor.id", "string", Resp, B, None),
            param("flavor.extra_specs", "object", Resp, B, None),
            param("flavor.extra_specs.key", "string", Resp, B, None),
            param("hostname", "string", Resp, B, Some("2.90")),
            param("metadata", "object", Resp, B, None),
        ],
        vec![(
            ExampleKind::Response,
            json!({"server": {"id": "s", "flavor": {"id": "f", "extra_specs": {"hw:cpu": "1"}},
                   "metadata": {}}}),
        )],
    );
    let (endpoint, warnings) = build(&operation);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(endpoint.path_params[0].description, "about server_id");
    let query = endpoint.query.unwrap();
    assert_eq!(query.field("limit").unwrap().ty, FieldType::Integer);
    let response = endpoint.response.unwrap().object;
    let server_field = response.field("server").unwrap();
    assert!(server_field.required);
    let server = server_field.ty.inner_object().unwrap();
    assert_eq!(server.field("id").unwrap().description, "about id");
    let flavor = server.field("flavor").unwrap().ty.inner_object().unwrap();
    // The flavor's `id` is its dotted child, not the server's `id`.
    assert_eq!(flavor.field("id").unwrap().description, "about flavor.id");
    assert_eq!(
        flavor.field("extra_specs").unwrap().ty,
        FieldType::Map(Box::new(FieldType::String))
    );
    // `hostname` is in no sample: it goes into `server`, with its version.
    let hostname = server.field("hostname").unwrap();
    assert_eq!(
        hostname.since.map(|v| v.to_string()).as_deref(),
        Some("2.90")
    );
    assert_eq!(hostname.ty, FieldType::String);
    assert_eq!(server.fields.len(), 4);
}

#[test]
fn dotted_names_nest_without_samples() {
    let operation = op(
        vec![
            param("server", "object", Section::Request, B, None),
            param("server.name", "string", Section::Request, B, None),
            param("networks", "array", Section::Request, B, None),
            param("networks.uuid", "string", Section::Request, B, None),
            param("os:scheduler_hints.x", "string", Section::Request, B, None),
        ],
        vec![],
    );
    let (endpoint, warnings) = build(&operation);
    assert!(warnings.is_empty(), "{warnings:?}");
    let body = endpoint.request.unwrap().object;
    let names: Vec<_> = body.fields.iter().map(|f| f.json_name.as_str()).collect();
    // `os:scheduler_hints.x` has no parent row: a name that holds a dot, in `server`.
    assert_eq!(names, ["server"]);
    let server = body.fields[0].ty.inner_object().unwrap();
    let names: Vec<_> = server.fields.iter().map(|f| f.json_name.as_str()).collect();
    assert_eq!(names, ["name", "networks", "os:scheduler_hints.x"]);
    let network = server.field("networks").unwrap().ty.inner_object().unwrap();
    assert_eq!(network.field("uuid").unwrap().ty, FieldType::String);
}

#[test]
fn a_row_that_cannot_be_placed_is_a_warning() {
    let operation = op(
        vec![
            param("server", "object", Resp, B, None),
            param("id", "string", Resp, B, None),
            param("id", "integer", Resp, B, None),
        ],
        vec![(ExampleKind::Response, json!({"server": {"id": "x"}}))],
    );
    let (_, warnings) = build(&operation);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].kind, DiagnosticKind::UnplacedRow);
    assert_eq!((warnings[0].line, warnings[0].column), (10, 5));
}

#[test]
fn a_body_keyed_by_ids_is_a_dictionary_of_what_the_parameters_describe() {
    // Placement's `POST /allocations`: one entry per consumer, the key listed first.
    let consumer = |generation: serde_json::Value| {
        json!({"consumer_generation": generation, "project_id": "p",
               "allocations": {"e10927c4-8bc9-465d-ac60-d2f79f7e4a00": {"resources": {"VCPU": 2}}}})
    };
    let operation = op(
        vec![
            param("consumer_uuid", "string", Section::Request, B, None),
            param("consumer_generation", "integer", Section::Request, B, None),
            param("project_id", "string", Section::Request, B, None),
            param("allocations", "object", Section::Request, B, None),
            param("resources", "object", Section::Request, B, None),
            param("mappings", "object", Section::Request, B, Some("1.34")),
        ],
        vec![(
            ExampleKind::Request,
            json!({"30328d13-e299-4a93-a102-61e4ccabe474": consumer(json!(1)),
                   "71921e4e16294c5bbf8d338d915d2ef3": consumer(json!(null))}),
        )],
    );
    let (endpoint, warnings) = build(&operation);
    let body = endpoint.request.expect("a request body");
    assert!(body.object.fields.is_empty(), "{:?}", body.object);
    let Top::Map(FieldType::Object(value)) = &body.top else {
        panic!("not a dictionary of objects: {:?}", body.top);
    };
    let names: Vec<_> = value.fields.iter().map(|f| f.json_name.as_str()).collect();
    // `mappings` is in no sample: it goes into each value, as a row would into the
    // main object; the key's row is no field.
    assert_eq!(
        names,
        [
            "consumer_generation",
            "project_id",
            "allocations",
            "mappings"
        ]
    );
    // A nested object keyed by ids is a dictionary too.
    let allocations = &value.field("allocations").unwrap().ty;
    assert!(matches!(allocations, FieldType::Map(_)), "{allocations:?}");
    // Saying so: the reference lists the key as if it were a field.
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].kind, DiagnosticKind::UnplacedRow);
    assert!(
        warnings[0]
            .message
            .contains("`consumer_uuid` names the keys"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn keys_that_merely_look_like_ids_keep_a_body_an_object() {
    // One key is no id: the body stays an object with fields.
    let operation = op(
        vec![param("name", "string", Section::Request, B, None)],
        vec![(
            ExampleKind::Request,
            json!({"30328d13-e299-4a93-a102-61e4ccabe474": {}, "name": "x"}),
        )],
    );
    let (endpoint, _) = build(&operation);
    let body = endpoint.request.expect("a request body");
    assert_eq!(body.top, Top::Object);
    assert!(body.object.field("name").is_some());
}

/// `operation` built, then corrected by a reference overlay written as `overlay`
/// (read as `c.api-ref.toml`): the endpoints as corrected, and the errors the
/// overlay earned (each test's overlay has at least one).
fn with_overlay(operation: &Operation, overlay: &str) -> (Vec<Endpoint>, Vec<Diagnostic>) {
    let (endpoint, _) = build(operation);
    let mut endpoints = vec![endpoint];
    let cx = Ctxt::new();
    let overlay =
        crate::reference_overlay::read_reference_overlay(&cx, "c.api-ref.toml", overlay).unwrap();
    apply_reference_overlay(&cx, &mut endpoints, &overlay);
    let errors = cx.check().unwrap_err().0;
    (endpoints, errors)
}

#[test]
fn a_reference_overlay_prefixes_paths_and_corrects_named_operations() {
    let operation = op(
        vec![
            param("server", "object", Section::Request, B, None),
            param("server.networks", "array", Section::Request, B, None),
        ],
        vec![],
    );
    let (endpoints, errors) = with_overlay(
        &operation,
        "[reference]\npath_prefix = \"/v2.1\"\n\n\
         [\"servers::get\".request.fields.\"server/networks\"]\ntype = \"json\"\n\n\
         [nope.operation]\nmin_microversion = \"2.1\"\n",
    );
    assert_eq!(endpoints[0].path, "/v2.1/servers/{server_id}");
    let server = endpoints[0].request.as_ref().unwrap().object.fields[0]
        .ty
        .inner_object()
        .unwrap();
    assert_eq!(server.field("networks").unwrap().ty, FieldType::Json);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 7);
    assert!(
        errors[0].message.contains("`nope`"),
        "{}",
        errors[0].message
    );
}

/// Nova's `networks`: `type: array`, but a sample sends the string `"auto"`. The
/// field becomes "a list, or one of the strings seen", the list's items keep their
/// dotted parameters, and the doc's type is reported.
#[test]
fn a_list_that_is_sometimes_a_string_is_a_list_or_those_strings() {
    let operation = op(
        vec![
            param("server", "object", Section::Request, B, None),
            param("networks", "array", Section::Request, B, None),
            param("networks.uuid", "string", Section::Request, B, None),
            param("networks.tag", "string", Section::Request, B, Some("2.32")),
        ],
        vec![
            (
                ExampleKind::Request,
                json!({"server": {"networks": [{"uuid": "u"}]}}),
            ),
            (
                ExampleKind::Request,
                json!({"server": {"networks": "auto"}}),
            ),
        ],
    );
    let (endpoint, warnings) = build(&operation);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].kind, DiagnosticKind::TypeFromExample);
    assert!(
        warnings[0]
            .message
            .contains("also show the string \"auto\""),
        "{}",
        warnings[0].message
    );
    let body = endpoint.request.unwrap().object;
    let server = body.fields[0].ty.inner_object().unwrap();
    let FieldType::OneOf(list, strings) = &server.field("networks").unwrap().ty else {
        panic!("{:?}", server.field("networks"));
    };
    assert_eq!(strings, &["auto"]);
    let FieldType::Array(item) = list.as_ref() else {
        panic!("{list:?}")
    };
    let network = item.inner_object().unwrap();
    let names: Vec<_> = network
        .fields
        .iter()
        .map(|f| f.json_name.as_str())
        .collect();
    assert_eq!(names, ["uuid", "tag"]);
    assert_eq!(
        network.field("tag").unwrap().since.map(|v| v.to_string()),
        Some("2.32".to_string())
    );
}

/// `or_enum` in an overlay lists the strings (the samples may show only some),
/// keeping the children the reference gave; on a string it is refused.
#[test]
fn or_enum_lists_the_strings_and_keeps_the_items() {
    let operation = op(
        vec![
            param("server", "object", Section::Request, B, None),
            param("server.networks", "array", Section::Request, B, None),
            param("server.networks.uuid", "string", Section::Request, B, None),
            param("server.name", "string", Section::Request, B, None),
        ],
        vec![],
    );
    let (endpoints, errors) = with_overlay(
        &operation,
        "[\"servers::get\".request.fields.\"server/networks\"]\ntype = \"array<object>\"\n\
         or_enum = [\"auto\", \"none\"]\n\n\
         [\"servers::get\".request.fields.\"server/name\"]\nor_enum = [\"x\"]\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 5);
    assert!(errors[0].message.contains("use `enum`"), "{}", errors[0]);
    let server = endpoints[0].request.as_ref().unwrap().object.fields[0]
        .ty
        .inner_object()
        .unwrap();
    let networks = &server.field("networks").unwrap().ty;
    let FieldType::OneOf(_, strings) = networks else {
        panic!("{networks:?}")
    };
    assert_eq!(strings, &["auto", "none"]);
    assert!(networks.inner_object().unwrap().field("uuid").is_some());
    assert_eq!(server.field("name").unwrap().ty, FieldType::String);
}

/// Header parameters: the caller's become request or response headers, in list
/// order; the runtime's own (token, microversion, request ids) are left to it; a
/// name that is no HTTP header name is a warning at its list line, not a silence.
#[test]
fn headers_are_the_callers_or_the_runtimes_and_none_is_dropped_silently() {
    use Section::Request as Req;
    let h = |name: &str, section| param(name, "string", section, In::Header, None);
    let mut bad = h("X Bad", Req);
    bad.line = 14;
    let operation = op(
        vec![
            h("X-Auth-Token", Req),
            h("X-Subject-Token", Req),
            h("OpenStack-API-Version", Req),
            bad,
            h("X-Subject-Token", Resp),
            h("X-Openstack-Request-Id", Resp),
            h("x-compute-request-id", Resp),
            h("Location", Resp),
        ],
        vec![],
    );
    let (endpoint, warnings) = build(&operation);
    let names = |hs: &[HeaderParam]| hs.iter().map(|h| h.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&endpoint.request_headers), ["X-Subject-Token"]);
    assert_eq!(
        names(&endpoint.response_headers),
        ["X-Subject-Token", "Location"]
    );
    assert!(endpoint.request_headers[0].required);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].kind, DiagnosticKind::UnplacedRow);
    assert_eq!(warnings[0].line, 14);
    assert!(warnings[0].message.contains("`X Bad`"), "{}", warnings[0]);
}

/// A grid-table doc with the given tables and response examples.
fn grid_doc(method: &str, tables: Vec<Table>, examples: Vec<serde_json::Value>) -> ParsedDoc {
    ParsedDoc {
        file: "x.rst".into(),
        title: "Copy Thing".into(),
        method: method.into(),
        path: "/things/{thing_id}".into(),
        method_line: 9,
        description: String::new(),
        tables,
        examples: examples
            .into_iter()
            .map(|value| Example {
                title: "Show".into(),
                kind: ExampleKind::Response,
                label: None,
                line: 30,
                body_line: 31,
                value: Some(value),
            })
            .collect(),
    }
}

fn grid_rows(kind: TableKind, rows: &[(&str, &str)]) -> Table {
    Table {
        kind,
        line: 12,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, (name, ty))| {
                Row::Param(ParamRow {
                    name: name.to_string(),
                    ty: ty.to_string(),
                    required: true,
                    description: format!("about {name}"),
                    line: 14 + i,
                })
            })
            .collect(),
    }
}

fn build_grid(doc: &ParsedDoc) -> (Option<Endpoint>, Vec<Diagnostic>) {
    let cx = Ctxt::new();
    let endpoint = build_endpoint(&cx, doc, None);
    (endpoint, cx.into_diagnostics())
}

#[test]
fn a_method_the_runtime_cannot_send_is_refused_at_its_line() {
    // Another reader might hand the model any word; the model checks it too.
    let (endpoint, found) = build_grid(&grid_doc("GE(T)", Vec::new(), Vec::new()));
    assert_eq!(endpoint, None);
    assert_eq!(
        (found[0].line, found[0].kind),
        (9, DiagnosticKind::ModelError)
    );
    assert!(found[0].message.contains("`GE(T)`"), "{}", found[0]);
    // An extension method is a token the runtime sends by name.
    let (endpoint, found) = build_grid(&grid_doc("COPY", Vec::new(), Vec::new()));
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(
        endpoint.map(|e| e.method.to_string()).as_deref(),
        Some("COPY")
    );
    let (endpoint, found) = build_grid(&grid_doc("PATCH", Vec::new(), Vec::new()));
    assert!(found.is_empty(), "{found:?}");
    let endpoint = endpoint.unwrap();
    assert_eq!(endpoint.method, Method::Patch);
    assert_eq!(endpoint.path_params[0].name, "thing_id");
}

#[test]
fn grid_rows_are_nested_by_the_examples_and_described_by_the_rows() {
    let doc = grid_doc(
        "GET",
        vec![
            grid_rows(TableKind::Uri, &[("{thing_id}", "csapi:UUID")]),
            grid_rows(
                TableKind::ResponseBody,
                &[
                    ("server", "xsd:string"),
                    ("created", "xsd:dateTime"),
                    ("metadata", "xsd:string"),
                    ("id", "csapi:UUID"),
                    ("key_name", "xsd:string"),
                ],
            ),
        ],
        vec![json!({"server": {
            "id": "x", "created": "2010-11-11T12:00:00Z",
            "metadata": {"My Server Name": "Apache1"},
            "image": {"id": "i"}
        }})],
    );
    let (endpoint, warnings) = build_grid(&doc);
    let endpoint = endpoint.expect("an endpoint");
    // `metadata` and `server` say string, the example shows objects: the example
    // wins, and says so in the grid format's words, at the row.
    let found: Vec<_> = warnings
        .iter()
        .map(|w| (w.kind, w.line, w.column, w.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                DiagnosticKind::TypeFromExample,
                14,
                1,
                "row `server` says `xsd:string` but the examples show an object; \
                 the generated type follows the examples"
            ),
            (
                DiagnosticKind::TypeFromExample,
                16,
                1,
                "row `metadata` says `xsd:string` but the examples show an object; \
                 the generated type follows the examples"
            ),
        ]
    );
    assert_eq!(endpoint.path_params[0].description, "about {thing_id}");
    let server = endpoint.response.as_ref().unwrap().object.fields[0]
        .ty
        .inner_object()
        .unwrap();
    assert_eq!(server.field("created").unwrap().ty, FieldType::Timestamp);
    assert_eq!(
        server.field("metadata").unwrap().ty,
        FieldType::Map(Box::new(FieldType::String))
    );
    assert!(matches!(
        server.field("image").unwrap().ty,
        FieldType::Object(_)
    ));
    assert_eq!(server.field("id").unwrap().description, "about id");
    // key_name is in no example: it goes into `server`, typed from the row.
    assert_eq!(server.field("key_name").unwrap().ty, FieldType::String);
    assert!(!endpoint.check_field_versions);
}

#[test]
fn a_grid_row_that_cannot_be_placed_and_a_bad_code_are_reported_at_their_rows() {
    let mut codes = Table {
        kind: TableKind::ResponseCodes,
        line: 40,
        rows: vec![Row::Code(CodeRow {
            code: "20O".into(),
            name: "OK".into(),
            description: String::new(),
            line: 42,
        })],
    };
    let body = grid_rows(
        TableKind::ResponseBody,
        &[
            ("server", "xsd:dict"),
            ("id", "csapi:UUID"),
            ("id", "xsd:int"),
        ],
    );
    let doc = grid_doc(
        "GET",
        vec![body.clone()],
        vec![json!({"server": {"id": "x"}})],
    );
    let (_, warnings) = build_grid(&doc);
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        (warnings[0].kind, warnings[0].line),
        (DiagnosticKind::UnplacedRow, 16)
    );
    assert!(warnings[0].message.starts_with("row `id` is in no example"));

    codes.rows.push(Row::Code(CodeRow {
        code: "200".into(),
        name: "OK".into(),
        description: String::new(),
        line: 43,
    }));
    let doc = grid_doc(
        "GET",
        vec![codes, body],
        vec![json!({"server": {"id": "x"}})],
    );
    let (endpoint, found) = build_grid(&doc);
    assert_eq!(endpoint, None, "a bad code is an error");
    let bad: Vec<_> = found
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.kind, d.line, d.column))
        .collect();
    assert_eq!(bad, [(DiagnosticKind::BadResponseCode, 42, 2)]);
}

#[test]
fn a_json_patch_body_is_an_array_of_typed_items_sent_as_the_reference_says() {
    use Section::Request as Req;
    let mut content_type = param("Content-Type", "string", Req, In::Header, None);
    std::sync::Arc::make_mut(&mut content_type.parameter).description =
        "The media type descriptor for the request body.  Use\n\
         ``application/openstack-images-v2.1-json-patch``.  (You can also use\n\
         ``application/openstack-images-v2.0-json-patch``.)"
            .into();
    let patch = op(
        vec![content_type, param("image_id", "string", Req, P, None)],
        vec![(
            ExampleKind::Request,
            json!([
                {"op": "replace", "path": "/name", "value": "Fedora 17"},
                {"op": "remove", "path": "/tags"}
            ]),
        )],
    );
    let (endpoint, warnings) = build(&patch);
    assert!(warnings.is_empty(), "{warnings:?}");
    let request = endpoint.request.expect("a request body");
    let Top::Array(FieldType::Object(item)) = &request.top else {
        panic!("an array of objects: {:?}", request.top)
    };
    let names: Vec<&str> = item.fields.iter().map(|f| f.json_name.as_str()).collect();
    assert_eq!(names, ["op", "path", "value"]);
    assert!(request.object.fields.is_empty());
    assert_eq!(
        endpoint.request_content_type.as_deref(),
        Some("application/openstack-images-v2.1-json-patch")
    );
    // The media type is the runtime's to send, not a header the caller fills in.
    assert!(endpoint.request_headers.is_empty());
}

#[test]
fn raw_data_is_what_the_content_type_parameters_say() {
    use Section::Request as Req;
    let describe = |mut p: ParamUse, text: &str| {
        std::sync::Arc::make_mut(&mut p.parameter).description = text.into();
        p
    };
    let upload = op(
        vec![
            describe(
                param("Content-type", "string", Req, In::Header, None),
                "The media type descriptor for the request body.  Use\n``application/octet-stream``",
            ),
            param("image_id", "string", Req, P, None),
        ],
        vec![],
    );
    let (endpoint, warnings) = build(&upload);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(endpoint.sends_raw_data() && !endpoint.receives_raw_data());
    assert_eq!(endpoint.request, None);
    assert!(endpoint.request_headers.is_empty());

    let download = op(
        vec![
            param("image_id", "string", Req, P, None),
            describe(
                param("Content-Type", "string", Resp, In::Header, None),
                "The media type descriptor of the response body, namely\n``application/octet-stream``",
            ),
        ],
        vec![],
    );
    let (endpoint, _) = build(&download);
    assert!(endpoint.receives_raw_data() && !endpoint.sends_raw_data());
    assert_eq!(
        endpoint.response_content_type.as_deref(),
        Some("application/octet-stream")
    );
}

#[test]
fn a_body_that_is_an_array_at_some_versions_and_an_object_at_others_is_both() {
    use Section::Request as Req;
    let aggregates = op(
        vec![
            param("aggregates", "array", Req, B, None),
            param(
                "resource_provider_generation",
                "integer",
                Req,
                B,
                Some("2.19"),
            ),
        ],
        vec![
            (ExampleKind::Request, json!(["42896e0d", "5e08ea53"])),
            (
                ExampleKind::Request,
                json!({"aggregates": ["42896e0d"], "resource_provider_generation": 1}),
            ),
        ],
    );
    let (endpoint, warnings) = build(&aggregates);
    assert!(warnings.is_empty(), "{warnings:?}");
    let request = endpoint.request.expect("a request body");
    assert_eq!(request.top, Top::ArrayOrObject(FieldType::String));
    let names: Vec<&str> = request
        .object
        .fields
        .iter()
        .map(|f| f.json_name.as_str())
        .collect();
    assert_eq!(names, ["aggregates", "resource_provider_generation"]);
    assert_eq!(endpoint.request_content_type, None);
}

#[test]
fn a_wrapper_the_list_leaves_out_still_gives_its_fields_their_parameters() {
    // Manila-style: the list names `id` and `name`, the sample wraps them in `share`.
    let show = op(
        vec![
            param("id", "string", Resp, B, None),
            param("name", "string", Resp, B, Some("2.5")),
        ],
        vec![(
            ExampleKind::Response,
            json!({"share": {"id": "x", "name": "n", "links": [{"href": "h"}]}}),
        )],
    );
    let (endpoint, warnings) = build(&show);
    assert!(warnings.is_empty(), "{warnings:?}");
    let response = endpoint.response.expect("a response");
    let share = response.object.fields[0].ty.inner_object().expect("share");
    assert_eq!(share.field("id").unwrap().description, "about id");
    let name = share.field("name").unwrap();
    assert_eq!(name.since, Some(Microversion::parse("2.5").unwrap()));
    // Below a key no parameter names, nothing is claimed: `href` has no doc.
    let link = share.field("links").unwrap().ty.inner_object().unwrap();
    assert_eq!(link.field("href").unwrap().description, "");
}

#[test]
fn an_action_whose_samples_are_its_name_and_null_has_a_fixed_body() {
    use Section::Request as Req;
    let shelve = op(
        vec![param("shelve", "none", Req, B, None)],
        vec![(ExampleKind::Request, json!({"shelve": null}))],
    );
    let (endpoint, _) = build(&shelve);
    let request = endpoint.request.expect("a request");
    assert_eq!(request.fixed, Some(json!({"shelve": null})));
    // Only a type of `none` promises that: a 2015 doc's `unshelve` (a string row,
    // a null example) may carry a value at later microversions.
    let unshelve_2015 = op(
        vec![param("unshelve", "xsd:string", Req, B, None)],
        vec![(ExampleKind::Request, json!({"unshelve": null}))],
    );
    let (endpoint, _) = build(&unshelve_2015);
    assert_eq!(endpoint.request.expect("a request").fixed, None);
    // A body that is sometimes more than `null` is a typed body.
    let unshelve = op(
        vec![param("unshelve", "object", Req, B, None)],
        vec![
            (ExampleKind::Request, json!({"unshelve": null})),
            (
                ExampleKind::Request,
                json!({"unshelve": {"availability_zone": "az"}}),
            ),
        ],
    );
    let (endpoint, _) = build(&unshelve);
    assert_eq!(endpoint.request.expect("a request").fixed, None);
}

#[test]
fn dates_are_timestamps_where_the_samples_or_the_reference_say_so() {
    let mut created = param("created", "string", Resp, B, None);
    std::sync::Arc::make_mut(&mut created.parameter).description =
        "The date and time when the resource was created, in ISO 8601 format.".into();
    let mut deleted = param("deleted_at", "string", Resp, B, None);
    std::sync::Arc::make_mut(&mut deleted.parameter).description =
        "The date and time when the resource was deleted.".into();
    let show = op(
        vec![
            param("server", "object", Resp, B, None),
            created,
            param("launched_at", "string", Resp, B, None),
            param("name", "string", Resp, B, None),
            deleted,
        ],
        vec![(
            ExampleKind::Response,
            json!({"server": {"created": "2026-11-27T09:10:27Z",
                              "launched_at": "2026-11-27 08:31:30.987430",
                              "name": "2026-11-27 is a name"}}),
        )],
    );
    let (endpoint, _) = build(&show);
    let response = endpoint.response.expect("a response");
    let server = response.object.fields[0].ty.inner_object().expect("server");
    let ty = |name: &str| server.field(name).unwrap().ty.clone();
    assert_eq!(ty("created"), FieldType::Timestamp);
    assert_eq!(
        ty("launched_at"),
        FieldType::Timestamp,
        "the samples say so"
    );
    assert_eq!(
        ty("name"),
        FieldType::String,
        "a date at the start is not a timestamp"
    );
    assert_eq!(
        ty("deleted_at"),
        FieldType::Timestamp,
        "the description says so"
    );
}

#[test]
fn a_resources_fields_listed_before_its_wrapper_still_get_their_parameters() {
    // Cinder-style: `status` and `name` come first, then `snapshot`, then `id`.
    let create = op(
        vec![
            param("status", "string", Resp, B, None),
            param("name", "string", Resp, B, None),
            param("snapshot", "object", Resp, B, None),
            param("id", "string", Resp, B, None),
        ],
        vec![(
            ExampleKind::Response,
            json!({"snapshot": {"status": "creating", "name": "s", "id": "x"}}),
        )],
    );
    let (endpoint, warnings) = build(&create);
    assert!(warnings.is_empty(), "{warnings:?}");
    let response = endpoint.response.expect("a response");
    let snapshot = response.object.fields[0]
        .ty
        .inner_object()
        .expect("snapshot");
    for name in ["status", "name", "id"] {
        assert_eq!(
            snapshot.field(name).unwrap().description,
            format!("about {name}")
        );
    }
}

#[test]
fn a_described_list_keeps_its_items_on_lines_of_their_own() {
    assert_eq!(
        plain_paragraphs(
            "The status values are:\n\n- ``ACTIVE``. The server\n  is active.\n- ``BUILD``. Building.\n\n1. one\n2. two"
        ),
        "The status values are:\n\n- ``ACTIVE``. The server is active.\n- ``BUILD``. Building.\n\n1. one\n2. two"
    );
    assert_eq!(plain_paragraphs("a\n- b"), "a\n- b");
    assert_eq!(plain_paragraphs("a -b\nc"), "a -b c");
}
