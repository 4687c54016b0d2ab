//! `**Example <title>: JSON request|response**` headings and their `.. code::` blocks.
//!
//! Examples are where the docs show real bodies, so later stages lean on them; a
//! block that starts like JSON but does not parse is an error pointing into the
//! `.rst`. A block that is not JSON at all (the corpus has raw HTTP transcripts under
//! a "JSON request" heading) is a warning: the doc is wrong, but nothing in it is
//! usable, so refusing to read the whole endpoint would help nobody.

use super::doc::{Example, ExampleKind};
use super::source_text::Line;
use crate::diagnostic::FileCtxt;

/// What an example heading says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExampleHeading {
    pub title: String,
    /// `None` when the heading does not end in `JSON request` / `JSON response`.
    pub kind: Option<ExampleKind>,
}

/// Reads `**Example ...**`; `None` for any other line.
pub(crate) fn parse_heading(text: &str) -> Option<ExampleHeading> {
    let inner = text.trim().strip_prefix("**Example")?;
    let inner = inner.strip_suffix("**")?;
    if !inner.is_empty() && !inner.starts_with(char::is_whitespace) {
        return None;
    }
    let inner = inner.trim();
    let lower = inner.to_ascii_lowercase();
    let (rest, kind) = if lower.ends_with("json request") {
        (
            inner.get(..inner.len() - "json request".len()),
            Some(ExampleKind::Request),
        )
    } else if lower.ends_with("json response") {
        (
            inner.get(..inner.len() - "json response".len()),
            Some(ExampleKind::Response),
        )
    } else {
        (Some(inner), None)
    };
    let title = rest
        .unwrap_or(inner)
        .trim_end()
        .trim_end_matches(':')
        .trim()
        .to_string();
    Some(ExampleHeading { title, kind })
}

/// Whether a line starts an example heading, well-formed or not.
pub(crate) fn looks_like_heading(text: &str) -> bool {
    text.trim_start().starts_with("**Example")
}

