//! The RST reader: one OpenStack API-reference `.rst` file in, a [`ParsedDoc`] out.
//!
//! The stages are small modules so each can be tested alone: `source_text` turns
//! bytes into lines, `grid_table` cuts a table into cells, `table_rows` gives the
//! cells their meaning, `example` reads the JSON examples, and `rst_reader` walks
//! the doc and ties them together. Every function reports into the doc's
//! [`FileCtxt`] (errors are parse errors, warnings invalid examples), with the
//! line and column; nothing here panics on input.

mod doc;
mod example;
mod grid_operation;
mod grid_table;
mod limits;
pub mod os_api_ref;
mod rst_reader;
mod source_text;
mod table_rows;

pub use doc::*;
pub use grid_operation::operation_of;
pub(crate) use limits::MAX_OBJECT_KEYS;

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind, Diagnostics, FileCtxt};

/// The reporter a doc reader uses: its errors are [`DiagnosticKind::ParseError`],
/// its warnings [`DiagnosticKind::InvalidExample`].
pub(crate) fn reader<'a>(cx: &'a Ctxt, file: &'a str) -> FileCtxt<'a> {
    cx.file(
        file,
        DiagnosticKind::ParseError,
        DiagnosticKind::InvalidExample,
    )
}

/// Reads one doc from bytes, reporting every problem into `cx` in document order.
/// `file` is the name to print (as the user gave it). The doc comes back only when
/// it has no error.
pub fn read_source(cx: &Ctxt, file: &str, bytes: &[u8]) -> Option<ParsedDoc> {
    // The doc's own context: its diagnostics are put in document order before
    // they join the caller's, and its errors decide whether it is returned.
    cx.unit(|own| {
        let doc = match source_text::split_lines(file, bytes) {
            Ok(lines) => rst_reader::read_lines(reader(own, file), &lines),
            Err(d) => {
                own.push(d);
                None
            }
        };
        own.sort_by_place();
        doc
    })
}

/// Reads one doc and returns it with the warnings found in it; on failure, every
/// error and warning, in document order.
pub fn parse_doc_with_warnings(
    file: &str,
    bytes: &[u8],
) -> Result<(ParsedDoc, Vec<Diagnostic>), Diagnostics> {
    let cx = Ctxt::new();
    let doc = read_source(&cx, file, bytes);
    let warnings = cx.check()?;
    match doc {
        Some(doc) => Ok((doc, warnings)),
        // read_source returns no doc only after reporting an error.
        None => Err(Diagnostics(warnings)),
    }
}

/// Reads one doc; its warnings are not wanted (use [`parse_doc_with_warnings`] or
/// [`read_source`] to have them).
pub fn parse_doc(file: &str, bytes: &[u8]) -> Result<ParsedDoc, Diagnostics> {
    parse_doc_with_warnings(file, bytes).map(|(doc, _warnings)| doc)
}

#[cfg(test)]
mod tests;
