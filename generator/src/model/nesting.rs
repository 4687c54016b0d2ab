//! Recovering a body's nesting from its flattened table rows and its examples.
//!
//! The rule, in order:
//! 1. The examples give the structure. Every key they show becomes a field, nested
//!    as in the example, typed by the value seen (a real server sent it, so it wins
//!    over the table's type column), except that a doc type of date-time turns a
//!    string into a timestamp, and a value seen only as `null` or `[]` takes the
//!    table's type.
//! 2. Each field takes its description (and type, where the example cannot tell)
//!    from the first unused table row of the same name within its parent's block:
//!    the tables list children right after their parent, so the block runs from the
//!    parent's row to the next row of the parent's level. Top-level keys look in the
//!    whole table; keys under a field the table does not describe get no row.
//! 3. An object in an example is a dictionary (`metadata`, `addresses`), not a
//!    struct, when none of its keys is a row name anywhere in the table and either
//!    its row's type says dict, its name is `metadata`, or a key cannot be an
//!    identifier (`My Server Name`).
//! 4. Rows no example shows go into the body's main object (the single object at
//!    the top, like `server`), in table order. A row whose name is already taken
//!    there (a child of a flattened parent) cannot be placed: it is reported as a
//!    warning, and its values are still kept at run time in the `extra` map.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diagnostic::{DiagnosticKind, FileCtxt, Severity};
use crate::parse::{MAX_OBJECT_KEYS, ParamRow};

use super::doc_type::{format_from_doc_type, scalar_from_doc_type};
use super::endpoint::{Field, FieldType, Object};
use super::shape::{Kind, Shape};

/// Builds a body's object from its rows and the merged shape of its examples;
/// doubtful rows are reported to `doc` as warnings.
pub fn nest(doc: FileCtxt<'_>, rows: &[ParamRow], shape: Option<&Shape>) -> Object {
    let mut unused_by_name: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        unused_by_name
            .entry(row.name.as_str())
            .or_default()
            .insert(i);
    }
    let mut nester = Nester {
        doc,
        rows,
        unused_by_name,
        used: vec![false; rows.len()],
        claimed: BTreeSet::new(),
    };
    let mut root = match shape {
        Some(shape) => nester.object_from_shape(shape.object_keys(), Parent::Top),
        None => Object::default(),
    };
    nester.place_unused(&mut root);
    root
}

struct Nester<'a> {
    doc: FileCtxt<'a>,
    rows: &'a [ParamRow],
    /// Each row name's unclaimed rows, in table order: a key finds its row in
    /// logarithmic time, so a table of many rows costs no more than its length.
    unused_by_name: HashMap<&'a str, BTreeSet<usize>>,
    used: Vec<bool>,
    /// The claimed rows, in table order: where a parent's block ends.
    claimed: BTreeSet<usize>,
}

/// Where an object's own rows may be found.
#[derive(Debug, Clone, Copy)]
enum Parent {
    /// The body itself: anywhere in the table.
    Top,
    /// Below this row: from the row after it up to the next row already claimed
    /// (a row of the parent's level or above, which ends the parent's block).
    Row(usize),
    /// Below a field the table does not describe: nowhere.
    Unknown,
}

impl Parent {
    fn of(row: Option<usize>) -> Parent {
        row.map_or(Parent::Unknown, Parent::Row)
    }
}

