//! Scanning one os-api-ref `.inc` file into the events that matter: section titles,
//! `rest_method`, response-code lines and `rest_status_code` blocks,
//! `rest_parameters` blocks, `**Example ...**` headings, `literalinclude` and
//! `include` directives, and the prose between them. Directives this reader does
//! not use (`.. note::`, comments) are skipped with their indented body.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::parse::source_text::Line;
use crate::text::trim;

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
        if let Some(next) = lines.get(i + 1)
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
            let mut joined = String::new();
            let start = i;
            while i < lines.len() && !lines[i].is_blank() {
                joined.push_str(trim(lines[i].text));
                joined.push(' ');
                i += 1;
            }
            let after_colon = joined.split_once(':').map_or("", |(_, r)| r);
            let codes = parse_code_list(file, lines[start].number, after_colon, diags);
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
        events.push(Event::Text {
            text: trimmed.to_string(),
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

/// `badRequest(400), unauthorized(401)` or `200, 202`. The docs are loose here, so
/// a token may hold several `name(code)` (a comma missing: a warning) or a code
/// followed by a note (`200 (microversions 2.0 - 2.100)`).
fn parse_code_list(
    file: &str,
    line: usize,
    list: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(u16, String, usize)> {
    let mut codes = Vec::new();
    for token in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let named = named_codes(token);
        if named.len() > 1 {
            diags.push(
                Diagnostic::warning(
                    file,
                    line,
                    1,
                    format!("`{token}`: a comma is missing between response codes"),
                )
                .with_kind(DiagnosticKind::LooseSyntax),
            );
        }
        if !named.is_empty() {
            codes.extend(named.into_iter().map(|(code, name)| (code, name, line)));
            continue;
        }
        let leading: String = token.chars().take_while(char::is_ascii_digit).collect();
        match leading.parse::<u16>() {
            Ok(code) if (100..600).contains(&code) => codes.push((code, String::new(), line)),
            _ => diags.push(Diagnostic::error(
                file,
                line,
                1,
                format!("`{token}` is not a response code like `badRequest(400)` or `200`"),
            )),
        }
    }
    codes
}

/// Every `name(123)` in `text`.
fn named_codes(text: &str) -> Vec<(u16, String)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let name: String = rest[..open]
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &rest[open + 1..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if !name.is_empty()
            && digits.len() == 3
            && after[digits.len()..].starts_with(')')
            && let Ok(code) = digits.parse::<u16>()
        {
            found.push((code, name));
        }
        rest = after;
    }
    found
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
    let Some((name, argument)) = rest.split_once("::") else {
        // A comment, possibly with an indented body.
        return body_end;
    };
    let name = name.trim();
    let argument = argument.trim();
    let argument_column = line.text.find("::").map_or(1, |at| {
        let after = &line.text[at + 2..];
        line.text[..at + 2].chars().count() + (after.len() - after.trim_start().len()) + 1
    });
    match name {
        "rest_method" => {
            let mut words = argument.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some(method), Some(path), None)
                    if path.starts_with('/') && method.chars().all(|c| c.is_ascii_uppercase()) =>
                {
                    let path_at =
                        argument.len() - argument.trim_start_matches(method).trim_start().len();
                    // Keystone writes an example query into a few paths
                    // (`.../websso?origin=https%3A//horizon.example.com`): the query
                    // is not part of the path (its parameters are in the
                    // `rest_parameters` list), so it is dropped, with a warning.
                    let path = match path.split_once('?') {
                        Some((before, query)) => {
                            diags.push(Diagnostic::warning(
                                file,
                                line.number,
                                argument_column
                                    + argument[..path_at].chars().count()
                                    + before.chars().count(),
                                format!(
                                    "the query `?{query}` written in the path is not part of it; \
                                     generating `{before}`"
                                ),
                            )
                            .with_kind(DiagnosticKind::LooseSyntax));
                            before
                        }
                        None => path,
                    };
                    // The same path rules as the grid-table reader: never emit a path
                    // that a server would resolve to another endpoint.
                    match crate::parse::limits::check_path(path) {
                        Ok(()) => events.push(Event::RestMethod {
                            method: method.to_string(),
                            path: path.to_string(),
                            line: line.number,
                        }),
                        Err(problem) => {
                            let path_at = argument.len()
                                - argument.trim_start_matches(method).trim_start().len();
                            diags.push(Diagnostic::error(
                                file,
                                line.number,
                                argument_column
                                    + argument[..path_at].chars().count()
                                    + path[..problem.offset].chars().count(),
                                problem.message,
                            ))
                        }
                    }
                }
                _ => diags.push(Diagnostic::error(
                    file,
                    line.number,
                    argument_column,
                    format!("`rest_method` expects `METHOD /path`, found `{argument}`"),
                )),
            }
        }
        "rest_parameters" => {
            if argument.is_empty() {
                diags.push(Diagnostic::error(
                    file,
                    line.number,
                    argument_column,
                    "`rest_parameters` expects the parameters file, e.g. `parameters.yaml`",
                ));
            }
            let items = list_items(file, &lines[i + 1..body_end], diags)
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
                        line.number,
                        argument_column,
                        format!("`rest_status_code` expects `success FILE` or `error FILE`, found `{argument}`"),
                    ));
                    return body_end;
                }
            };
            let mut codes = Vec::new();
            for (text, number, column) in list_items(file, &lines[i + 1..body_end], diags) {
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
                    line.number,
                    argument_column,
                    format!("`{name}` expects a file path"),
                ));
            } else if name == "include" {
                events.push(Event::Include {
                    path: argument.to_string(),
                    line: line.number,
                    column: argument_column,
                });
            } else {
                events.push(Event::LiteralInclude {
                    path: argument.to_string(),
                    line: line.number,
                    column: argument_column,
                });
            }
        }
        _ => {}
    }
    body_end
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
                    text: "Shows a server.".into()
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
                        (404, "itemNotFound".into(), 16)
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
}