/// Reads the example whose heading is `lines[at]`.
///
/// `section` is the kind implied by the enclosing `Request`/`Response` section; it
/// decides the kind, and the heading's label decides only where there is no section. Returns the example (if readable) and the
/// index of the first line after its code block.
pub(crate) fn read_example(
    cx: FileCtxt<'_>,
    lines: &[Line<'_>],
    at: usize,
    section: Option<ExampleKind>,
) -> (Option<Example>, usize) {
    let Some(heading_line) = lines.get(at) else {
        return (None, at + 1);
    };
    let Some(heading) = parse_heading(heading_line.text) else {
        cx.error(heading_line.number,
            1,
            "malformed example heading: expected `**Example <title>: JSON request**` or `... JSON response**`",
        );
        return (None, at + 1);
    };
    // The section wins over the heading's label: the corpus labels many response
    // bodies "JSON request" under its Response heading. The label is kept for the linter.
    let kind = section.or(heading.kind);

    let directive = lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .find(|(_, l)| !l.is_blank());
    let directive_at = match directive {
        Some((i, l)) if is_code_directive(l.text) => i,
        Some((i, l)) => {
            cx.error(
                l.number,
                1,
                format!(
                    "expected `.. code::` after the example heading on line {}",
                    heading_line.number
                ),
            );
            return (None, i);
        }
        None => {
            cx.error(
                heading_line.number,
                heading_line.end_column(),
                "expected `.. code::` after this example heading, found the end of the doc",
            );
            return (None, lines.len());
        }
    };

    let block_start = directive_at + 1;
    let block_end = lines
        .iter()
        .skip(block_start)
        .position(|l| !l.is_blank() && !l.text.starts_with(char::is_whitespace))
        .map_or(lines.len(), |n| block_start + n);
    let block = lines.get(block_start..block_end).unwrap_or_default();

    let Some(kind) = kind else {
        cx.error(heading_line.number,
            1,
            format!(
                "cannot tell whether example `{}` is a request or a response: end the heading with `: JSON request` or `: JSON response`, or put it under a Request or Response section",
                heading.title
            ),
        );
        return (None, block_end);
    };
    let (body_line, value) = read_json_block(cx, &heading.title, block);
    let example = Example {
        title: heading.title,
        kind,
        label: heading.kind,
        line: heading_line.number,
        body_line,
        value,
    };
    (Some(example), block_end)
}

fn is_code_directive(text: &str) -> bool {
    let text = text.trim();
    text.starts_with(".. code::") || text.starts_with(".. code-block::")
}

/// Dedents and parses an indented block; returns the first text line (0 if none).
fn read_json_block(
    cx: FileCtxt<'_>,
    title: &str,
    block: &[Line<'_>],
) -> (usize, Option<serde_json::Value>) {
    let Some(first) = block.iter().position(|l| !l.is_blank()) else {
        return (0, None);
    };
    let last = block.iter().rposition(|l| !l.is_blank()).unwrap_or(first);
    let text_lines = block.get(first..=last).unwrap_or_default();
    let indent = text_lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.text.chars().take_while(|c| c.is_whitespace()).count())
        .min()
        .unwrap_or(0);
    let dedented: Vec<String> = text_lines
        .iter()
        .map(|l| l.text.chars().skip(indent).collect())
        .collect();
    let body_line = text_lines.first().map_or(0, |l| l.number);
    let json = dedented.join("\n");

    match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(value) => match super::limits::check_example(&value) {
            Ok(()) => (body_line, Some(value)),
            Err(e) => {
                cx.error(
                    body_line,
                    indent + 1,
                    format!("example `{title}` is refused: {e}"),
                );
                (body_line, None)
            }
        },
        Err(err) => {
            let row = err.line().max(1);
            let line = text_lines.get(row - 1).or(text_lines.last());
            let line_number = line.map_or(body_line, |l| l.number);
            let text = dedented
                .get(row - 1)
                .or(dedented.last())
                .map_or("", String::as_str);
            let column = indent + char_column(text, err.column());
            let message = error_message(&err);
            let looks_like_json = json.trim_start().starts_with(['{', '[']);
            if looks_like_json {
                cx.error(
                    line_number,
                    column,
                    format!("invalid JSON in example `{title}`: {message}"),
                );
            } else {
                let start: String = json
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(40)
                    .collect();
                cx.warning(
                    line_number,
                    column,
                    format!("example `{title}` is not JSON (it starts with `{start}`); ignoring its body"),
                );
            }
            (body_line, None)
        }
    }
}

/// serde_json counts columns in bytes; editors count characters.
fn char_column(text: &str, byte_column: usize) -> usize {
    let chars_before = text
        .char_indices()
        .take_while(|(i, _)| *i < byte_column)
        .count();
    chars_before.max(1)
}

