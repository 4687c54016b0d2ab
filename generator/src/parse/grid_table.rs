//! The geometry of an RST grid table, before anyone asks what its columns mean.
//!
//! Column boundaries come from the `+` positions of the table's first border, and
//! every later line must put `|` or `+` at exactly those character positions: the
//! docs were produced by a converter, so a line that does not line up is a broken
//! doc, and guessing where its cells end would silently move text between columns.
//! Cells are kept as their raw text per line so the callers can decide how wrapped
//! fragments join (names and types join differently from descriptions).

use super::source_text::Line;
use crate::diagnostic::FileCtxt;

/// A grid table cut into rows and cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridTable {
    /// Line of the first border.
    pub line: usize,
    /// 0-based character positions of the `+`s in the first border.
    pub boundaries: Vec<usize>,
    /// The rows above the `+===+` separator, merged into one; `None` without one.
    pub header: Option<GridRow>,
    /// The rows below the header, in order; duplicated borders yield no row.
    pub rows: Vec<GridRow>,
}

/// The text lines between two borders.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridRow {
    /// Line of the row's first text line.
    pub line: usize,
    /// For each column, the raw text between the `|`s on each line, padding kept.
    pub cells: Vec<Vec<String>>,
}

/// Reports at most this many ragged lines per table: one bad width usually breaks
/// every line after it, and a screenful of copies hides the first, useful one.
const MAX_RAGGED_REPORTS: usize = 5;

impl GridTable {
    pub fn column_count(&self) -> usize {
        self.boundaries.len().saturating_sub(1)
    }

    /// The 1-based column of the first character inside column `index`.
    pub fn cell_column(&self, index: usize) -> usize {
        self.boundaries.get(index).map_or(1, |b| b + 2)
    }
}

impl GridRow {
    /// The column's text lines, trimmed, blank ones dropped.
    pub fn fragments(&self, column: usize) -> impl Iterator<Item = &str> {
        self.cells
            .get(column)
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().flatten().all(|s| s.trim().is_empty())
    }
}

/// Reads the table whose first border is `lines[start]`.
///
/// Returns the table (or `None` if it is malformed, with the reasons pushed to
/// `cx`) and the index of the first line after it.
pub(crate) fn read_grid_table(
    cx: FileCtxt<'_>,
    lines: &[Line<'_>],
    start: usize,
) -> (Option<GridTable>, usize) {
    let end = lines
        .iter()
        .skip(start)
        .position(|l| !is_table_line(l.text))
        .map_or(lines.len(), |n| start + n);
    let table_lines = lines.get(start..end).unwrap_or_default();
    (parse_lines(cx, table_lines), end)
}

/// Whether a line belongs to a grid table (a border or a row of cells).
pub(crate) fn is_table_line(text: &str) -> bool {
    text.starts_with('+') || text.starts_with('|')
}

fn parse_lines(cx: FileCtxt<'_>, lines: &[Line<'_>]) -> Option<GridTable> {
    let first = lines.first()?;
    let first_chars: Vec<char> = first.text.chars().collect();
    let boundaries: Vec<usize> = first_chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '+')
        .map(|(i, _)| i)
        .collect();
    let width = first_chars.len();
    if boundaries.len() < 2 || first_chars.last() != Some(&'+') {
        cx.error(
            first.number,
            width + 1,
            "malformed table border: expected it to end with `+`",
        );
        return None;
    }

    let mut is_boundary = vec![false; width];
    for b in &boundaries {
        if let Some(slot) = is_boundary.get_mut(*b) {
            *slot = true;
        }
    }
    let mut ok = true;
    let mut ragged_reports = 0;
    for line in lines {
        if let Some((column, message)) = check_line(line.text, &boundaries, &is_boundary) {
            ok = false;
            if ragged_reports < MAX_RAGGED_REPORTS {
                cx.error(line.number, column, message);
            }
            ragged_reports += 1;
        }
    }
    if ragged_reports > MAX_RAGGED_REPORTS
        && let Some(last) = lines.last()
    {
        cx.error(
            last.number,
            1,
            format!(
                "{} more ragged lines in the table starting at line {} were not reported",
                ragged_reports - MAX_RAGGED_REPORTS,
                first.number
            ),
        );
    }

    if let Some(last) = lines.last()
        && last.text.starts_with('|')
    {
        ok = false;
        cx.error(
            last.number,
            last.end_column(),
            format!(
                "unterminated table: expected a closing `+---+` border after line {}",
                last.number
            ),
        );
    }
    if !ok {
        return None;
    }
    assemble(cx, first.number, boundaries, lines)
}

