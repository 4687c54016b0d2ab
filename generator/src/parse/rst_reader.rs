//! The walk over one doc: title, method line, description, then the tables and
//! examples in document order.
//!
//! This is not a general RST parser. The docs come from one converter and follow
//! one layout, so the reader knows that layout and says precisely where a doc leaves
//! it, rather than accepting any RST and guessing what it meant.

use super::doc::{ExampleKind, ParsedDoc, TableKind};
use super::example::{looks_like_heading, read_example};
use super::grid_table::{is_table_line, read_grid_table};
use super::source_text::Line;
use super::table_rows::{build_table, kind_of_intro, looks_like_intro};
use crate::diagnostic::FileCtxt;
use crate::method::Method;

/// What the `.. code-block::` search found.
struct MethodLine {
    /// Index of the `METHOD /path` line.
    at: usize,
    method: String,
    path: String,
}

/// Reads a doc's lines; every problem found goes to `cx`, and the doc is
/// returned only if none of them is an error.
pub(crate) fn read_lines(cx: FileCtxt<'_>, lines: &[Line<'_>]) -> Option<ParsedDoc> {
    let title = read_title(lines);
    if let Err(e) = super::limits::check_title(&title) {
        let line = lines
            .iter()
            .find(|l| l.text.trim_start().starts_with(title.as_str()))
            .map_or(1, |l| l.number);
        cx.error(line, 1, e);
    }
    let method = find_method_line(cx, lines);
    let body_start = match &method {
        Ok(m) => m.at + 1,
        Err(resume_at) => *resume_at,
    };
    let description = read_description(lines.get(body_start..).unwrap_or_default());
    let mut doc = ParsedDoc {
        file: cx.name().to_string(),
        title,
        method: String::new(),
        path: String::new(),
        method_line: 0,
        description,
        tables: Vec::new(),
        examples: Vec::new(),
    };
    read_body(cx, lines, body_start, &mut doc);
    let m = method.ok()?;
    if cx.ctxt().has_errors() {
        return None;
    }
    doc.method_line = lines.get(m.at).map_or(0, |l| l.number);
    doc.method = m.method;
    doc.path = m.path;
    Some(doc)
}

/// The title block is `====` / `Title -  OpenStack ...` / `====`; the suffix names
/// the API, not the endpoint, so it is cut off.
fn read_title(lines: &[Line<'_>]) -> String {
    let mut non_blank = lines.iter().filter(|l| !l.is_blank());
    let title_line = match (non_blank.next(), non_blank.next()) {
        (Some(over), Some(title)) if is_underline(over.text) => title.text,
        (Some(title), Some(under)) if is_underline(under.text) => title.text,
        _ => return String::new(),
    };
    let title = title_line.trim();
    match title.find(" - ").filter(|i| {
        title
            .get(i + 3..)
            .is_some_and(|rest| rest.trim_start().starts_with("OpenStack"))
    }) {
        Some(i) => title.get(..i).unwrap_or(title).trim().to_string(),
        None => title.to_string(),
    }
}

/// Finds `METHOD /path` on the first non-blank line after `.. code-block::`.
///
/// On failure, reports it and returns where the body walk should resume, so the
/// rest of the doc is still checked.
fn find_method_line(cx: FileCtxt<'_>, lines: &[Line<'_>]) -> Result<MethodLine, usize> {
    let Some(block_at) = lines
        .iter()
        .position(|l| l.text.trim_start().starts_with(".. code-block::"))
    else {
        cx.error(1,
            1,
            "no `METHOD /path` line found: expected `.. code-block:: javascript` followed by an indented line like `GET /v2.1/{tenant_id}/servers`",
        );
        return Err(0);
    };
    let found = lines
        .iter()
        .enumerate()
        .skip(block_at + 1)
        .find(|(_, l)| !l.is_blank());
    let Some((at, line)) = found else {
        let block = lines.get(block_at).copied();
        cx.error(
            block.map_or(1, |l| l.number),
            block.map_or(1, |l| l.end_column()),
            "expected `METHOD /path` after `.. code-block:: javascript`, found the end of the doc",
        );
        return Err(lines.len());
    };
    let indented = line.text.starts_with(char::is_whitespace);
    match parse_method_line(line.text) {
        Some((method, path)) if indented => match Method::from_doc(&method) {
            Some(_) => match super::limits::check_path(&path) {
                Ok(()) => Ok(MethodLine { at, method, path }),
                Err(problem) => {
                    // The path is the line's second word, after the method.
                    let start = line
                        .text
                        .find(method.as_str())
                        .map_or(0, |m| m + method.len());
                    let path_at = line.text[start..].find('/').map_or(start, |p| start + p);
                    let before = line
                        .text
                        .get(..path_at + problem.offset)
                        .unwrap_or(line.text);
                    cx.error(line.number, before.chars().count() + 1, problem.message);
                    Err(at + 1)
                }
            },
            None => {
                // The word is at the line's first non-blank character.
                let column = line.text.chars().take_while(|c| c.is_whitespace()).count() + 1;
                cx.error(
                    line.number,
                    column,
                    format!(
                        "unknown HTTP method `{method}`: expected {}",
                        Method::accepted()
                    ),
                );
                Err(at + 1)
            }
        },
        _ => {
            let shown: String = line.text.trim().chars().take(60).collect();
            cx.error(
                line.number,
                1,
                format!(
                    "expected `METHOD /path` after `.. code-block:: javascript`, found `{shown}`"
                ),
            );
            Err(if indented { at + 1 } else { at })
        }
    }
}