/// serde_json's message without its own ` at line L column C`, which would name
/// a place in the dedented block rather than in the doc.
fn error_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    match full.rfind(" at line ") {
        Some(i) => full.get(..i).unwrap_or(&full).to_string(),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::diagnostic::{Ctxt, Diagnostic};
    use crate::parse::reader;
    use crate::parse::source_text::split_lines;

    fn read(text: &str, section: Option<ExampleKind>) -> (Option<Example>, usize, Vec<Diagnostic>) {
        let lines = split_lines("e.rst", text.as_bytes()).unwrap();
        let cx = Ctxt::new();
        let (example, next) = read_example(reader(&cx, "e.rst"), &lines, 0, section);
        (example, next, cx.into_diagnostics())
    }

    #[test]
    fn heading_variants() {
        let h = parse_heading("**Example Update server name: JSON request**").unwrap();
        assert_eq!(
            (h.title.as_str(), h.kind),
            ("Update server name", Some(ExampleKind::Request))
        );
        let h =
            parse_heading("**Example Update server OS-DCF:diskConfig parameter: JSON response**")
                .unwrap();
        assert_eq!(
            (h.title.as_str(), h.kind),
            (
                "Update server OS-DCF:diskConfig parameter",
                Some(ExampleKind::Response)
            )
        );
        let h =
            parse_heading("**Example Create multiple servers without reservation ID**").unwrap();
        assert_eq!(
            (h.title.as_str(), h.kind),
            ("Create multiple servers without reservation ID", None)
        );
        assert_eq!(parse_heading("**Examples**"), None);
        assert_eq!(parse_heading("**Example foo"), None);
        assert!(looks_like_heading("**Example foo"));
    }

    #[test]
    fn json_block_is_dedented_and_parsed() {
        let text = "**Example A: JSON request**\n\n\n.. code::\n\n    {\n        \"a\": [1, \"±\"]\n    }\n    \n\nNext\n";
        let (example, next, diags) = read(text, None);
        assert!(diags.is_empty(), "{diags:?}");
        let example = example.unwrap();
        assert_eq!(example.kind, ExampleKind::Request);
        assert_eq!((example.line, example.body_line), (1, 6));
        assert_eq!(example.value, Some(serde_json::json!({"a": [1, "±"]})));
        assert_eq!(next, 10);
    }

    #[test]
    fn empty_block_has_no_value() {
        let (example, _, diags) = read(
            "**Example A: JSON response**\n\n.. code::\n\n    \n\n",
            None,
        );
        assert!(diags.is_empty());
        let example = example.unwrap();
        assert_eq!((example.value, example.body_line), (None, 0));
        assert_eq!(example.kind, ExampleKind::Response);
    }

    #[test]
    fn kind_comes_from_the_section_when_the_heading_has_none() {
        let text = "**Example B**\n\n.. code::\n\n    {}\n";
        let (example, _, diags) = read(text, Some(ExampleKind::Response));
        assert!(diags.is_empty());
        assert_eq!(example.unwrap().kind, ExampleKind::Response);
        let (example, _, diags) = read(text, None);
        assert!(example.is_none());
        assert_eq!((diags[0].line, diags[0].column), (1, 1));
        assert!(
            diags[0]
                .message
                .starts_with("cannot tell whether example `B`")
        );
    }

    #[test]
    fn invalid_json_points_into_the_rst() {
        // The bad token `x` is on file line 7, after 8 spaces of indent and `"±": `.
        let text = "**Example A: JSON request**\n\n.. code::\n\n    {\n        \"a\": 1,\n        \"±\": x\n    }\n";
        let (example, _, diags) = read(text, None);
        assert_eq!(example.unwrap().value, None);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Error);
        assert_eq!((diags[0].line, diags[0].column), (7, 14));
        assert!(
            diags[0]
                .message
                .starts_with("invalid JSON in example `A`: expected value"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn truncated_json_points_at_its_last_line() {
        let text = "**Example A: JSON request**\n\n.. code::\n\n    {\n        \"a\": 1\n";
        let (_, _, diags) = read(text, None);
        assert_eq!(diags[0].severity, Severity::Error);
        assert_eq!(diags[0].line, 6);
        assert!(diags[0].message.contains("EOF"), "{}", diags[0].message);
    }

    #[test]
    fn http_transcript_is_a_warning() {
        let text = "**Example D: JSON request**\n\n.. code::\n\n    HTTP/1.1 202 Accepted\n    Content-Length: 0\n";
        let (example, _, diags) = read(text, None);
        assert_eq!(example.unwrap().value, None);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Warning);
        assert_eq!((diags[0].line, diags[0].column), (5, 5));
        assert!(diags[0].message.contains("HTTP/1.1 202 Accepted"));
    }

    #[test]
    fn missing_code_directive() {
        let (example, next, diags) = read("**Example A: JSON request**\n\nprose\n", None);
        assert!(example.is_none());
        assert_eq!(next, 2);
        assert_eq!((diags[0].line, diags[0].column), (3, 1));
        let (_, _, diags) = read("**Example A: JSON request**\n", None);
        assert_eq!((diags[0].line, diags[0].column), (1, 28));
    }
}
