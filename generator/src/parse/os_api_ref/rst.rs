//! Scanning one os-api-ref `.inc` file into the events that matter: section titles,
//! `rest_method`, response-code lines and `rest_status_code` blocks,
//! `rest_parameters` blocks, `**Example ...**` headings, `literalinclude` and
//! `include` directives, and the prose between them. Directives this reader does
//! not use (`.. note::`, comments) are skipped with their indented body.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::parse::source_text::Line;
use crate::text::trim;

use super::rest_path;

/// One thing found in a file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    Title {
        text: String,
        line: usize,
    },
    RestMethod {
        method: String,
        path: String,
        line: usize,
    },
    /// `.. rest_parameters:: FILE` and its `- name: key` items.
    Parameters {
        yaml: String,
        line: usize,
        items: Vec<Item>,
    },
    /// `Normal response codes: ...`, `Error response codes: ...` or a
    /// `.. rest_status_code:: success|error FILE` block.
    Codes {
        success: bool,
        codes: Vec<(u16, String, usize)>,
    },
    /// `**Example Create Server (v2.63)**`: the text between the stars.
    Bold {
        text: String,
        line: usize,
    },
    LiteralInclude {
        path: String,
        line: usize,
        column: usize,
    },
    Include {
        path: String,
        line: usize,
        column: usize,
    },
    Text {
        text: String,
        /// A blank line (or other markup) came before it: it starts a paragraph.
        starts_paragraph: bool,
    },
}

/// A `- name: key` line of a `rest_parameters` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub name: String,
    pub key: String,
    pub line: usize,
    /// Column of the key.
    pub column: usize,
}

/// Scans one file's lines. Problems go to `diags`; the scan goes on after each.
pub(crate) fn scan(file: &str, lines: &[Line<'_>], diags: &mut Vec<Diagnostic>) -> Vec<Event> {
    let mut events = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let text = line.text;
        let trimmed = trim(text);
        if trimmed.is_empty() {
            i += 1;
            continue;
        }
        if is_underline(trimmed) {
            // An overline or a stray transition line.
            i += 1;
            continue;
        }
        // Explicit markup (`.. include:: a.inc`) is never a title, even right
        // above the overline of the next one (Neutron writes no blank line there).
        let markup = trimmed == ".." || trimmed.starts_with(".. ");
        if !markup
            && let Some(next) = lines.get(i + 1)
            && is_underline(trim(next.text))
            && (!text.starts_with(' ') || i > 0 && is_underline(trim(lines[i - 1].text)))
            && trim(next.text).chars().count() >= trimmed.chars().count().min(3)
        {
            events.push(Event::Title {
                text: trimmed.to_string(),
                line: line.number,
            });
            i += 2;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("..") {
            i = directive(file, lines, i, rest, &mut events, diags);
            continue;
        }
        if let Some(kind) = code_line_kind(trimmed) {
            // The list may go on over the next lines, up to a blank line.
            let mut parts = Vec::new();
            // A line that opens the other list ends this one.
            while i < lines.len()
                && !lines[i].is_blank()
                && (parts.is_empty() || code_line_kind(trim(lines[i].text)).is_none())
            {
                let l = lines[i];
                let lead = l.text.len() - l.text.trim_start().len();
                let mut text = trim(l.text);
                let mut column = l.text[..lead].chars().count() + 1;
                if parts.is_empty() {
                    let (head, rest) = text.split_once(':').unwrap_or((text, ""));
                    column += head.chars().count() + 1;
                    text = rest;
                }
                parts.push(CodeText {
                    text,
                    line: l.number,
                    column,
                });
                i += 1;
            }
            let codes = parse_code_list(file, &parts, diags);
            events.push(Event::Codes {
                success: kind,
                codes,
            });
            continue;
        }
        if let Some(inner) = trimmed
            .strip_prefix("**")
            .and_then(|t| t.strip_suffix("**"))
        {
            events.push(Event::Bold {
                text: inner.trim().to_string(),
                line: line.number,
            });
            i += 1;
            continue;
        }
        let starts_paragraph =
            !matches!(events.last(), Some(Event::Text { .. })) || i == 0 || lines[i - 1].is_blank();
        events.push(Event::Text {
            text: trimmed.to_string(),
            starts_paragraph,
        });
        i += 1;
    }
    events
}

/// A line of one repeated punctuation character: a section underline.
fn is_underline(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    "=-~^\"'`#*+:._".contains(first) && text.chars().count() >= 2 && chars.all(|c| c == first)
}

/// `Normal response codes:` (true) or `Error response codes:` (false).
fn code_line_kind(text: &str) -> Option<bool> {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("normal response codes:") {
        Some(true)
    } else if lower.starts_with("error response codes:") {
        Some(false)
    } else {
        None
    }
}

/// A piece of a response-code list: one line's text and where it starts.
struct CodeText<'a> {
    text: &'a str,
    line: usize,
    column: usize,
}

