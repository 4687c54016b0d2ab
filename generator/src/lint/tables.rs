//! Checks on the tables alone: URI rows, types, duplicates, response codes.

use std::collections::HashMap;

use super::finding::finding;
use crate::diagnostic::{DiagnosticKind, FileCtxt};
use crate::parse::{ParamRow, ParsedDoc, Table, TableKind};

pub(super) fn check(out: FileCtxt<'_>, doc: &ParsedDoc) {
    let placeholders = placeholders(&doc.path);
    let mut codes: HashMap<u16, usize> = HashMap::new();
    for table in &doc.tables {
        if table.kind == TableKind::Uri {
            for row in table.params() {
                let bare = row.name.trim().trim_matches(|c| c == '{' || c == '}');
                if !placeholders.contains(&bare) {
                    finding(
                        out,
                        DiagnosticKind::BodyParamInUri,
                        row.line,
                        2,
                        format!(
                            "URI-table row `{}` is not a placeholder of the path `{}` \
                             (a body parameter in the URI table?)",
                            row.name, doc.path
                        ),
                    );
                }
            }
        }
        for row in table.params() {
            if row.ty.trim().is_empty() {
                finding(
                    out,
                    DiagnosticKind::EmptyType,
                    row.line,
                    2,
                    format!("row `{}` has an empty type", row.name),
                );
            }
        }
        duplicates(out, table);
        for row in table.codes() {
            match row.code.trim().parse::<u16>() {
                Ok(code) if (100..600).contains(&code) => {
                    if let Some(first) = codes.get(&code) {
                        finding(
                            out,
                            DiagnosticKind::RepeatedResponseCode,
                            row.line,
                            2,
                            format!("response code {code} is listed again (first on line {first})"),
                        );
                    } else {
                        codes.insert(code, row.line);
                    }
                }
                _ => finding(
                    out,
                    DiagnosticKind::BadResponseCode,
                    row.line,
                    2,
                    format!("response code `{}` is not an HTTP status", row.code),
                ),
            }
        }
    }
}

/// The `{name}`s of a path, without braces.
fn placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

/// A row repeated in one table. In a URI or query table a name means one thing, so
/// any repeat is a duplicate. A body table flattens nesting, so `id` or `name` may
/// rightly come back for a child object; there a repeat is a duplicate only when it
/// is the same row again: same name and type, and either right after the first or
/// with the same description.
fn duplicates(out: FileCtxt<'_>, table: &Table) {
    let rows: Vec<&ParamRow> = table.params().collect();
    let flat = matches!(table.kind, TableKind::Uri | TableKind::Query);
    // The first row of each name, and of each (name, type, description): one
    // lookup per row, so a long table costs no more than its length.
    let mut first_of_name: HashMap<&str, usize> = HashMap::new();
    let mut first_of_row: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for (j, row) in rows.iter().enumerate() {
        let name = row.name.as_str();
        let same_row = (name, row.ty.as_str(), row.description.as_str());
        let first = if flat {
            first_of_name.get(name).copied()
        } else {
            let just_before = j
                .checked_sub(1)
                .filter(|&i| rows[i].name == row.name && rows[i].ty == row.ty);
            match (first_of_row.get(&same_row).copied(), just_before) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        };
        first_of_name.entry(name).or_insert(j);
        first_of_row.entry(same_row).or_insert(j);
        let first = first.map(|i| (i, rows[i]));
        if let Some((_, earlier)) = first {
            finding(
                out,
                DiagnosticKind::DuplicateRow,
                row.line,
                2,
                format!(
                    "row `{}` ({}) repeats the row on line {}",
                    row.name,
                    if row.ty.is_empty() {
                        "no type"
                    } else {
                        &row.ty
                    },
                    earlier.line
                ),
            );
        }
    }
}
