//! Pieces of a grid-table doc, for the tests that write docs: the lint's unit
//! tests and the hostile-doc tests read the same layout, so they write it with
//! one piece of code.

/// A grid table under an intro sentence; rows are (name, type, description),
/// and each column is as wide as its widest cell (at least 3).
pub fn table<S: AsRef<str>>(intro: &str, header: [&str; 3], rows: &[(S, S, S)]) -> String {
    let width = |i: usize| {
        rows.iter()
            .map(|r| cells(r)[i].chars().count())
            .chain([header[i].chars().count(), 3])
            .max()
            .unwrap_or(3)
    };
    let widths = [width(0), width(1), width(2)];
    let border = |c: char| {
        let cells: Vec<String> = widths.iter().map(|w| c.to_string().repeat(*w)).collect();
        format!("+{}+\n", cells.join("+"))
    };
    // Padded by hand: a format width stops at 65,535, and hostile docs have
    // cells wider than that.
    let line = |cells: [&str; 3]| {
        let cells: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        format!("|{}|\n", cells.join("|"))
    };
    let mut text = format!("This table shows the {intro}:\n\n");
    text.push_str(&border('-'));
    text.push_str(&line(header));
    text.push_str(&border('='));
    for row in rows {
        text.push_str(&line(cells(row)));
        text.push_str(&border('-'));
    }
    text.push('\n');
    text
}

/// A row's cells.
fn cells<S: AsRef<str>>(row: &(S, S, S)) -> [&str; 3] {
    [row.0.as_ref(), row.1.as_ref(), row.2.as_ref()]
}

/// An example under its caption (`Show Thing: JSON response`): `json` as a
/// literal block.
pub fn example(caption: &str, json: &str) -> String {
    let body: String = json.lines().map(|l| format!("    {l}\n")).collect();
    format!("**Example {caption}**\n\n.. code::\n\n{body}\n")
}
