//! The headers of one endpoint that are the caller's business: `RequestHeaders`
//! (what the endpoint function sends beside the client's own headers) and
//! `ResponseHeaders` (what a reply carries that is data, like Keystone's
//! `X-Subject-Token` or Nova's `Location`, read from `Response::header`).
//!
//! A header named like a credential (`token`, `receipt`) is an
//! `apiref::runtime::Secret`, so `Debug` never prints it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Endpoint, HeaderParam};
use crate::names::{dedupe, field_ident, snake_case};

use super::docs::field_doc;
use super::runtime_path::RuntimePath;
use super::tokens::{doc_attr, ident};

/// One header as a struct field: its Rust name and whether it holds a credential.
struct HeaderField<'a> {
    header: &'a HeaderParam,
    rust: proc_macro2::Ident,
    secret: bool,
}

fn fields(headers: &[HeaderParam]) -> Result<Vec<HeaderField<'_>>, String> {
    let mut names: Vec<String> = headers.iter().map(|h| snake_case(&h.name)).collect();
    dedupe(&mut names);
    headers
        .iter()
        .zip(names)
        .map(|(header, name)| {
            let lower = header.name.to_ascii_lowercase();
            Ok(HeaderField {
                header,
                rust: ident(&field_ident(&name))?,
                secret: lower.contains("token") || lower.contains("receipt"),
            })
        })
        .collect()
}

fn doc(h: &HeaderParam) -> TokenStream {
    let text = format!(
        "`{}`: {}",
        h.name,
        field_doc(
            &h.description,
            None,
            h.since.map(|v| v.to_string()).as_deref(),
            h.until.map(|v| v.to_string()).as_deref(),
        )
    );
    doc_attr(&text)
}

/// `RequestHeaders`, when the endpoint has caller headers: a required one is a
/// plain field (leaving it out does not compile), an optional one an `Option`.
pub fn request_struct(e: &Endpoint, rt: &RuntimePath) -> Result<Option<TokenStream>, String> {
    if e.request_headers.is_empty() {
        return Ok(None);
    }
    let fields = fields(&e.request_headers)?;
    let defaultable = fields.iter().all(|f| !f.header.required);
    let items = fields.iter().map(|f| {
        let (doc, name) = (doc(f.header), &f.rust);
        let value = if f.secret {
            quote!(#rt::Secret)
        } else {
            quote!(String)
        };
        let ty = if f.header.required {
            value
        } else {
            quote!(Option<#value>)
        };
        quote! { #doc pub #name: #ty, }
    });
    let default = defaultable.then(|| quote!(Default,));
    let what = doc_attr(&format!(
        "The headers `{}` sends besides the client's own (token, microversion).",
        e.name
    ));
    Ok(Some(quote! {
        #what
        #[derive(Debug, Clone, PartialEq, Eq, #default)]
        pub struct RequestHeaders {
            #(#items)*
        }
    }))
}

/// What the endpoint function passes to `Client::call_with_headers`: each header's
/// name and value, `None` for an optional one not given.
pub fn request_pairs(e: &Endpoint, arg: &proc_macro2::Ident) -> Result<TokenStream, String> {
    let pairs = fields(&e.request_headers)?.into_iter().map(|f| {
        let (name, field) = (&f.header.name, &f.rust);
        let value = match (f.header.required, f.secret) {
            (true, true) => quote!(Some(#arg.#field.expose())),
            (true, false) => quote!(Some(#arg.#field.as_str())),
            (false, true) => quote!(#arg.#field.as_ref().map(|v| v.expose())),
            (false, false) => quote!(#arg.#field.as_deref()),
        };
        quote!((#name, #value))
    });
    Ok(quote!(&[#(#pairs),*]))
}

/// `ResponseHeaders` and its `of`, when a reply carries data in headers. Every
/// field is an `Option`: a server that leaves a header out is not a failed call.
pub fn response_struct(e: &Endpoint, rt: &RuntimePath) -> Result<Option<TokenStream>, String> {
    if e.response_headers.is_empty() {
        return Ok(None);
    }
    let fields = fields(&e.response_headers)?;
    let items = fields.iter().map(|f| {
        let (doc, name) = (doc(f.header), &f.rust);
        let ty = if f.secret {
            quote!(#rt::Secret)
        } else {
            quote!(String)
        };
        quote! { #doc pub #name: Option<#ty>, }
    });
    let reads = fields.iter().map(|f| {
        let (name, field) = (&f.header.name, &f.rust);
        let convert = if f.secret {
            quote!(#rt::Secret::new)
        } else {
            quote!(String::from)
        };
        quote!(#field: response.header(#name).map(#convert),)
    });
    let what = doc_attr(&format!(
        "The headers of `{}`'s reply that carry data (the request id and the \
         microversion are `Response::request_id` and `Response::microversion`).",
        e.name
    ));
    Ok(Some(quote! {
        #what
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct ResponseHeaders {
            #(#items)*
        }

        impl ResponseHeaders {
            /// Reads them from a reply.
            pub fn of<T>(response: &#rt::Response<T>) -> Self {
                ResponseHeaders {
                    #(#reads)*
                }
            }
        }
    }))
}