impl Nester<'_> {
    fn object_from_shape(&mut self, keys: &[(String, Shape)], parent: Parent) -> Object {
        let window = match parent {
            Parent::Top => 0..self.rows.len(),
            Parent::Row(p) => {
                let end = self
                    .claimed
                    .range(p + 1..)
                    .next()
                    .copied()
                    .unwrap_or(self.rows.len());
                p + 1..end
            }
            Parent::Unknown => 0..0,
        };
        // Claim this level's rows before any child's, so that a child's `id` cannot
        // take the row of its parent's own `id`.
        let rows: Vec<Option<usize>> = keys
            .iter()
            .map(|(key, _)| self.claim_row(key, window.clone()))
            .collect();
        let mut object = Object::default();
        for ((key, shape), row) in keys.iter().zip(rows) {
            object.fields.push(self.field_from_shape(key, shape, row));
        }
        object
    }

    /// The row describing `key`: the first unused one of that name in the window.
    /// A key with none gets no row: the rows of a flattened table describe one place
    /// each, and a wrong description is worse than none.
    fn claim_row(&mut self, key: &str, window: std::ops::Range<usize>) -> Option<usize> {
        let unused = self.unused_by_name.get_mut(key)?;
        let found = unused
            .range(window.start..window.end.max(window.start))
            .next()
            .copied();
        if let Some(i) = found {
            unused.remove(&i);
            self.used[i] = true;
            self.claimed.insert(i);
        }
        found
    }

    fn field_from_shape(&mut self, key: &str, shape: &Shape, row: Option<usize>) -> Field {
        let doc_type = row.map_or("", |i| self.rows[i].ty.as_str());
        let ty = self.type_from_shape(key, shape, doc_type, row);
        if let Some(i) = row {
            self.check_type(i, shape);
        }
        let mut field = Field::new(key, ty);
        field.nullable = shape.null;
        if let Some(i) = row {
            field.description = self.rows[i].description.clone();
            field.format = format_from_doc_type(doc_type);
        }
        field
    }

    fn type_from_shape(
        &mut self,
        key: &str,
        shape: &Shape,
        doc_type: &str,
        row: Option<usize>,
    ) -> FieldType {
        let from_doc = scalar_from_doc_type(doc_type);
        match &shape.kind {
            Kind::Unknown => from_doc,
            Kind::Mixed => FieldType::Json,
            Kind::Bool => FieldType::Boolean,
            Kind::Integer => FieldType::Integer,
            Kind::Number => FieldType::Number,
            Kind::String if from_doc == FieldType::Timestamp => FieldType::Timestamp,
            Kind::String => FieldType::String,
            Kind::Array(item) => {
                let item_type = match item.kind {
                    Kind::Unknown => FieldType::Json,
                    _ => self.type_from_shape("", item, "", row),
                };
                FieldType::Array(Box::new(item_type))
            }
            Kind::Object(keys) if self.is_dictionary(key, doc_type, keys) => {
                let values = keys
                    .iter()
                    .map(|(_, s)| s.clone())
                    .fold(Shape::unknown(), Shape::merge);
                FieldType::Map(Box::new(match values.kind {
                    Kind::Unknown => FieldType::Json,
                    _ => self.type_from_shape("", &values, "", row),
                }))
            }
            Kind::Object(keys) => FieldType::Object(self.object_from_shape(keys, Parent::of(row))),
        }
    }

    /// Rule 3.
    fn is_dictionary(&self, key: &str, doc_type: &str, keys: &[(String, Shape)]) -> bool {
        if keys
            .iter()
            .any(|(k, _)| self.unused_by_name.contains_key(k.as_str()))
        {
            return false;
        }
        let says_dict = matches!(scalar_from_doc_type(doc_type), FieldType::Map(_));
        let not_identifiers = keys
            .iter()
            .any(|(k, _)| !k.chars().all(|c| c.is_alphanumeric() || "_-:.".contains(c)));
        keys.is_empty() || says_dict || key == "metadata" || not_identifiers
    }

    /// Rule 4.
    fn place_unused(&mut self, root: &mut Object) {
        let main_is_wrapper =
            root.fields.len() == 1 && matches!(root.fields[0].ty, FieldType::Object(_));
        // The names each level already has, kept beside it: one lookup per row.
        let mut root_names: HashSet<String> =
            root.fields.iter().map(|f| f.json_name.clone()).collect();
        let mut main_names: HashSet<String> = match root.fields.first().map(|f| &f.ty) {
            Some(FieldType::Object(o)) if main_is_wrapper => {
                o.fields.iter().map(|f| f.json_name.clone()).collect()
            }
            _ => HashSet::new(),
        };
        let (mut root_full, mut main_full) = (false, false);
        for (i, row) in self.rows.iter().enumerate() {
            if self.used[i] {
                continue;
            }
            let (target, names, full) = if main_is_wrapper && row.name != root.fields[0].json_name {
                match &mut root.fields[0].ty {
                    FieldType::Object(o) => (o, &mut main_names, &mut main_full),
                    _ => continue,
                }
            } else {
                (&mut *root, &mut root_names, &mut root_full)
            };
            if target.fields.len() >= MAX_OBJECT_KEYS {
                // One error per object: the first row past the limit.
                if !std::mem::replace(full, true) {
                    self.doc.report(
                        Severity::Error,
                        DiagnosticKind::ModelError,
                        row.line,
                        2,
                        format!(
                            "row `{}` would be field {} of one object; an object may have at most \
                             {MAX_OBJECT_KEYS} fields (an example can nest the rows into objects)",
                            row.name,
                            target.fields.len() + 1
                        ),
                    );
                }
                continue;
            }
            if !names.insert(row.name.clone()) {
                self.doc.report(
                    Severity::Warning,
                    DiagnosticKind::UnplacedRow,
                    row.line,
                    1,
                    format!(
                        "row `{}` is in no example and its name is taken at the level it would go to; \
                         it is not a typed field (its values are kept in `extra`); place it with an overlay",
                        row.name
                    ),
                );
                continue;
            }
            let mut field = Field::new(row.name.clone(), scalar_from_doc_type(&row.ty));
            field.description = row.description.clone();
            field.format = format_from_doc_type(&row.ty);
            target.fields.push(field);
        }
    }

    /// Rule 1 says the example wins over the type column; this says so where they
    /// disagree, so the docs can be fixed. Only a column that names a definite kind
    /// is compared (`csapi:ServerForCreate` or an empty column says nothing).
    fn check_type(&mut self, row: usize, shape: &Shape) {
        let doc_type = self.rows[row].ty.as_str();
        let from_doc = scalar_from_doc_type(doc_type);
        if matches!(shape.kind, Kind::Mixed) {
            return;
        }
        let Some(seen) = shape.kind.described() else {
            return;
        };
        let agrees = shape.kind.fits(&from_doc);
        if !agrees {
            let name = &self.rows[row].name;
            self.doc.report(
                Severity::Warning,
                DiagnosticKind::TypeFromExample,
                self.rows[row].line,
                1,
                format!(
                    "row `{name}` says `{doc_type}` but the examples show {seen}; \
                     the generated type follows the examples"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(name: &str, ty: &str) -> ParamRow {
        ParamRow {
            name: name.into(),
            ty: ty.into(),
            required: true,
            description: format!("about {name}"),
            line: 1,
        }
    }

    fn nested(rows: &[ParamRow], shape: &Shape) -> (Object, Vec<crate::diagnostic::Diagnostic>) {
        let cx = crate::diagnostic::Ctxt::new();
        let doc = cx.file(
            "f.rst",
            DiagnosticKind::ModelError,
            DiagnosticKind::ModelError,
        );
        let root = nest(doc, rows, Some(shape));
        let warnings = cx.into_diagnostics();
        assert!(warnings.iter().all(|w| !w.is_error()));
        (root, warnings)
    }

    #[test]
    fn examples_give_nesting_and_rows_give_docs() {
        let rows = [
            row("server", "xsd:string"),
            row("created", "xsd:dateTime"),
            row("metadata", "xsd:string"),
            row("id", "csapi:UUID"),
            row("key_name", "xsd:string"),
        ];
        let shape = Shape::of(&json!({"server": {
            "id": "x", "created": "2010-11-11T12:00:00Z",
            "metadata": {"My Server Name": "Apache1"},
            "image": {"id": "i"}
        }}));
        let (root, warnings) = nested(&rows, &shape);
        // `metadata` and `server` say string, the example shows objects: the example
        // wins, and says so.
        let kinds: Vec<_> = warnings
            .iter()
            .map(|w| (w.kind, w.message.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    DiagnosticKind::TypeFromExample,
                    "row `metadata` says `xsd:string` but the examples show an object; \
                     the generated type follows the examples"
                ),
                (
                    DiagnosticKind::TypeFromExample,
                    "row `server` says `xsd:string` but the examples show an object; \
                     the generated type follows the examples"
                )
            ]
        );
        let server = root.fields[0].ty.inner_object().unwrap();
        assert_eq!(server.field("created").unwrap().ty, FieldType::Timestamp);
        assert_eq!(
            server.field("metadata").unwrap().ty,
            FieldType::Map(Box::new(FieldType::String))
        );
        assert!(matches!(
            server.field("image").unwrap().ty,
            FieldType::Object(_)
        ));
        assert_eq!(server.field("id").unwrap().description, "about id");
        // key_name is in no example: it goes into `server`, typed from the table.
        assert_eq!(server.field("key_name").unwrap().ty, FieldType::String);
    }

    #[test]
    fn a_repeated_name_that_cannot_be_placed_is_reported() {
        let rows = [
            row("server", "xsd:dict"),
            row("id", "csapi:UUID"),
            row("id", "xsd:int"),
        ];
        let shape = Shape::of(&json!({"server": {"id": "x"}}));
        let (_, warnings) = nested(&rows, &shape);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].kind, DiagnosticKind::UnplacedRow);
        assert!(warnings[0].message.contains("`id`"));
    }
}
