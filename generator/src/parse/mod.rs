//! The RST reader: one OpenStack API-reference `.rst` file in, a [`ParsedDoc`] out.
//!
//! The stages are small modules so each can be tested alone: `source_text` turns
//! bytes into lines, `grid_table` cuts a table into cells, `table_rows` gives the
//! cells their meaning, `example` reads the JSON examples, and `rst_reader` walks
//! the doc and ties them together. Problems become [`Diagnostic`]s with the file,
//! line and column; nothing here panics on input.

pub mod doc;
mod example;
mod grid_table;
pub mod os_api_ref;
mod rst_reader;
mod source_text;
mod table_rows;

pub use doc::*;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// Reads one doc. `file` is the name to print in diagnostics (as the user gave it).
///
/// Warnings (such as an example that is not JSON) are dropped; use
/// [`parse_doc_with_warnings`] to show them.
pub fn parse_doc(file: &str, bytes: &[u8]) -> Result<ParsedDoc, Diagnostics> {
    parse_doc_with_warnings(file, bytes).map(|(doc, _warnings)| doc)
}

/// Reads one doc and also returns the warnings found in a readable doc.
///
/// On failure the [`Diagnostics`] hold every error and warning, in document order.
pub fn parse_doc_with_warnings(
    file: &str,
    bytes: &[u8],
) -> Result<(ParsedDoc, Vec<Diagnostic>), Diagnostics> {
    let lines = source_text::split_lines(file, bytes)?;
    let mut diags = Vec::new();
    let doc = rst_reader::read_lines(file, &lines, &mut diags);
    diags.sort_by_key(|d| (d.line, d.column));
    match doc {
        Some(doc) if !diags.iter().any(Diagnostic::is_error) => Ok((doc, diags)),
        _ => Err(Diagnostics(diags)),
    }
}

/// Reads a file from disk (io errors become a Diagnostic at line 1 col 1 naming the problem).
pub fn read_doc(path: &std::path::Path, file: &str) -> Result<ParsedDoc, Diagnostics> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(file, 1, 1, format!("cannot read `{}`: {e}", path.display()))
    })?;
    parse_doc(file, &bytes)
}

#[cfg(test)]
mod tests;
