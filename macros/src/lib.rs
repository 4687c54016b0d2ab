//! `apiref::generate!("spec/compute")`: a thin door onto `apiref-generator`.
//!
//! Paths are relative to the invoking crate's `CARGO_MANIFEST_DIR` and may name
//! doc files or folders of docs. The expansion holds the generated items plus an
//! `include_bytes!` of every spec and overlay file read, so that editing one makes
//! cargo rebuild the crate (adding a new file to a folder needs a touch of the
//! invoking file: stable proc macros cannot watch folders).

#![deny(missing_docs)]

use apiref_generator::{Diagnostics, Generator};
use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{LitStr, Token, parse_macro_input};

/// Generates typed request/response types and one async function per doc.
///
/// ```ignore
/// mod compute {
///     apiref::generate!("spec/compute");
/// }
/// ```
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let paths = parse_macro_input!(input with Punctuated::<LitStr, Token![,]>::parse_terminated);
    if paths.is_empty() {
        return syn::Error::new(
            Span::call_site(),
            "expected a spec path, e.g. apiref::generate!(\"spec/compute\")",
        )
        .to_compile_error()
        .into();
    }
    let base = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_string());
    let generator = paths
        .iter()
        .fold(Generator::new(&base), |g, p| g.input(p.value()));
    match generator.generate() {
        Ok(output) => {
            let tracked = output.files.iter().filter_map(|f| f.to_str()).map(|f| {
                quote! { const _: &[u8] = include_bytes!(#f); }
            });
            let items = output.tokens;
            quote! {
                #items
                #(#tracked)*
            }
            .into()
        }
        Err(diagnostics) => errors(&paths, &diagnostics).into(),
    }
}

/// One `compile_error!` per diagnostic, on the path literal it belongs to. The
/// message carries `file:line:column` of the spec, since a span cannot point into it.
fn errors(
    paths: &Punctuated<LitStr, Token![,]>,
    diagnostics: &Diagnostics,
) -> proc_macro2::TokenStream {
    diagnostics
        .0
        .iter()
        .map(|d| {
            let span = paths
                .iter()
                .find(|p| {
                    d.file
                        .as_deref()
                        .is_some_and(|f| f.starts_with(p.value().trim_end_matches('/')))
                })
                .or_else(|| paths.first())
                .map_or_else(Span::call_site, LitStr::span);
            let message = match d.location() {
                Some(place) => format!("{place}: {}", d.message),
                None => d.message.clone(),
            };
            syn::Error::new(span, message).to_compile_error()
        })
        .collect()
}
