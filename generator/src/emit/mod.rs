//! From the model to Rust source text (see `code` for why text), which the macro
//! hands to the compiler and the CLI formats with prettyplease.

mod code;
mod docs;
mod endpoint;
mod headers;
mod modules;
mod runtime_path;
mod service;
mod shared_types;
mod type_names;
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
    // Every part of a name must be an identifier before any module opens, so the
    // tree's braces always balance.
    let valid: Vec<&Endpoint> = endpoints
        .iter()
        .filter(|e| match modules::check_name(e) {
            Ok(()) => true,
            Err(message) => {
                report(cx, e, message);
                false
            }
        })
        .collect();
    // Each operation's code, its types not yet placed.
    let depth = |e: &Endpoint| e.name.matches("::").count();
    let mut parts: Vec<Option<endpoint::EndpointCode>> = valid
        .iter()
        .map(|e| {
            // The operation's own module sits one level below its resource's.
            let service = format!(
                "{}{}",
                "super::".repeat(depth(e) + 1),
                services[e.service.as_str()]
            );
            let made = modules::check_clash(e, endpoints)
                .and_then(|()| endpoint::endpoint_code(e, &service, rt));
            made.map_err(|message| report(cx, e, message)).ok()
        })
        .collect();
    // One type per shape, per service, in a module beside the resources.
    let mut shared: Vec<(String, Vec<shared_types::Def>)> = Vec::new();
    let mut taken: Vec<Vec<String>> = vec![Vec::new(); valid.len()];
    let mut shared_module_of: Vec<String> = vec![String::new(); valid.len()];
    for service in services.keys() {
        let module = shared_module_name(&services, service, &valid);
        let mine: Vec<usize> = (0..valid.len())
            .filter(|&i| valid[i].service == *service && parts[i].is_some())
            .collect();
        let mut defs: Vec<Vec<shared_types::Def>> = mine
            .iter()
            .map(|&i| {
                parts[i]
                    .as_mut()
                    .map(|p| std::mem::take(&mut p.defs))
                    .unwrap_or_default()
            })
            .collect();
        let sharing = shared_types::share(&mut defs);
        for ((&i, kept), names) in mine.iter().zip(defs).zip(sharing.taken) {
            if let Some(p) = parts[i].as_mut() {
                p.defs = kept;
            }
            taken[i] = names;
            shared_module_of[i] = module.clone();
        }
        if !sharing.shared.is_empty() {
            shared.push((module, sharing.shared));
        }
    }
    let emitted: Vec<&Endpoint> = valid
        .iter()
        .zip(&parts)
        .filter(|(_, p)| p.is_some())
        .map(|(e, _)| *e)
        .collect();
    let mut code = code::Code::new();
    for (module, defs) in &shared {
        let all: String = defs.iter().map(|d| d.code.as_str()).collect();
        let uses = defs
            .iter()
            .fold(types::Uses::default(), |u, d| u.union(d.uses));
        write!(
            code,
            "/// The types several operations share: one type per shape, which each \
             operation's module also names.\npub mod {module} {{\n{}",
            uses.imports(rt)
        );
        code.push(&all);
        code.push("}\n");
    }
    // Where each emitted operation's parts are: layout hands back the same
    // references it is given.
    let index: std::collections::HashMap<*const Endpoint, usize> = valid
        .iter()
        .enumerate()
        .map(|(i, e)| (std::ptr::from_ref::<Endpoint>(e), i))
        .collect();
    for (depth, item) in modules::layout(&emitted) {
        match item {
            modules::Item::Open(name) => modules::open(&mut code, &name, depth),
            modules::Item::Close => code.push("}\n"),
            modules::Item::Operation(e) => {
                let i = index[&std::ptr::from_ref::<Endpoint>(e)];
                if let Some(p) = &parts[i] {
                    let path = format!("{}{}", "super::".repeat(depth + 1), shared_module_of[i]);
                    p.write(&mut code, Some((&path, &taken[i])), rt);
                }
            }
        }
    }
    // Only what an emitted operation points at: a failed generation emits nothing.
    let mut all = service::service_consts(&services, &emitted, rt);
    all.append(code);
    all.into_string()
}

fn report(cx: &Ctxt, e: &Endpoint, message: String) {
    cx.file(
        &e.file,
        DiagnosticKind::EmitError,
        DiagnosticKind::EmitError,
    )
    .error(e.method_line, 1, message);
}

/// The shared types' module of `service`: `types`, or `<service>_types` when the
/// client holds several services; with `_shared` after it if a resource module
/// of that name exists (Cinder's volume `types`).
fn shared_module_name(
    services: &std::collections::BTreeMap<&str, code::Ident>,
    service: &str,
    endpoints: &[&Endpoint],
) -> String {
    let base = if services.len() == 1 {
        "types".to_owned()
    } else {
        format!("{}_types", service.replace('-', "_"))
    };
    let taken = endpoints
        .iter()
        .any(|e| e.name.split("::").next() == Some(base.as_str()));
    if taken {
        format!("{base}_shared")
    } else {
        base
    }
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

    /// `GET /things` of compute (`show_thing` in `x.rst`), answering `field`.
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
                fixed: None,
            }),
            statuses: Vec::new(),
            service: "compute".into(),
            min_microversion: None,
            max_microversion: None,
            check_field_versions: false,
            request_content_type: None,
            response_content_type: None,
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