/// Checks one line against the first border; returns the first mismatch.
///
/// `is_boundary` has one flag per character of the first border, so a very wide
/// table with many columns stays linear to check.
fn check_line(text: &str, boundaries: &[usize], is_boundary: &[bool]) -> Option<(usize, String)> {
    let width = is_boundary.len();
    let chars: Vec<char> = text.chars().collect();
    let is_border = chars.first() == Some(&'+');
    let edge = if is_border { '+' } else { '|' };
    let fill = if is_border {
        match chars.get(1) {
            Some('=') => Some('='),
            _ => Some('-'),
        }
    } else {
        None
    };
    if let Some(tab) = chars.iter().position(|c| *c == '\t') {
        return Some((
            tab + 1,
            "tab character in a table: grid tables must be aligned with spaces".to_string(),
        ));
    }
    // A cell line is checked only at the column boundaries (its cells hold any text);
    // a border at every position. Skipping the cells keeps the check cheap, which
    // matters because the macro runs it unoptimised in a debug build.
    let positions: Box<dyn Iterator<Item = usize> + '_> = if is_border {
        Box::new(0..width)
    } else {
        Box::new(boundaries.iter().copied())
    };
    for pos in positions {
        let expected = if is_boundary.get(pos).copied().unwrap_or(false) {
            Some(edge)
        } else {
            fill
        };
        let Some(expected) = expected else { continue };
        match chars.get(pos) {
            Some(c) if *c == expected => {}
            Some(c) => {
                return Some((
                    pos + 1,
                    format!(
                        "ragged table: expected `{expected}` at column {}, found `{c}`",
                        pos + 1
                    ),
                ));
            }
            None => {
                // For a short row, name the `|` it is missing, not a padding space.
                let at = if is_border {
                    pos
                } else {
                    boundaries
                        .iter()
                        .copied()
                        .find(|b| *b >= pos)
                        .unwrap_or(pos)
                };
                return Some((
                    at + 1,
                    format!(
                        "ragged table: expected `{edge}` at column {} (the line ends at column {})",
                        at + 1,
                        chars.len() + 1
                    ),
                ));
            }
        }
    }
    if chars.len() > width {
        return Some((
            width + 1,
            format!(
                "ragged table: unexpected text after the last column at column {} (the first border ends at column {width})",
                width + 1
            ),
        ));
    }
    None
}

