//! Entries as overlay TOML: a patch on its own, or merged into an overlay file
//! with `toml_edit`, which keeps the file's entries, order and comments.
//!
//! Each entry is a `["operation".response.fields."path"]` table, named as the
//! generated client names the operation (after any rename), with its evidence
//! as the comment above it. New tables go at the end of the file, after the
//! renames an overlay keeps last, so a renamed operation's new name applies.

use toml_edit::{Array, DocumentMut, Item, Table, value};

use super::{Entry, Setting};

/// The entries as a TOML patch of their own.
pub fn render(entries: &[Entry]) -> String {
    merge("", entries).unwrap_or_default()
}

/// `text`, an overlay, with the entries merged in: a field table that is there
/// takes the entry's keys (its other keys and comments stay); one that is not is
/// added at the end.
pub fn merge(text: &str, entries: &[Entry]) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("the overlay is not TOML: {e}"))?;
    let mut next = last_position(doc.as_table()) + 1;
    for entry in entries {
        let operation = implicit(doc.as_table_mut(), &entry.operation)?;
        let fields = implicit(implicit(operation, "response")?, "fields")?;
        let is_new = !fields.contains_key(&entry.path);
        let table = fields
            .entry(&entry.path)
            .or_insert_with(|| Item::Table(Table::new()))
            .as_table_mut()
            .ok_or_else(|| format!("`{}` in `{}` is not a table", entry.path, entry.operation))?;
        if is_new {
            table.set_position(Some(next));
            next += 1;
        }
        for (key, setting) in &entry.keys {
            table[*key] = match setting {
                Setting::Text(text) => value(text.as_str()),
                Setting::Flag(flag) => value(*flag),
                Setting::List(items) => value(items.iter().map(String::as_str).collect::<Array>()),
            };
        }
        let before = table
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or(if is_new { "\n" } else { "" })
            .to_owned();
        table
            .decor_mut()
            .set_prefix(format!("{before}# apiref learn: {}\n", entry.evidence));
    }
    Ok(doc.to_string())
}

/// The table at `key` of `parent`, made (without a header of its own) if absent.
fn implicit<'a>(parent: &'a mut Table, key: &str) -> Result<&'a mut Table, String> {
    let item = parent.entry(key).or_insert_with(|| {
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    if item.is_inline_table() {
        // An inline table: as a table of its own, so entries can go beside what
        // it holds.
        let taken = std::mem::take(item);
        *item = taken
            .into_table()
            .map_or_else(|_| Item::Table(Table::new()), Item::Table);
    }
    item.as_table_mut()
        .ok_or_else(|| format!("`{key}` in the overlay is not a table"))
}

/// The highest position of any table in `table`, at any depth.
fn last_position(table: &Table) -> isize {
    let mut last = table.position().unwrap_or(0);
    for (_, item) in table.iter() {
        if let Some(child) = item.as_table() {
            last = last.max(last_position(child));
        }
    }
    last
}
