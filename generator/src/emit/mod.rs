//! From the model to Rust source text (see `code` for why text), which the macro
//! hands to the compiler and the CLI formats with prettyplease.

mod code;
mod docs;
mod endpoint;
mod headers;
mod modules;
mod runtime_path;
mod service;
mod types;

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind};
use crate::model::Endpoint;

pub use runtime_path::RuntimePath;

/// The code of every endpoint, in the order given, after the `SERVICE` constant
/// their operations point at. What the emitter cannot write is an error at the
/// endpoint's `METHOD /path` line, never a stand-in.
pub fn emit(cx: &Ctxt, endpoints: &[Endpoint]) -> String {
    emit_with_runtime(cx, endpoints, &RuntimePath::default())
}

/// [`emit`], naming the runtime by `rt` (`crate` inside the runtime itself).
pub fn emit_with_runtime(cx: &Ctxt, endpoints: &[Endpoint], rt: &RuntimePath) -> String {
    let services = match service::const_names(endpoints) {
        Ok(services) => services,
        Err(message) => {
            cx.push(Diagnostic::without_location(
                DiagnosticKind::EmitError,
                message,
            ));
            return String::new();
        }
    };
    let mut emitted = Vec::new();
    let mut code = code::Code::new();
    // Every part of a name must be an identifier before any module opens, so the
    // tree's braces always balance.
    let valid: Vec<Endpoint> = endpoints
        .iter()
        .filter(|e| match modules::check_name(e) {
            Ok(()) => true,
            Err(message) => {
                cx.file(
                    &e.file,
                    DiagnosticKind::EmitError,
                    DiagnosticKind::EmitError,
                )
                .error(e.method_line, 1, message);
                false
            }
        })
        .cloned()
        .collect();
    let endpoints = &valid[..];
    for (depth, item) in modules::layout(endpoints) {
        match item {
            modules::Item::Open(name) => modules::open(&mut code, &name, depth),
            modules::Item::Close => code.push("}\n"),
            modules::Item::Operation(e) => {
                let start = code.len();
                // The operation's own module sits one level below its resource's.
                let service = format!(
                    "{}{}",
                    "super::".repeat(depth + 1),
                    services[e.service.as_str()]
                );
                let written = modules::check_clash(e, endpoints)
                    .and_then(|()| endpoint::endpoint_code(&mut code, e, &service, rt));
                match written {
                    Ok(()) => emitted.push(e),
                    Err(message) => {
                        // An endpoint that fails leaves nothing half-written behind.
                        code.truncate(start);
                        cx.file(
                            &e.file,
                            DiagnosticKind::EmitError,
                            DiagnosticKind::EmitError,
                        )
                        .error(e.method_line, 1, message)
                    }
                }
            }
        }
    }
    // Only what an emitted operation points at: a failed generation emits nothing.
    let mut all = service::service_consts(&services, &emitted, rt);
    all.append(code);
    all.into_string()
}

/// Formats generated code as a file a person can read. Code that does not parse
/// is a generator bug, reported as a message rather than a panic or written out.
pub fn format(code: &str) -> Result<String, String> {
    let file = syn::parse_file(code)
        .map_err(|e| format!("apiref generated invalid Rust (a bug; please report it): {e}"))?;
    Ok(separate_items(&prettyplease::unparse(&file)))
}

/// prettyplease prints items back to back; a person leaves a blank line between
/// them. A line that starts an item (doc comment, attribute or `pub`) right after
/// a line that ends one (`}`, `;`) gets a blank line before it.
fn separate_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 20);
    let mut previous = "";
    for line in code.lines() {
        let trimmed = line.trim_start();
        let starts_item = ["///", "#[", "pub ", "impl ", "impl<", "fn "]
            .iter()
            .any(|p| trimmed.starts_with(p));
        let prev = previous.trim();
        let ends_item = !prev.starts_with("///") && (prev.ends_with('}') || prev.ends_with(';'));
        if starts_item && ends_item {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::method::Method;

    /// Generated text as the CLI prints it: what a person reads, one spelling to
    /// assert on whatever the emitter's spacing, and proof that it parses.
    pub fn pretty(code: &str) -> String {
        format(code).expect("generated code parses")
    }
    use crate::model::{Body, Field, FieldType, Object};

    /// An endpoint with one response field, named as given.
    pub fn endpoint_named(name: &str) -> Endpoint {
        let mut e = endpoint(Field::new("id", FieldType::String));
        e.name = name.to_string();
        e
    }

    fn endpoint(field: Field) -> Endpoint {
        Endpoint {
            file: "x.rst".into(),
            overlay_file: None,
            title: "Show Thing".into(),
            description: String::new(),
            method_line: 12,
            method: Method::Get,
            path: "/things".into(),
            name: "show_thing".into(),
            path_params: Vec::new(),
            query: None,
            request: None,
            response: Some(Body {
                object: Object {
                    fields: vec![field],
                },
                top: crate::model::Top::Object,
            }),
            statuses: Vec::new(),
            service: "compute".into(),
            min_microversion: None,
            max_microversion: None,
            check_field_versions: false,
            request_content_type: None,
            request_headers: Vec::new(),
            response_headers: Vec::new(),
        }
    }

    #[test]
    fn a_name_that_is_no_identifier_is_an_error_not_a_stand_in() {
        let mut field = Field::new("thing", FieldType::String);
        field.rust_name = Some("bad-name".into());
        let cx = Ctxt::new();
        let code = emit(&cx, &[endpoint(field)]);
        assert!(code.is_empty());
        let errors = cx.check().unwrap_err().0;
        assert_eq!(
            (errors[0].file.as_deref(), errors[0].line),
            (Some("x.rst"), 12)
        );
        assert_eq!(errors[0].kind, DiagnosticKind::EmitError);
        assert!(errors[0].message.contains("`bad-name`"), "{}", errors[0]);
    }

    #[test]
    fn a_good_endpoint_emits_without_diagnostics() {
        let cx = Ctxt::new();
        let code = emit(&cx, &[endpoint(Field::new("thing", FieldType::String))]);
        assert!(cx.is_empty());
        let code = format(&code).unwrap();
        assert!(code.contains("pub fn show_thing("), "{code}");
        assert!(code.contains(".prepare(&show_thing::OPERATION"), "{code}");
    }
}
