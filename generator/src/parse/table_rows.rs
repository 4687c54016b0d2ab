//! What a grid table's columns mean: the intro sentence picks the kind, the header
//! is checked against it, and wrapped cell lines are joined into one value per cell.
//!
//! The joining rules follow how the converter wrapped text: names have no spaces,
//! so it broke them at hyphens and colons and the pieces join without a space;
//! prose was broken at spaces, so descriptions join with one; types are a token plus
//! an optional `*(Required)*` marker, which may land on a line of its own.

use super::doc::{CodeRow, ParamRow, Row, Table, TableKind};
use super::grid_table::GridTable;
use crate::diagnostic::FileCtxt;

/// The marker a doc puts after a required parameter's type.
const REQUIRED_MARKER: &str = "*(Required)*";

const PARAM_HEADERS: [&str; 3] = ["Name", "Type", "Description"];
const CODE_HEADERS: [&str; 3] = ["Response Code", "Name", "Description"];

/// The kind of table an intro sentence ("This table shows the ... :") announces.
pub(crate) fn kind_of_intro(text: &str) -> Option<TableKind> {
    let text = text.trim().to_ascii_lowercase();
    if !text.starts_with("this table shows") {
        return None;
    }
    if text.contains("response codes") {
        Some(TableKind::ResponseCodes)
    } else if text.contains("uri parameters") {
        Some(TableKind::Uri)
    } else if text.contains("query parameters") {
        Some(TableKind::Query)
    } else if text.contains("body parameters for the request") {
        Some(TableKind::RequestBody)
    } else if text.contains("body parameters for the response") {
        Some(TableKind::ResponseBody)
    } else {
        None
    }
}

/// Whether a line reads like a table intro, known or not, so an unknown one is
/// reported instead of its table being blamed for having no intro.
pub(crate) fn looks_like_intro(text: &str) -> bool {
    text.trim()
        .to_ascii_lowercase()
        .starts_with("this table shows")
}

/// Turns a checked grid table into typed rows; `None` if its shape does not fit.
pub(crate) fn build_table(cx: FileCtxt<'_>, kind: TableKind, grid: &GridTable) -> Option<Table> {
    let headers = if kind == TableKind::ResponseCodes {
        CODE_HEADERS
    } else {
        PARAM_HEADERS
    };
    if !check_shape(cx, kind, &headers, grid) {
        return None;
    }
    let rows = grid
        .rows
        .iter()
        .filter(|row| !row.is_blank())
        .map(|row| {
            if kind == TableKind::ResponseCodes {
                Row::Code(CodeRow {
                    code: row.fragments(0).collect(),
                    name: join_words(row.fragments(1)),
                    description: join_words(row.fragments(2)),
                    line: row.line,
                })
            } else {
                let (ty, required) = split_type(row.cells.get(1).map_or(&[][..], Vec::as_slice));
                let name: String = row.fragments(0).collect();
                if let Err(e) = super::limits::check_name(&name) {
                    cx.error(row.line, 2, format!("row {e}"));
                }
                Row::Param(ParamRow {
                    name,
                    ty,
                    required,
                    description: join_words(row.fragments(2)),
                    line: row.line,
                })
            }
        })
        .collect();
    Some(Table {
        kind,
        line: grid.line,
        rows,
    })
}

/// Checks the column count and the header row; reports every mismatch.
fn check_shape(cx: FileCtxt<'_>, kind: TableKind, headers: &[&str; 3], grid: &GridTable) -> bool {
    let expected = headers.join(", ");
    let found = grid.column_count();
    if found != headers.len() {
        let message = match headers.get(found..) {
            Some(missing) => format!(
                "missing column `{}`: a {} table has {} columns ({expected}), this one has {found}",
                missing.join("`, `"),
                kind_label(kind),
                headers.len()
            ),
            None => format!(
                "unexpected extra column: a {} table has {} columns ({expected}), this one has {found}",
                kind_label(kind),
                headers.len()
            ),
        };
        cx.error(grid.line, 1, message);
        return false;
    }
    let Some(header) = &grid.header else {
        cx.error(
            grid.line,
            1,
            format!(
                "table has no header row: expected `{}` above a `+===+` border",
                headers.join("|")
            ),
        );
        return false;
    };
    let mut ok = true;
    for (index, want) in headers.iter().enumerate() {
        let got = join_words(header.fragments(index));
        if !got.eq_ignore_ascii_case(want) {
            ok = false;
            cx.error(
                header.line,
                grid.cell_column(index),
                format!(
                    "expected column header `{want}` in column {} of a {} table, found `{got}`",
                    index + 1,
                    kind_label(kind)
                ),
            );
        }
    }
    ok
}