/// `badRequest(400), unauthorized(401)` or `200, 202`, over one or more lines.
/// The docs are loose here: a token may hold several `name(code)` (a comma
/// missing), a code followed by a note or prose (`404 (if the node is not
/// found)`, `200 (microversions` on one line and `1.20 - )` on the next), or no
/// code at all. Codes are read; whatever else a token holds is a warning, and a
/// number that is no HTTP status (`41`) is a warning and skipped. Commas inside
/// parentheses do not split tokens.
fn parse_code_list(
    file: &str,
    parts: &[CodeText<'_>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(u16, String, usize)> {
    // One text for the whole list; each part's start maps an offset in it back
    // to a line and column.
    let mut joined = String::new();
    let mut starts: Vec<(usize, usize, usize)> = Vec::new();
    for part in parts {
        if !joined.is_empty() {
            joined.push(' ');
        }
        starts.push((joined.len(), part.line, part.column));
        joined.push_str(part.text);
    }
    let at = |offset: usize| -> (usize, usize) {
        match starts.iter().rev().find(|(start, ..)| *start <= offset) {
            Some(&(start, line, column)) => (line, column + joined[start..offset].chars().count()),
            None => (0, 0),
        }
    };
    let mut loose = |(line, column): (usize, usize), message: String| {
        diags.push(
            Diagnostic::warning(file, line, column, message).with_kind(DiagnosticKind::LooseSyntax),
        );
    };
    let mut codes = Vec::new();
    for (start, raw) in top_level_tokens(&joined) {
        let token = raw.trim();
        if token.is_empty() {
            continue;
        }
        let token_at = start + raw.len() - raw.trim_start().len();
        let (named, prose) = named_codes(token);
        if named.len() > 1 {
            loose(
                at(token_at),
                format!("`{token}`: a comma is missing between response codes"),
            );
        }
        let prose = if named.is_empty() {
            let digits = token.len() - token.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            match token[..digits].parse::<u16>() {
                Ok(code) if (100..600).contains(&code) => {
                    codes.push((code, String::new(), at(token_at).0));
                    token[digits..].trim()
                }
                Ok(number) => {
                    loose(
                        at(token_at),
                        format!("`{number}` is not an HTTP status (100 to 599); it is skipped"),
                    );
                    token[digits..].trim()
                }
                Err(_) => token,
            }
        } else {
            codes.extend(
                named
                    .into_iter()
                    .map(|(code, name, offset)| (code, name, at(token_at + offset).0)),
            );
            prose.trim()
        };
        if !prose.is_empty() {
            loose(
                at(token_at),
                format!(
                    "`{prose}` in a response-code list is not a code like `badRequest(400)` \
                     or `200`; it is not read"
                ),
            );
        }
    }
    codes
}

/// The comma-separated pieces of `text` outside parentheses, each with its
/// byte offset.
fn top_level_tokens(text: &str) -> Vec<(usize, &str)> {
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                tokens.push((start, &text[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    tokens.push((start, &text[start..]));
    tokens
}

/// Every `name(123)` in `text` with the byte offset of its name, and the text
/// around them.
fn named_codes(text: &str) -> (Vec<(u16, String, usize)>, String) {
    let mut found = Vec::new();
    let mut rest_text = String::new();
    let mut kept_from = 0;
    let mut at = 0;
    while let Some(open) = text[at..].find('(').map(|o| at + o) {
        let before = text[..open].trim_end();
        let name_len = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .map(char::len_utf8)
            .sum::<usize>();
        let name_at = before.len() - name_len;
        let name = &before[name_at..];
        let after = &text[open + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if !name.is_empty()
            && name_at >= kept_from
            && digits == 3
            && after[digits..].starts_with(')')
            && let Ok(code) = after[..digits].parse::<u16>()
        {
            found.push((code, name.to_string(), name_at));
            rest_text.push_str(&text[kept_from..name_at]);
            rest_text.push(' ');
            kept_from = open + 1 + digits + 1;
        }
        at = open + 1;
    }
    rest_text.push_str(&text[kept_from..]);
    (found, rest_text.trim().to_string())
}

/// A directive's argument: on the directive's line, or (as docutils allows) on
/// the next line when it is indented under the directive and is not an option.
struct Argument<'a> {
    text: &'a str,
    line: usize,
    column: usize,
    /// The index of the first line of the directive's body after the argument.
    body_start: usize,
}

fn argument<'a>(
    lines: &[Line<'a>],
    i: usize,
    after_name: &'a str,
    body_end: usize,
) -> Argument<'a> {
    let line = lines[i];
    let text = trim(after_name);
    let column = line.text.find("::").map_or(1, |at| {
        let after = &line.text[at + 2..];
        line.text[..at + 2].chars().count() + (after.len() - after.trim_start().len()) + 1
    });
    if text.is_empty()
        && i + 1 < body_end
        && let Some(next) = lines.get(i + 1)
        && !next.is_blank()
        && !trim(next.text).starts_with(':')
    {
        let lead = next.text.len() - next.text.trim_start().len();
        return Argument {
            text: trim(next.text),
            line: next.number,
            column: next.text[..lead].chars().count() + 1,
            body_start: i + 2,
        };
    }
    Argument {
        text,
        line: line.number,
        column,
        body_start: i + 1,
    }
}

/// Reads the directive starting at `lines[i]` and returns the index after it.
fn directive(
    file: &str,
    lines: &[Line<'_>],
    i: usize,
    rest: &str,
    events: &mut Vec<Event>,
    diags: &mut Vec<Diagnostic>,
) -> usize {
    let line = lines[i];
    let indent = line.text.len() - line.text.trim_start().len();
    let body_end = indented_end(lines, i + 1, indent);
    let Some((name, after_name)) = rest.split_once("::") else {
        // A comment, possibly with an indented body.
        return body_end;
    };
    let name = name.trim();
    let arg = argument(lines, i, after_name, body_end);
    let argument = arg.text;
    let argument_column = arg.column;
    let body = &lines[arg.body_start.min(body_end)..body_end];
    match name {
        "rest_method" => rest_method(file, line.number, &arg, events, diags),
        "rest_parameters" => {
            if argument.is_empty() {
                diags.push(Diagnostic::error(
                    file,
                    arg.line,
                    argument_column,
                    "`rest_parameters` expects the parameters file, e.g. `parameters.yaml`",
                ));
            }
            let items = list_items(file, body, diags)
                .into_iter()
                .filter_map(|(text, number, column)| {
                    parameter_item(file, &text, number, column, diags)
                })
                .collect();
            events.push(Event::Parameters {
                yaml: argument.to_string(),
                line: line.number,
                items,
            });
        }
        "rest_status_code" => {
            let success = match argument.split_whitespace().next() {
                Some("success") => true,
                Some("error") => false,
                _ => {
                    diags.push(Diagnostic::error(
                        file,
                        arg.line,
                        argument_column,
                        format!("`rest_status_code` expects `success FILE` or `error FILE`, found `{argument}`"),
                    ));
                    return body_end;
                }
            };
            let mut codes = Vec::new();
            for (text, number, column) in list_items(file, body, diags) {
                let code = text.split(':').next().unwrap_or_default().trim();
                let name = text.split_once(':').map_or("", |(_, n)| n.trim());
                match code.parse::<u16>() {
                    Ok(c) if (100..600).contains(&c) => codes.push((c, name.to_string(), number)),
                    _ => diags.push(Diagnostic::error(
                        file,
                        number,
                        column,
                        format!("`{text}` is not a status code like `- 404` or `- 401: key`"),
                    )),
                }
            }
            events.push(Event::Codes { success, codes });
        }
        "literalinclude" | "include" => {
            if argument.is_empty() {
                diags.push(Diagnostic::error(
                    file,
                    arg.line,
                    argument_column,
                    format!("`{name}` expects a file path"),
                ));
            } else if name == "include" {
                events.push(Event::Include {
                    path: argument.to_string(),
                    line: arg.line,
                    column: argument_column,
                });
            } else {
                events.push(Event::LiteralInclude {
                    path: argument.to_string(),
                    line: arg.line,
                    column: argument_column,
                });
            }
        }
        _ => {}
    }
    body_end
}

/// `.. rest_method:: METHOD /path`: the method is any HTTP token (RFC 7230: a
/// reference may use an extension method such as Swift's `COPY`); the path is
/// read by [`rest_path::clean`] and checked as the grid-table reader checks its
/// paths. `METHOD` itself is a placeholder meaning "any method", which no
/// client can send: that operation is left out, with a warning.
fn rest_method(
    file: &str,
    line: usize,
    arg: &Argument<'_>,
    events: &mut Vec<Event>,
    diags: &mut Vec<Diagnostic>,
) {
    let argument = arg.text;
    let mut words = argument.split_whitespace();
    let (Some(method), Some(path), None) = (words.next(), words.next(), words.next()) else {
        diags.push(Diagnostic::error(
            file,
            arg.line,
            arg.column,
            format!("`rest_method` expects `METHOD /path`, found `{argument}`"),
        ));
        return;
    };
    if !is_token(method) {
        diags.push(Diagnostic::error(
            file,
            arg.line,
            arg.column,
            format!(
                "`rest_method` expects `METHOD /path`, found `{argument}`: `{method}` is not an \
                 HTTP method (letters, digits and `!#$%&'*+-.^_`|~`)"
            ),
        ));
        return;
    }
    let path_at = argument.len() - argument[method.len()..].trim_start().len();
    let path_column = arg.column + argument[..path_at].chars().count();
    let column_of = |offset: usize| path_column + path[..offset].chars().count();
    if method == "METHOD" {
        diags.push(
            Diagnostic::warning(
                file,
                arg.line,
                arg.column,
                format!(
                    "`METHOD {path}`: `METHOD` stands for any method, which no client can send; \
                     the operation is left out"
                ),
            )
            .with_kind(DiagnosticKind::LeftOut),
        );
        return;
    }
    let cleaned = rest_path::clean(path);
    for fix in &cleaned.fixes {
        diags.push(
            Diagnostic::warning(file, arg.line, column_of(fix.offset), fix.message.clone())
                .with_kind(DiagnosticKind::LooseSyntax),
        );
    }
    // The same path rules as the grid-table reader: never emit a path that a
    // server would resolve to another endpoint.
    match crate::parse::limits::check_path(&cleaned.path) {
        Ok(()) => events.push(Event::RestMethod {
            method: method.to_string(),
            path: cleaned.path,
            line,
        }),
        Err(problem) => diags.push(Diagnostic::error(
            file,
            arg.line,
            column_of(cleaned.written_offset(problem.offset)),
            problem.message,
        )),
    }
}

/// An RFC 7230 token, what an HTTP method is.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

/// The index of the first line after `start` that is neither blank nor indented
/// more than `indent` (the end of a directive's body).
fn indented_end(lines: &[Line<'_>], start: usize, indent: usize) -> usize {
    let mut end = start;
    let mut last_content = start;
    while end < lines.len() {
        let l = lines[end];
        if !l.is_blank() {
            let own = l.text.len() - l.text.trim_start().len();
            if own <= indent {
                break;
            }
            last_content = end + 1;
        }
        end += 1;
    }
    last_content.max(start)
}

/// The `- ...` items of a directive body (options like `:language:` skipped), as
/// (text after the dash, line, column of that text).
fn list_items(
    file: &str,
    body: &[Line<'_>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, usize, usize)> {
    let mut items = Vec::new();
    for l in body {
        let trimmed = trim(l.text);
        if trimmed.is_empty() || trimmed.starts_with(':') {
            continue;
        }
        let lead = l.text.chars().take_while(|c| c.is_whitespace()).count();
        match trimmed.strip_prefix("- ") {
            Some(item) => items.push((item.trim().to_string(), l.number, lead + 3)),
            None => diags.push(Diagnostic::error(
                file,
                l.number,
                lead + 1,
                format!("expected a `- name: key` item, found `{trimmed}`"),
            )),
        }
    }
    items
}

/// `name: key` -> an item; the key is what `parameters.yaml` defines.
fn parameter_item(
    file: &str,
    text: &str,
    line: usize,
    column: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Item> {
    // The JSON name may hold colons (`OS-EXT-AZ:availability_zone: key`): the key is
    // after the last `: `.
    match text.rsplit_once(": ") {
        Some((name, key)) if !name.trim().is_empty() && !key.trim().is_empty() => {
            let key_column = column + text[..text.len() - key.len()].chars().count();
            Some(Item {
                name: name.trim().to_string(),
                key: key.trim().to_string(),
                line,
                column: key_column,
            })
        }
        _ => {
            diags.push(Diagnostic::error(
                file,
                line,
                column,
                format!("expected `- name: key`, found `- {text}`"),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::source_text::split_lines;

    fn scan_text(text: &str) -> (Vec<Event>, Vec<Diagnostic>) {
        let lines = split_lines("a.inc", text.as_bytes()).unwrap();
        let mut diags = Vec::new();
        let events = scan("a.inc", &lines, &mut diags);
        (events, diags)
    }

    #[test]
    fn finds_titles_methods_codes_parameters_and_includes() {
        let (events, diags) = scan_text(
            "\
.. -*- rst -*-

==========
 Servers
==========

Show Server
===========

.. rest_method:: GET /servers/{server_id}

Shows a server.

Normal response codes: 200

Error response codes: badRequest(400), unauthorized(401),
itemNotFound(404)

.. note:: a note
   that goes on

Response
--------

.. rest_parameters:: parameters.yaml

  - server: server
  - OS-EXT-AZ:availability_zone: az

**Example Show Server (2.63)**

.. literalinclude:: ../samples/show.json
   :language: javascript
",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            events,
            [
                Event::Title {
                    text: "Servers".into(),
                    line: 4
                },
                Event::Title {
                    text: "Show Server".into(),
                    line: 7
                },
                Event::RestMethod {
                    method: "GET".into(),
                    path: "/servers/{server_id}".into(),
                    line: 10
                },
                Event::Text {
                    text: "Shows a server.".into(),
                    starts_paragraph: true,
                },
                Event::Codes {
                    success: true,
                    codes: vec![(200, String::new(), 14)]
                },
                Event::Codes {
                    success: false,
                    codes: vec![
                        (400, "badRequest".into(), 16),
                        (401, "unauthorized".into(), 16),
                        (404, "itemNotFound".into(), 17)
                    ]
                },
                Event::Title {
                    text: "Response".into(),
                    line: 22
                },
                Event::Parameters {
                    yaml: "parameters.yaml".into(),
                    line: 25,
                    items: vec![
                        Item {
                            name: "server".into(),
                            key: "server".into(),
                            line: 27,
                            column: 13
                        },
                        Item {
                            name: "OS-EXT-AZ:availability_zone".into(),
                            key: "az".into(),
                            line: 28,
                            column: 34
                        }
                    ]
                },
                Event::Bold {
                    text: "Example Show Server (2.63)".into(),
                    line: 30
                },
                Event::LiteralInclude {
                    path: "../samples/show.json".into(),
                    line: 32,
                    column: 21
                },
            ]
        );
    }

    #[test]
    fn malformed_directives_are_errors_with_columns() {
        let (_, diags) = scan_text(
            ".. rest_method:: /servers\n\n.. rest_parameters:: parameters.yaml\n\n  - server\n  * x: y\n",
        );
        let mut found: Vec<_> = diags.iter().map(|d| (d.line, d.column)).collect();
        found.sort();
        assert_eq!(found, [(1, 18), (5, 5), (6, 3)]);
        assert!(diags[0].message.contains("METHOD /path"));
    }

    #[test]
    fn a_path_that_leaves_its_endpoint_is_refused_at_its_column() {
        let (events, diags) = scan_text(".. rest_method:: PUT /servers/../os-hypervisors\n");
        assert!(events.is_empty(), "{events:?}");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].column), (1, 31));
        assert!(
            diags[0].message.contains("`..` segment"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn status_code_blocks_are_read() {
        let (events, diags) = scan_text(
            ".. rest_status_code:: error status.yaml\n\n   - 400\n   - 401: auth_failed\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            events,
            [Event::Codes {
                success: false,
                codes: vec![(400, String::new(), 3), (401, "auth_failed".into(), 4)]
            }]
        );
    }

    #[test]
    fn a_directive_argument_may_start_on_the_next_line() {
        let (events, diags) = scan_text(
            "\
.. rest_method::
   GET /v3/{project_id}/types

.. rest_parameters::
   parameters.yaml

   - project_id: project_id

.. literalinclude::
   ./samples/types.json
   :language: javascript

.. include::
   common.inc
",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            events,
            [
                Event::RestMethod {
                    method: "GET".into(),
                    path: "/v3/{project_id}/types".into(),
                    line: 1
                },
                Event::Parameters {
                    yaml: "parameters.yaml".into(),
                    line: 4,
                    items: vec![Item {
                        name: "project_id".into(),
                        key: "project_id".into(),
                        line: 7,
                        column: 18
                    }]
                },
                Event::LiteralInclude {
                    path: "./samples/types.json".into(),
                    line: 10,
                    column: 4
                },
                Event::Include {
                    path: "common.inc".into(),
                    line: 14,
                    column: 4
                },
            ]
        );
    }

    #[test]
    fn an_option_line_is_no_argument() {
        let (events, diags) = scan_text(".. literalinclude::\n   :language: javascript\n");
        assert!(events.is_empty(), "{events:?}");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.contains("expects a file path"));
    }

    #[test]
    fn response_code_prose_and_typos_are_warnings() {
        let (events, diags) = scan_text(
            "\
Normal response codes: 200 (if found)

Error response codes: 400, 41,
itemNotFound(404) if it does not exist. (If it has none, the
result is 200.)

Error response codes: unauthorized(401), forbidden(403)
itemNotFound(404)

Normal response codes: 200
Error response codes: 400

Normal response codes: 201 (microversions 1.0 - 1.19), 200 (microversions
1.20 - )
",
        );
        assert_eq!(
            events,
            [
                Event::Codes {
                    success: true,
                    codes: vec![(200, String::new(), 1)]
                },
                Event::Codes {
                    success: false,
                    codes: vec![(400, String::new(), 3), (404, "itemNotFound".into(), 4)]
                },
                Event::Codes {
                    success: false,
                    codes: vec![
                        (401, "unauthorized".into(), 7),
                        (403, "forbidden".into(), 7),
                        (404, "itemNotFound".into(), 8)
                    ]
                },
                Event::Codes {
                    success: true,
                    codes: vec![(200, String::new(), 10)]
                },
                Event::Codes {
                    success: false,
                    codes: vec![(400, String::new(), 11)]
                },
                Event::Codes {
                    success: true,
                    codes: vec![(201, String::new(), 13), (200, String::new(), 13)]
                },
            ]
        );
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let found: Vec<_> = diags.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(
            found,
            [(1, 24), (3, 28), (4, 1), (7, 42), (13, 24), (13, 56)]
        );
        assert!(
            diags[0].message.contains("`(if found)`"),
            "{}",
            diags[0].message
        );
        assert!(
            diags[1].message.contains("`41` is not an HTTP status"),
            "{}",
            diags[1].message
        );
        assert!(
            diags[2].message.contains("`if it does not exist."),
            "{}",
            diags[2].message
        );
        assert!(
            diags[2].message.contains("the result is 200.)`"),
            "{}",
            diags[2].message
        );
        assert!(
            diags[3]
                .message
                .contains("`forbidden(403) itemNotFound(404)`: a comma is missing"),
            "{}",
            diags[3].message
        );
        assert!(
            diags[5].message.contains("`(microversions 1.20 - )`"),
            "{}",
            diags[5].message
        );
    }

    #[test]
    fn extension_methods_are_read_and_the_method_placeholder_left_out() {
        let (events, diags) = scan_text(
            ".. rest_method:: COPY /v1/{account}/{container}/{object}\n\n.. rest_method:: METHOD /v1/{account}\n",
        );
        assert_eq!(
            events,
            [Event::RestMethod {
                method: "COPY".into(),
                path: "/v1/{account}/{container}/{object}".into(),
                line: 1
            }]
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            (diags[0].line, diags[0].column, diags[0].is_error()),
            (3, 18, false)
        );
        assert_eq!(diags[0].kind, DiagnosticKind::LeftOut);
        assert!(
            diags[0].message.contains("`METHOD /v1/{account}`"),
            "{}",
            diags[0].message
        );
        let (_, diags) = scan_text(".. rest_method:: GE(T) /x\n");
        assert!(diags[0].is_error() && diags[0].message.contains("not an HTTP method"));
    }

    #[test]
    fn paths_are_sent_as_written_less_what_a_url_cannot_hold() {
        let (events, diags) = scan_text(
            "\
.. rest_method:: GET /v3/default-types/{project-id}
.. rest_method:: GET /v2/x/\u{200B}{id}\u{200B}
.. rest_method:: PUT /v2.0/taas/{tap_service_id/name}
.. rest_method:: POST v3/{project_id}/cleanup
.. rest_method:: GET /v2/{share_id/export
",
        );
        let paths: Vec<&str> = events
            .iter()
            .filter_map(|e| match e {
                Event::RestMethod { path, .. } => Some(path.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            paths,
            [
                "/v3/default-types/{project-id}",
                "/v2/x/{id}",
                "/v2.0/taas/{tap_service_id/name}",
                "/v3/{project_id}/cleanup",
                "/v2/{share_id}/export"
            ]
        );
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let found: Vec<_> = diags.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(found, [(2, 28), (2, 33), (4, 23), (5, 26)]);
        assert!(diags[0].message.contains("U+200B"), "{}", diags[0].message);
        assert!(
            diags[3].message.contains("`{share_id}`"),
            "{}",
            diags[3].message
        );
    }

    #[test]
    fn a_directive_right_above_an_overline_is_a_directive() {
        let (events, diags) = scan_text(
            "\
####
Intro
####
.. include:: intro.inc
####
Layer 2
####
.. include:: networks.inc
",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            events,
            [
                Event::Title {
                    text: "Intro".into(),
                    line: 2
                },
                Event::Include {
                    path: "intro.inc".into(),
                    line: 4,
                    column: 14
                },
                Event::Title {
                    text: "Layer 2".into(),
                    line: 6
                },
                Event::Include {
                    path: "networks.inc".into(),
                    line: 8,
                    column: 14
                },
            ]
        );
    }
}
