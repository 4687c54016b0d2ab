//! From the model to Rust: tokens, then text formatted by prettyplease.

mod docs;
mod endpoint;
mod tokens;
mod types;

use proc_macro2::TokenStream;

use crate::model::Endpoint;

pub use docs::rst_to_markdown;

/// The tokens of every endpoint, in the order given.
pub fn emit(endpoints: &[Endpoint]) -> TokenStream {
    endpoints.iter().map(endpoint::endpoint_tokens).collect()
}

/// Formats tokens as a file a person can read. A failure here is a generator bug,
/// reported as a message rather than a panic.
pub fn format(tokens: TokenStream) -> Result<String, String> {
    let file = syn::parse2::<syn::File>(tokens)
        .map_err(|e| format!("apiref generated invalid Rust (a bug; please report it): {e}"))?;
    Ok(prettyplease::unparse(&file))
}