fn parse_method_line(text: &str) -> Option<(String, String)> {
    let mut words = text.split_whitespace();
    let (method, path) = (words.next()?, words.next()?);
    let method_ok = method.chars().all(|c| c.is_ascii_uppercase());
    if words.next().is_some() || !method_ok || !path.starts_with('/') {
        return None;
    }
    Some((method.to_string(), path.to_string()))
}

/// The prose after the method line, up to the first table, heading or example.
fn read_description(lines: &[Line<'_>]) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        let next_is_underline = lines.get(i + 1).is_some_and(|n| is_underline(n.text));
        if looks_like_intro(text)
            || is_table_line(line.text)
            || looks_like_heading(text)
            || text.starts_with(".. ")
            || is_underline(text)
            || (!text.is_empty() && next_is_underline)
        {
            break;
        }
        if text.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(text);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs.join("\n\n")
}

/// A section underline or title-block border: one punctuation character repeated.
fn is_underline(text: &str) -> bool {
    let text = text.trim_end();
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if "=-~^\"'`#*:.".contains(c) => text.chars().count() >= 3 && chars.all(|d| d == c),
        _ => false,
    }
}

/// Walks tables and examples, tracking the pending intro sentence and the section.
fn read_body(cx: FileCtxt<'_>, lines: &[Line<'_>], start: usize, doc: &mut ParsedDoc) {
    let mut i = start;
    let mut section: Option<ExampleKind> = None;
    let mut intro: Option<(TableKind, Line<'_>)> = None;
    while let Some(line) = lines.get(i).copied() {
        let text = line.text;
        if text.starts_with('+') {
            let (grid, next) = read_grid_table(cx, lines, i);
            match (intro.take(), grid) {
                (Some((kind, _)), Some(grid)) => {
                    if let Some(table) = build_table(cx, kind, &grid) {
                        doc.tables.push(table);
                    }
                }
                (None, _) => cx.error(line.number,
                    1,
                    "table without an intro sentence: expected a line like `This table shows the URI parameters for the request:` before it",
                ),
                (Some(_), None) => {}
            }
            i = next.max(i + 1);
            continue;
        }
        if text.starts_with('|') {
            cx.error(
                line.number,
                1,
                "table row without a border above it: a grid table starts with a `+---+` line",
            );
            i += lines
                .iter()
                .skip(i)
                .take_while(|l| l.text.starts_with('|'))
                .count()
                .max(1);
            continue;
        }
        if looks_like_heading(text) {
            let (example, next) = read_example(cx, lines, i, section);
            doc.examples.extend(example);
            i = next.max(i + 1);
            continue;
        }
        if looks_like_intro(text) {
            if let Some((_, pending)) = intro.take() {
                report_intro_without_table(cx, pending);
            }
            match kind_of_intro(text) {
                Some(kind) => intro = Some((kind, line)),
                None => cx.error(line.number,
                    1,
                    format!(
                        "unknown table intro `{}`: expected response codes, URI, query, or request/response body parameters",
                        text.trim()
                    ),
                ),
            }
        } else if !line.is_blank() && lines.get(i + 1).is_some_and(|n| is_underline(n.text)) {
            if let Some((_, pending)) = intro.take() {
                report_intro_without_table(cx, pending);
            }
            section = match text.trim() {
                "Request" => Some(ExampleKind::Request),
                "Response" => Some(ExampleKind::Response),
                _ => None,
            };
            i += 2;
            continue;
        }
        i += 1;
    }
    if let Some((_, pending)) = intro {
        report_intro_without_table(cx, pending);
    }
}

fn report_intro_without_table(cx: FileCtxt<'_>, intro: Line<'_>) {
    cx.error(
        intro.number,
        intro.end_column(),
        "expected a grid table after this sentence",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_loses_the_api_suffix() {
        let lines = |t: &'static str| -> Vec<Line<'static>> {
            t.split('\n')
                .enumerate()
                .map(|(i, text)| Line {
                    number: i + 1,
                    text,
                })
                .collect()
        };
        assert_eq!(
            read_title(&lines(
                "====\nUpdate Server -  OpenStack Compute API v2.1\n===="
            )),
            "Update Server"
        );
        assert_eq!(
            read_title(&lines("====\nList - things\n====")),
            "List - things"
        );
        assert_eq!(read_title(&lines("Plain\n=====\n")), "Plain");
        assert_eq!(read_title(&lines("no block")), "");
    }

    #[test]
    fn method_line_shapes() {
        assert_eq!(
            parse_method_line("    GET /"),
            Some(("GET".into(), "/".into()))
        );
        assert_eq!(parse_method_line("    get /x"), None);
        assert_eq!(parse_method_line("    GET x"), None);
        assert_eq!(parse_method_line("    GET /x y"), None);
        assert_eq!(parse_method_line("    GET"), None);
    }

    #[test]
    fn underline_needs_three_same_characters() {
        assert!(is_underline("^^^^^^^^"));
        assert!(is_underline("====="));
        assert!(!is_underline("+----+"));
        assert!(!is_underline("--"));
        assert!(!is_underline("Request"));
    }
}
