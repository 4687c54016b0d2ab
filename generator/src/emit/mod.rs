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
        let starts_item = ["///", "#[", "pub "].iter().any(|p| trimmed.starts_with(p));
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