fn kind_label(kind: TableKind) -> &'static str {
    match kind {
        TableKind::ResponseCodes => "response-code",
        TableKind::Uri => "URI-parameter",
        TableKind::Query => "query-parameter",
        TableKind::RequestBody => "request-body",
        TableKind::ResponseBody => "response-body",
    }
}

fn join_words<'a>(fragments: impl Iterator<Item = &'a str>) -> String {
    fragments.collect::<Vec<_>>().join(" ")
}

/// Joins a type cell's lines and takes out the Required marker, wherever it is.
///
/// Lines join with a space, except where a line fills the cell to its right edge:
/// there the converter had to break a token that did not fit (`csapi:ServerFor` /
/// `Create`), and a space would change the type.
fn split_type(raw_lines: &[String]) -> (String, bool) {
    let mut joined = String::new();
    let mut glue = "";
    for raw in raw_lines {
        let fragment = raw.trim();
        if fragment.is_empty() {
            continue;
        }
        joined.push_str(glue);
        joined.push_str(fragment);
        let fills_cell = raw.trim_end().len() == raw.len();
        glue = if fills_cell { "" } else { " " };
    }
    let required = joined.contains(REQUIRED_MARKER);
    let ty = joined.replace(REQUIRED_MARKER, " ");
    (
        ty.split_whitespace().collect::<Vec<_>>().join(" "),
        required,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Ctxt, Diagnostic};
    use crate::parse::grid_table::read_grid_table;
    use crate::parse::reader;
    use crate::parse::source_text::split_lines;

    fn table(kind: TableKind, text: &str) -> (Option<Table>, Vec<Diagnostic>) {
        let lines = split_lines("t.rst", text.as_bytes()).unwrap();
        let cx = Ctxt::new();
        let (grid, _) = read_grid_table(reader(&cx, "t.rst"), &lines, 0);
        assert!(cx.is_empty(), "{cx:?}");
        let table = build_table(reader(&cx, "t.rst"), kind, &grid.unwrap());
        (table, cx.into_diagnostics())
    }

    fn params(table: &Table) -> Vec<(&str, &str, bool)> {
        table
            .params()
            .map(|p| (p.name.as_str(), p.ty.as_str(), p.required))
            .collect()
    }

    const BODY: &str = "\
+----------------+-------------+-----------+
|Name            |Type         |Description|
+================+=============+===========+
|OS-EXT-SRV-     |csapi:string |The host   |
|ATTR:host       |*(Required)* |name.      |
+----------------+-------------+-----------+
+----------------+-------------+-----------+
|server          |csapi:ServerF|server.    |
|                |orCreate     |           |
|                |*(Required)* |           |
+----------------+-------------+-----------+
|pool            |             |Pool.      |
+----------------+-------------+-----------+
|                |             |           |
+----------------+-------------+-----------+
|id              |xsd:int *(Req|The id.    |
|                |uired)*      |           |
+----------------+-------------+-----------+
";

    #[test]
    fn wrapped_names_and_types_join_and_required_is_detected() {
        let (table, diags) = table(TableKind::RequestBody, BODY);
        assert!(diags.is_empty(), "{diags:?}");
        let table = table.unwrap();
        assert_eq!(
            params(&table),
            [
                ("OS-EXT-SRV-ATTR:host", "csapi:string", true),
                ("server", "csapi:ServerForCreate", true),
                ("pool", "", false),
                ("id", "xsd:int", true),
            ]
        );
        let first = table.params().next().unwrap();
        assert_eq!(first.description, "The host name.");
        assert_eq!(first.line, 4);
    }

    #[test]
    fn marker_on_the_same_line_and_optional_types() {
        assert_eq!(
            split_type(&["xsd:string *(Required)*  ".into()]),
            ("xsd:string".into(), true)
        );
        assert_eq!(
            split_type(&["csapi:UUID    ".into()]),
            ("csapi:UUID".into(), false)
        );
        assert_eq!(
            split_type(&["      ".into(), "    ".into()]),
            (String::new(), false)
        );
    }

    #[test]
    fn response_codes_skip_empty_rows_and_join_names_with_spaces() {
        let text = "\
+-------------+-----------+-----+
|Response Code|Name       |Desc |
+=============+===========+=====+
";
        let (_, diags) = {
            let lines = split_lines("t.rst", text.as_bytes()).unwrap();
            let cx = Ctxt::new();
            let (grid, _) = read_grid_table(reader(&cx, "t.rst"), &lines, 0);
            let t = build_table(
                reader(&cx, "t.rst"),
                TableKind::ResponseCodes,
                &grid.unwrap(),
            );
            (t, cx.into_diagnostics())
        };
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (2, 28));
        assert!(
            diags[0]
                .message
                .contains("expected column header `Description`")
        );

        let text = "\
+-------------+-----------+-----------+
|Response Code|Name       |Description|
+=============+===========+===========+
|200          |Update:    |           |
|             |JSON       |           |
+-------------+-----------+-----------+
+-------------+-----------+-----------+
|             |           |           |
+-------------+-----------+-----------+
|404          |           |           |
+-------------+-----------+-----------+
";
        let (table, diags) = table(TableKind::ResponseCodes, text);
        assert!(diags.is_empty(), "{diags:?}");
        let codes: Vec<_> = table
            .unwrap()
            .codes()
            .map(|c| (c.code.clone(), c.name.clone(), c.line))
            .collect();
        assert_eq!(
            codes,
            [
                ("200".into(), "Update: JSON".into(), 4),
                ("404".into(), String::new(), 10)
            ]
        );
    }

    #[test]
    fn missing_column_names_the_line_and_column() {
        let text = "\
+----+-----+
|Name|Type |
+====+=====+
|a   |b    |
+----+-----+
";
        let (table, diags) = table(TableKind::Uri, text);
        assert!(table.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (1, 1));
        assert!(
            diags[0].message.starts_with("missing column `Description`"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn extra_column_is_reported() {
        let text = "+-+-+-+-+\n|a|b|c|d|\n+=+=+=+=+\n";
        let (_, diags) = table(TableKind::Query, text);
        assert!(diags[0].message.starts_with("unexpected extra column"));
    }

    #[test]
    fn table_without_header_separator_is_reported() {
        let text = "+----+----+-----------+\n|Name|Type|Description|\n+----+----+-----------+\n";
        let (_, diags) = table(TableKind::Uri, text);
        assert!(diags[0].message.starts_with("table has no header row"));
    }

    #[test]
    fn intro_sentences_of_the_corpus() {
        let cases = [
            (
                "This table shows the possible response codes for this operation:",
                TableKind::ResponseCodes,
            ),
            (
                "This table shows the URI parameters for the request:",
                TableKind::Uri,
            ),
            (
                "This table shows the query parameters for the request:",
                TableKind::Query,
            ),
            (
                "This table shows the body parameters for the request:",
                TableKind::RequestBody,
            ),
            (
                "This table shows the body parameters for the response:",
                TableKind::ResponseBody,
            ),
        ];
        for (text, kind) in cases {
            assert_eq!(kind_of_intro(text), Some(kind), "{text}");
        }
        assert_eq!(kind_of_intro("This table shows the weather:"), None);
        assert!(looks_like_intro("This table shows the weather:"));
    }
}