/// Groups checked lines into header and body rows.
fn assemble(
    cx: FileCtxt<'_>,
    line: usize,
    boundaries: Vec<usize>,
    lines: &[Line<'_>],
) -> Option<GridTable> {
    let columns = boundaries.len() - 1;
    let mut header: Option<GridRow> = None;
    let mut seen_header_separator = false;
    let mut rows: Vec<GridRow> = Vec::new();
    let mut current: Option<GridRow> = None;

    for l in lines {
        if l.text.starts_with('|') {
            let row = current.get_or_insert_with(|| GridRow {
                line: l.number,
                cells: vec![Vec::new(); columns],
            });
            let chars: Vec<char> = l.text.chars().collect();
            for (column, cell) in row.cells.iter_mut().enumerate() {
                let (from, to) = match (boundaries.get(column), boundaries.get(column + 1)) {
                    (Some(a), Some(b)) => (a + 1, *b),
                    _ => continue,
                };
                cell.push(chars.get(from..to).unwrap_or_default().iter().collect());
            }
            continue;
        }
        let finished = current.take();
        if l.text.starts_with("+=") {
            if seen_header_separator {
                cx.error(
                    l.number,
                    1,
                    "a table can have only one `+===+` header separator",
                );
                return None;
            }
            seen_header_separator = true;
            // Everything above the separator is the header, even if split by borders.
            let mut above = rows.drain(..).chain(finished);
            header = above.next().map(|mut first| {
                for more in above {
                    for (cell, extra) in first.cells.iter_mut().zip(more.cells) {
                        cell.extend(extra);
                    }
                }
                first
            });
        } else if let Some(row) = finished {
            rows.push(row);
        }
    }
    Some(GridTable {
        line,
        boundaries,
        header,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Ctxt, Diagnostic};
    use crate::parse::reader;
    use crate::parse::source_text::split_lines;

    fn read(text: &str) -> (Option<GridTable>, usize, Vec<Diagnostic>) {
        let lines = split_lines("t.rst", text.as_bytes()).unwrap();
        let cx = Ctxt::new();
        let (table, next) = read_grid_table(reader(&cx, "t.rst"), &lines, 0);
        (table, next, cx.into_diagnostics())
    }

    const SIMPLE: &str = "\
+----+-----+
|Name|Type |
+====+=====+
|a-  |x    |
|b   |     |
+----+-----+
+----+-----+
|    |     |
+----+-----+
after
";

    #[test]
    fn rows_between_borders_with_duplicated_separator() {
        let (table, next, diags) = read(SIMPLE);
        assert!(diags.is_empty(), "{diags:?}");
        let table = table.unwrap();
        assert_eq!(next, 9);
        assert_eq!(table.column_count(), 2);
        assert_eq!(table.header.as_ref().unwrap().line, 2);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].line, 4);
        assert_eq!(table.rows[0].cells[0], ["a-  ", "b   "]);
        assert!(table.rows[1].is_blank());
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let (table, _, diags) = read("+---+--+\n|±±±|ok|\n+---+--+\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(table.unwrap().rows[0].cells[0], ["±±±"]);
    }

    #[test]
    fn short_row_names_the_missing_pipe() {
        let (table, _, diags) = read("+----+-----+\n|a   |b    |\n|a   |b\n+----+-----+\n");
        assert!(table.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (3, 12));
        assert!(
            diags[0]
                .message
                .starts_with("ragged table: expected `|` at column 12"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn misplaced_pipe_is_reported_at_its_column() {
        let (_, _, diags) = read("+----+-----+\n|a    |b   |\n+----+-----+\n");
        assert_eq!((diags[0].line, diags[0].column), (2, 6));
        assert!(
            diags[0].message.contains("expected `|` at column 6"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn long_border_is_reported_after_the_last_column() {
        let (_, _, diags) = read("+----+-----+\n|a   |b    |\n+----+-----+--+\n");
        assert_eq!((diags[0].line, diags[0].column), (3, 13));
        assert!(diags[0].message.contains("after the last column"));
    }

    #[test]
    fn unterminated_table_is_an_error() {
        let (table, next, diags) = read("+----+\n|a   |\n|b   |\nprose\n");
        assert!(table.is_none());
        assert_eq!(next, 3);
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (3, 7));
        assert!(diags[0].message.starts_with("unterminated table"));
    }

    #[test]
    fn tab_in_table_is_an_error() {
        let (_, _, diags) = read("+----+\n|a\t  |\n+----+\n");
        assert_eq!((diags[0].line, diags[0].column), (2, 3));
        assert!(diags[0].message.contains("tab"));
    }

    #[test]
    fn border_without_closing_plus() {
        let (table, _, diags) = read("+-----\n");
        assert!(table.is_none());
        assert_eq!((diags[0].line, diags[0].column), (1, 7));
    }

    #[test]
    fn ragged_reports_are_capped() {
        let mut text = String::from("+--+\n");
        for _ in 0..20 {
            text.push_str("|a|\n");
        }
        text.push_str("+--+\n");
        let (_, _, diags) = read(&text);
        assert_eq!(diags.len(), MAX_RAGGED_REPORTS + 1);
        assert!(
            diags[MAX_RAGGED_REPORTS]
                .message
                .contains("15 more ragged lines")
        );
    }
}
