//! Small token helpers that never panic on names from the input.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier from a name the generator made (`r#type` for raw ones). Names are
/// ASCII by construction (see [`crate::names`]); anything else is an error (a
/// generator bug) rather than a panic or a made-up name.
pub fn ident(name: &str) -> Result<Ident, String> {
    let valid = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && s != "_"
    };
    match name.strip_prefix("r#") {
        Some(raw) if valid(raw) && !matches!(raw, "self" | "Self" | "super" | "crate") => {
            Ok(Ident::new_raw(raw, Span::call_site()))
        }
        None if valid(name) => Ok(Ident::new(name, Span::call_site())),
        _ => Err(format!(
            "apiref made `{name}`, which is not a Rust identifier (a bug; please report it)"
        )),
    }
}

/// `#[doc = "..."]` lines; prettyplease prints them as `///` comments.
pub fn doc_attr(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}").trim_end().to_string());
    quote! { #(#[doc = #lines])* }
}
