//! One endpoint: its module of types and its function.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::method::Method;
use crate::microversion::Microversion;
use crate::model::Endpoint;
use crate::names::{dedupe, field_ident, snake_case};

use super::docs::rst_to_markdown;
use super::runtime_path::RuntimePath;
use super::tokens::{doc_attr, ident};
use super::types::{Flavour, ModuleTypes};

/// The module `name { OPERATION, Request, Response, ... }` and `async fn name(...)`.
pub fn endpoint_tokens(
    endpoint: &Endpoint,
    service: &proc_macro2::Ident,
    rt: &RuntimePath,
) -> Result<TokenStream, String> {
    let name = ident(&field_ident(&endpoint.name))?;
    let mut types = ModuleTypes::default();
    if let Some(response) = &endpoint.response {
        types.add_root(
            "Response",
            format!("The body `{}` answers with.", endpoint.name),
            &response.object,
            Flavour::Response,
        );
    }
    if let Some(request) = &endpoint.request {
        types.add_root(
            "Request",
            format!("The body `{}` sends.", endpoint.name),
            &request.object,
            Flavour::Request,
        );
    }
    if let Some(query) = &endpoint.query {
        types.add_root(
            "Query",
            format!("The query string of `{}`.", endpoint.name),
            query,
            Flavour::Request,
        );
    }
    let type_defs = types.definitions(rt)?;
    let request_headers = super::headers::request_struct(endpoint, rt)?;
    let response_headers = super::headers::response_struct(endpoint, rt)?;
    let imports = imports(&types, rt);
    let operation = operation_const(endpoint, service, rt);
    let field_versions = field_versions_const(endpoint, rt);
    let module_doc = doc_attr(&module_doc(endpoint));
    let function = function(endpoint, &name, rt)?;
    Ok(quote! {
        #module_doc
        pub mod #name {
            #imports
            #operation
            #field_versions
            #type_defs
            #request_headers
            #response_headers
        }
        #function
    })
}

fn module_doc(e: &Endpoint) -> String {
    let mut doc = format!("{}: `{} {}`.", e.title, e.method, e.path);
    let description = rst_to_markdown(e.description.trim());
    if !description.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&description);
    }
    doc.push_str(&format!("\n\nGenerated from `{}`", basename(&e.file)));
    if let Some(overlay) = &e.overlay_file {
        doc.push_str(&format!(" with `{}`", basename(overlay)));
    }
    doc.push('.');
    doc
}

