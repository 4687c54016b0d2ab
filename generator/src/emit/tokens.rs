//! Small token helpers that never panic on names from the input.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier from a name the generator made (`r#type` for raw ones). Names are
/// ASCII by construction (see [`crate::names`]); anything else becomes `invalid_name`
/// rather than a panic.
pub fn ident(name: &str) -> Ident {
    let valid = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && s != "_"
    };
    match name.strip_prefix("r#") {
        Some(raw) if valid(raw) && !matches!(raw, "self" | "Self" | "super" | "crate") => {
            Ident::new_raw(raw, Span::call_site())
        }
        None if valid(name) => Ident::new(name, Span::call_site()),
        _ => Ident::new("invalid_name", Span::call_site()),
    }
}

/// `#[doc = "..."]` lines; prettyplease prints them as `///` comments.
pub fn doc_attr(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}").trim_end().to_string());
    quote! { #(#[doc = #lines])* }
}
