//! `apiref list`: every operation with the Rust path it is named by, as a table
//! for people or as JSON for scripts.

use apiref_generator::{Endpoint, NameBasis, Naming, NamingProblem, OperationName};

/// One line of the table per operation: Rust path, method, path, microversions,
/// title; a name told apart by its title or file says so, since a title edit may
/// rename it.
pub fn text(endpoints: &[Endpoint], naming: &Naming) -> String {
    let rows: Vec<[String; 5]> = endpoints
        .iter()
        .zip(&naming.names)
        .map(|(e, name)| {
            [
                name.rust_path(),
                e.method.to_string(),
                e.path.clone(),
                microversions(e),
                format!("{}{}", e.title, basis_note(name)),
            ]
        })
        .collect();
    let mut widths = [0usize; 4];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            line.push_str(&format!("{cell:<w$}  "));
        }
        line.push_str(&row[4]);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The same as [`text`], as a JSON array of objects.
pub fn json(endpoints: &[Endpoint], naming: &Naming) -> serde_json::Value {
    endpoints
        .iter()
        .zip(&naming.names)
        .map(|(e, name)| {
            serde_json::json!({
                "name": name.rust_path(),
                "module": name.module,
                "function": name.function,
                "named_by": basis(name.basis),
                "service": e.service,
                "method": e.method.to_string(),
                "path": e.path,
                "title": e.title,
                "min_microversion": e.min_microversion.map(|m| m.to_string()),
                "max_microversion": e.max_microversion.map(|m| m.to_string()),
                "file": e.file,
                "line": e.method_line,
            })
        })
        .collect()
}

/// A naming problem as a message about the operations it concerns.
pub fn problem(endpoints: &[Endpoint], problem: &NamingProblem) -> String {
    match problem {
        NamingProblem::Conflict {
            rust_path,
            operations,
        } => {
            let places: Vec<String> = operations
                .iter()
                .filter_map(|&i| endpoints.get(i))
                .map(|e| format!("{}:{} ({} {})", e.file, e.method_line, e.method, e.path))
                .collect();
            format!(
                "error: `{rust_path}` names {} operations that nothing tells apart: {}",
                operations.len(),
                places.join(", ")
            )
        }
        NamingProblem::BadRename { from, to, reason } => {
            format!("error: renaming `{from}` to `{to}`: {reason}")
        }
        NamingProblem::UnusedRename { from } => {
            format!("warning: the rename of `{from}` names no operation")
        }
    }
}

/// `2.1..2.96`, `2.60..`, `..2.5`, or `-` when the spec says nothing.
fn microversions(e: &Endpoint) -> String {
    match (e.min_microversion, e.max_microversion) {
        (None, None) => "-".into(),
        (min, max) => format!(
            "{}..{}",
            min.map(|m| m.to_string()).unwrap_or_default(),
            max.map(|m| m.to_string()).unwrap_or_default()
        ),
    }
}

fn basis(basis: NameBasis) -> &'static str {
    match basis {
        NameBasis::Structure => "structure",
        NameBasis::Title => "title",
        NameBasis::File => "file",
        NameBasis::Overlay => "overlay",
    }
}

fn basis_note(name: &OperationName) -> &'static str {
    match name.basis {
        NameBasis::Title => "  [named apart by title]",
        NameBasis::File => "  [named apart by file]",
        NameBasis::Structure | NameBasis::Overlay => "",
    }
}