fn basename(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn imports(types: &ModuleTypes<'_>, rt: &RuntimePath) -> TokenStream {
    let mut runtime = Vec::new();
    if types.uses.extra {
        runtime.push(quote!(Extra));
    }
    if types.uses.json {
        runtime.push(quote!(Json));
    }
    if types.uses.nullable {
        runtime.push(quote!(Nullable));
    }
    if types.uses.or_empty {
        runtime.push(quote!(OrEmpty));
    }
    if types.uses.timestamp {
        runtime.push(quote!(Timestamp));
    }
    let serde = types.uses.serde_derive.then(|| {
        quote!(
            use #rt::__private::serde::{Deserialize, Serialize};
        )
    });
    let object = types.uses.object.then(|| quote!(use #rt::object;));
    let runtime = (!runtime.is_empty()).then(|| quote!(use #rt::{#(#runtime),*};));
    let map = types.uses.map.then(|| {
        quote!(
            use ::std::collections::BTreeMap;
        )
    });
    quote! { #serde #object #runtime #map }
}

fn operation_const(e: &Endpoint, service: &proc_macro2::Ident, rt: &RuntimePath) -> TokenStream {
    let name = &e.name;
    let method = method_variant(e.method);
    let path = &e.path;
    let statuses = e.statuses.iter().map(|s| Literal::u16_unsuffixed(s.code));
    let version = |v: Option<Microversion>| match v {
        Some(v) => {
            let (major, minor) = (
                Literal::u16_unsuffixed(v.major),
                Literal::u16_unsuffixed(v.minor),
            );
            quote!(Some(#rt::Version::new(#major, #minor)))
        }
        None => quote!(None),
    };
    let min = version(e.min_microversion);
    let max = version(e.max_microversion);
    quote! {
        /// What the endpoint function sends, and the response codes the doc lists.
        pub const OPERATION: #rt::Operation = #rt::Operation {
            name: #name,
            method: #rt::Method::#method,
            path: #path,
            service: &super::#service,
            documented_statuses: &[#(#statuses),*],
            min_microversion: #min,
            max_microversion: #max,
        };
    }
}

/// The runtime's `Method` variant.
fn method_variant(method: Method) -> TokenStream {
    match method {
        Method::Get => quote!(Get),
        Method::Post => quote!(Post),
        Method::Put => quote!(Put),
        Method::Delete => quote!(Delete),
        Method::Patch => quote!(Patch),
        Method::Head => quote!(Head),
    }
}

/// A request field's JSON path (names from the body's top), `since` and `until`.
type VersionedField = (Vec<String>, Option<Microversion>, Option<Microversion>);

/// The fields of `object` with a microversion range, as (JSON path, since,
/// until), arrays and maps passed through.
fn versioned_fields(object: &crate::model::Object) -> Vec<VersionedField> {
    fn walk(object: &crate::model::Object, at: &[String], out: &mut Vec<VersionedField>) {
        for field in &object.fields {
            let mut path = at.to_vec();
            path.push(field.json_name.clone());
            if field.since.is_some() || field.until.is_some() {
                out.push((path.clone(), field.since, field.until));
            }
            if let Some(inner) = field.ty.inner_object() {
                walk(inner, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(object, &[], &mut out);
    out
}

/// The request body's and the query string's versioned fields. Empty unless the
/// endpoint asks for the check.
fn checked_fields(e: &Endpoint) -> (Vec<VersionedField>, Vec<VersionedField>) {
    if !e.check_field_versions {
        return (Vec::new(), Vec::new());
    }
    let body = e
        .request
        .as_ref()
        .map_or_else(Vec::new, |b| versioned_fields(&b.object));
    let query = e.query.as_ref().map_or_else(Vec::new, versioned_fields);
    (body, query)
}

/// `REQUEST_FIELD_VERSIONS` and `QUERY_FIELD_VERSIONS`, each when it has entries.
fn field_versions_const(e: &Endpoint, rt: &RuntimePath) -> TokenStream {
    let version = |v: &Option<Microversion>| match v {
        Some(v) => {
            let (major, minor) = (
                Literal::u16_unsuffixed(v.major),
                Literal::u16_unsuffixed(v.minor),
            );
            quote!(Some(#rt::Version::new(#major, #minor)))
        }
        None => quote!(None),
    };
    let entries = |fields: &[VersionedField]| -> Vec<TokenStream> {
        fields
            .iter()
            .map(|(path, since, until)| {
                let (min, max) = (version(since), version(until));
                quote! {
                    #rt::FieldVersion { path: &[#(#path),*], min: #min, max: #max }
                }
            })
            .collect()
    };
    let (body, query) = checked_fields(e);
    let body = (!body.is_empty()).then(|| {
        let entries = entries(&body);
        quote! {
            /// Request fields that exist only in a range of microversions: the endpoint
            /// function refuses a request that sets one outside it, before sending.
            pub const REQUEST_FIELD_VERSIONS: &[#rt::FieldVersion] = &[#(#entries),*];
        }
    });
    let query = (!query.is_empty()).then(|| {
        let entries = entries(&query);
        quote! {
            /// Query parameters that exist only in a range of microversions: the
            /// endpoint function refuses a query that sets one outside it, before sending.
            pub const QUERY_FIELD_VERSIONS: &[#rt::FieldVersion] = &[#(#entries),*];
        }
    });
    quote! { #body #query }
}

fn function(
    e: &Endpoint,
    module: &proc_macro2::Ident,
    rt: &RuntimePath,
) -> Result<TokenStream, String> {
    let mut arg_names: Vec<String> = ["client".to_string()]
        .into_iter()
        .chain(e.path_params.iter().map(|p| snake_case(&p.name)))
        .chain(["query", "body", "headers", "microversion"].map(String::from))
        .collect();
    dedupe(&mut arg_names);
    let path_idents: Vec<_> = arg_names[1..=e.path_params.len()]
        .iter()
        .map(|n| ident(&field_ident(n)))
        .collect::<Result<_, _>>()?;
    let query_ident = ident(&arg_names[e.path_params.len() + 1])?;
    let body_ident = ident(&arg_names[e.path_params.len() + 2])?;
    let headers_ident = ident(&arg_names[e.path_params.len() + 3])?;
    let mv_ident = ident(&arg_names[e.path_params.len() + 4])?;

    let (body_fields, query_fields) = checked_fields(e);
    // Each part the operation takes is one call on the runtime's `Call`; the
    // ranged-field lists go with the part they check.
    let versions = |present: bool, list: TokenStream| {
        if present {
            quote!(#module::#list)
        } else {
            quote!(&[])
        }
    };
    let (query_arg, query_part) = match &e.query {
        Some(_) => {
            let fields = versions(!query_fields.is_empty(), quote!(QUERY_FIELD_VERSIONS));
            (
                Some(quote!(#query_ident: &#module::Query,)),
                Some(quote!(.query(#query_ident, #fields))),
            )
        }
        None => (None, None),
    };
    let (body_arg, body_part) = match &e.request {
        Some(_) => {
            let fields = versions(!body_fields.is_empty(), quote!(REQUEST_FIELD_VERSIONS));
            (
                Some(quote!(#body_ident: &#module::Request,)),
                Some(quote!(.body(#body_ident, #fields))),
            )
        }
        None => (None, None),
    };
    // Only an endpoint with caller headers takes them.
    let (headers_arg, headers_part) = if e.request_headers.is_empty() {
        (None, None)
    } else {
        let pairs = super::headers::request_pairs(e, &headers_ident)?;
        (
            Some(quote!(#headers_ident: &#module::RequestHeaders,)),
            Some(quote!(.headers(#pairs))),
        )
    };
    let response = match &e.response {
        Some(_) => quote!(#module::Response),
        None => quote!(()),
    };
    let doc = doc_attr(&function_doc(e));
    // A plain function returning the runtime's future, not an `async fn`: see the
    // runtime's `call` module for why (a quarter of a first `cargo check`).
    Ok(quote! {
        #doc
        pub fn #module(
            client: &#rt::Client,
            #(#path_idents: &str,)*
            #query_arg
            #body_arg
            #headers_arg
            #mv_ident: #rt::Microversion,
        ) -> #rt::Pending<#response> {
            client
                .prepare(&#module::OPERATION, &[#(#path_idents),*], #mv_ident)
                #query_part
                #body_part
                #headers_part
                .send()
        }
    })
}

fn function_doc(e: &Endpoint) -> String {
    let mut doc = format!("{}: `{} {}`.", e.title, e.method, e.path);
    let first = e
        .description
        .trim()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .trim();
    if !first.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&rst_to_markdown(first));
    }
    if !e.path_params.is_empty() {
        doc.push_str("\n\n# Path parameters\n");
        for p in &e.path_params {
            let description = rst_to_markdown(p.description.trim());
            doc.push_str(&format!("\n- `{}`: {}", snake_case(&p.name), description));
        }
    }
    let errors: Vec<String> = e
        .statuses
        .iter()
        .filter(|s| s.code >= 400)
        .map(|s| format!("{}", s.code))
        .collect();
    doc.push_str("\n\n# Errors\n\n");
    if errors.is_empty() {
        doc.push_str(
            "The doc lists no error codes: every error status is `Error::UnexpectedStatus`.",
        );
    } else {
        doc.push_str(&format!(
            "The doc lists {}: each is its own `apiref::runtime::Error` variant; any other status is `Error::UnexpectedStatus`.",
            errors.join(", ")
        ));
    }
    doc
}
