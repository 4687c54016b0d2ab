//! A body's structure, from its parameters and samples.
//!
//! Nesting comes from two places. A dotted name (`flavor.id`) says its parent
//! outright: the longest earlier name that is a prefix before a dot (a name with a
//! dot and no such parent is a key whose real name holds a dot). A plain name says
//! nothing (a grid table's rows are all plain), so the samples give the structure:
//! every key they show becomes a field, nested as shown, typed by the value seen
//! (a real server sent it, so it wins over the parameter's type), except that a
//! date-time type turns a string into a timestamp and a value seen only as `null`
//! or `[]` takes the parameter's type. Each key takes the first unused parameter
//! of its name: among the dotted children of its parent's parameter first, then
//! among plain names from the parent's line up to the next claimed one (the lists
//! name children right after their parent). An object in a sample is a dictionary
//! (`metadata`, `addresses`) when none of its keys is a parameter name and its
//! parameter says object, its name is `metadata`, a key cannot be an identifier,
//! or every key is a UUID; a whole body keyed by UUIDs is one, whose values the
//! parameters describe. Parameters no sample shows are placed after: a dotted one under its
//! parent, a plain one in the body's main object (the single object at the top,
//! like `server`). A parameter whose name is taken where it would go is reported,
//! and its values are kept at run time in `extra`.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::parse::ExampleKind;
use crate::parse::MAX_OBJECT_KEYS;
use crate::parse::os_api_ref::{In, Operation, ParamUse, Section};

use super::build::{describe, field_from_param};
use super::doc_type::{describes_timestamp, looks_like_timestamp, scalar_from_doc_type};
use super::endpoint::{Body, Field, FieldType, Object, Top};
use super::shape::{Kind, Shape};

/// A body parameter with its place: its explicit parent row (dotted names) and the
/// JSON name of its own level.
struct Row<'a> {
    param: &'a ParamUse,
    leaf: String,
    parent: Option<usize>,
}

fn rows_of<'a>(params: &[&'a ParamUse]) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = Vec::with_capacity(params.len());
    for p in params {
        let name = p.name.as_str();
        // The longest earlier name that is this name's prefix before a dot.
        let parent = name
            .char_indices()
            .filter(|(_, c)| *c == '.')
            .map(|(i, _)| i)
            .rev()
            .find_map(|dot| {
                let prefix = &name[..dot];
                rows.iter()
                    .rposition(|r| r.param.name == prefix)
                    .map(|at| (at, dot))
            });
        let (leaf, parent) = match parent {
            Some((at, dot)) => (name[dot + 1..].to_string(), Some(at)),
            None => (name.to_string(), None),
        };
        rows.push(Row {
            param: p,
            leaf,
            parent,
        });
    }
    rows
}

pub(super) fn body(
    op: &Operation,
    section: Section,
    kind: ExampleKind,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Body> {
    let params: Vec<&ParamUse> = op
        .params
        .iter()
        .filter(|p| p.parameter.location == Some(In::Body) && p.section == section)
        .collect();
    let given: Vec<&serde_json::Value> = op
        .samples
        .iter()
        .filter(|s| s.kind == kind)
        .filter_map(|s| s.value.as_ref())
        .collect();
    // A body keyed by ids (Placement's `POST /allocations`: one entry per consumer
    // UUID) is a dictionary. Its values are what the parameters describe, so they
    // are nested as an array's items would be, from the samples' values.
    let keyed = !given.is_empty() && given.iter().all(|v| keyed_by_ids(v));
    let values: Vec<serde_json::Value> = if keyed {
        given
            .iter()
            .map(|v| {
                v.as_object()
                    .map_or_else(Vec::new, |m| m.values().cloned().collect())
            })
            .map(serde_json::Value::Array)
            .collect()
    } else {
        Vec::new()
    };
    let samples: Vec<&serde_json::Value> = if keyed {
        values.iter().collect()
    } else {
        given
    };
    // A body is an object or a JSON array (a JSON-Patch document, a list of
    // ids); a reference may show both, at different microversions.
    let (array_samples, object_samples): (Vec<&serde_json::Value>, Vec<&serde_json::Value>) =
        samples.iter().partition(|v| v.is_array());
    let shape = object_samples
        .iter()
        .map(|v| Shape::of(v))
        .reduce(Shape::merge);
    let items = array_samples
        .iter()
        .map(|v| Shape::of(v))
        .reduce(Shape::merge);
    let rows = rows_of(&params);
    let mut nester = Nester {
        names: rows.iter().map(|r| r.leaf.clone()).collect(),
        rows,
        used: vec![false; params.len()],
        paths: vec![None; params.len()],
        sampled: HashSet::new(),
        full: HashSet::new(),
        samples: &samples,
        warnings,
    };
    let mut root = match &shape {
        Some(shape) => nester.object_from_shape(shape.object_keys(), Parent::Top, &[]),
        None => Object::default(),
    };
    let item = items.map(|shape| match &shape.kind {
        Kind::Array(item) => match &item.kind {
            Kind::Object(keys) => {
                FieldType::Object(nester.object_from_shape(keys, Parent::Top, &[]))
            }
            Kind::Unknown => FieldType::Json,
            _ if item.null => FieldType::Json,
            _ => nester.type_from_shape("", item, "", None, &[]),
        },
        _ => FieldType::Json,
    });
    let top = match item {
        None => Top::Object,
        Some(FieldType::Object(mut value)) if keyed => {
            nester.skip_key_row();
            nester.place_unused(&mut value);
            Top::Map(FieldType::Object(value))
        }
        Some(item) if keyed => Top::Map(item),
        Some(item) if object_samples.is_empty() => Top::Array(item),
        Some(item) => Top::ArrayOrObject(item),
    };
    if top.is_array_only() {
        nester.report_unused_in_array();
    } else if !keyed {
        nester.place_unused(&mut root);
    }
    if samples.is_empty() {
        // No sample to show the wrapper: the first parameter, when it is a
        // required object holding the others, is it.
        let wrapper = root.fields.len() == 1
            && matches!(root.fields[0].ty, FieldType::Object(_))
            && params
                .first()
                .is_some_and(|row| row.name == root.fields[0].json_name && row.parameter.required);
        if wrapper {
            root.fields[0].required = true;
        }
    } else {
        root.mark_wrapper_required(&object_samples);
    }
    let fixed = fixed_null_body(&samples, &root, &params);
    (!root.fields.is_empty() || top != Top::Object).then_some(Body {
        object: root,
        top,
        fixed,
    })
}

/// `{"shelve": null}` when the body's one field is a parameter of type `none` (the
/// reference says it carries nothing) and every sample shows it `null`: an action
/// that takes nothing but its name. A `null` the type does not promise (a 2015
/// doc's `unshelve`, which later microversions fill) stays a value to send.
fn fixed_null_body(
    samples: &[&serde_json::Value],
    root: &Object,
    params: &[&ParamUse],
) -> Option<serde_json::Value> {
    let [field] = root.fields.as_slice() else {
        return None;
    };
    let says_none = params
        .iter()
        .any(|p| p.name == field.json_name && p.parameter.ty.trim().eq_ignore_ascii_case("none"));
    if !says_none {
        return None;
    }
    let null_key = |v: &&serde_json::Value| match v.as_object() {
        Some(map) => map.len() == 1 && map.get(&field.json_name).is_some_and(|x| x.is_null()),
        None => false,
    };
    (!samples.is_empty() && samples.iter().all(null_key))
        .then(|| serde_json::json!({ field.json_name.clone(): null }))
}

#[derive(Debug, Clone, Copy)]
enum Parent {
    Top,
    Row(usize),
    Unknown,
}

struct Nester<'a, 'w> {
    rows: Vec<Row<'a>>,
    /// The body's samples, for a place whose merged shape is mixed: they are
    /// looked at again there, one value at a time.
    samples: &'w [&'w serde_json::Value],
    names: HashSet<String>,
    used: Vec<bool>,
    /// Where each claimed or placed row's field is (JSON names from the top).
    paths: Vec<Option<Vec<String>>>,
    /// Fields whose type a sample gave: a parameter never turns them into objects.
    sampled: HashSet<Vec<String>>,
    /// Objects already reported as full.
    full: HashSet<Vec<String>>,
    warnings: &'w mut Vec<Diagnostic>,
}

impl Nester<'_, '_> {
    /// A warning of `kind` where `param` is listed.
    fn warn(&mut self, param: &ParamUse, kind: DiagnosticKind, message: String) {
        self.warnings.push(
            Diagnostic::warning(&param.file, param.line, param.column, message).with_kind(kind),
        );
    }

    fn object_from_shape(
        &mut self,
        keys: &[(String, Shape)],
        parent: Parent,
        at: &[String],
    ) -> Object {
        // The parent's block ends at the next row claimed before this level's own
        // claims, so that one key's claim does not shrink its siblings' block.
        let n = self.rows.len();
        let end = match parent {
            Parent::Row(p) => (p + 1..n).find(|&i| self.used[i]).unwrap_or(n),
            _ => n,
        };
        let mut claimed: Vec<Option<usize>> = keys
            .iter()
            .map(|(key, _)| self.claim(key, parent, end))
            .collect();
        // A resource's fields (the body's top-level object, `snapshot`) may be
        // listed before their wrapper (Cinder lists `status`, `description`, then
        // `snapshot`): what its block did not hold, unused plain rows above it do.
        if let (Parent::Row(p), [_]) = (parent, at) {
            for ((key, _), row) in keys.iter().zip(claimed.iter_mut()) {
                if row.is_none() {
                    *row = (0..p).find(|&i| {
                        !self.used[i] && self.rows[i].parent.is_none() && self.rows[i].leaf == *key
                    });
                    if let Some(i) = *row {
                        self.used[i] = true;
                    }
                }
            }
        }
        let mut object = Object::default();
        for ((key, shape), row) in keys.iter().zip(claimed) {
            let mut path = at.to_vec();
            path.push(key.clone());
            self.sampled.insert(path.clone());
            if let Some(i) = row {
                self.paths[i] = Some(path.clone());
            }
            let doc_type = row.map_or(String::new(), |i| self.rows[i].param.parameter.ty.clone());
            if let Some(i) = row {
                self.check_type(i, shape);
            }
            let ty = self.type_from_shape(key, shape, &doc_type, row, &path);
            let mut field = Field::new(key.clone(), ty);
            field.nullable = shape.null;
            if let Some(i) = row {
                describe(&mut field, self.rows[i].param);
            }
            object.fields.push(field);
        }
        object
    }

    /// The row describing `key` under `parent`: an unused dotted child of the
    /// parent's row, else an unused plain row of that name (from the parent's row
    /// on, up to the next claimed row; anywhere for the top level).
    fn claim(&mut self, key: &str, parent: Parent, end: usize) -> Option<usize> {
        let n = self.rows.len();
        let found = match parent {
            Parent::Top => (0..n).find(|&i| {
                !self.used[i] && self.rows[i].parent.is_none() && self.rows[i].leaf == key
            }),
            Parent::Row(p) => (0..n)
                .find(|&i| {
                    !self.used[i] && self.rows[i].parent == Some(p) && self.rows[i].leaf == key
                })
                .or_else(|| {
                    (p + 1..end).find(|&i| {
                        !self.used[i] && self.rows[i].parent.is_none() && self.rows[i].leaf == key
                    })
                }),
            Parent::Unknown => None,
        };
        if let Some(i) = found {
            self.used[i] = true;
        }
        found
    }

    fn type_from_shape(
        &mut self,
        key: &str,
        shape: &Shape,
        doc_type: &str,
        row: Option<usize>,
        path: &[String],
    ) -> FieldType {
        let from_doc = scalar_from_doc_type(doc_type);
        match &shape.kind {
            Kind::Unknown => from_doc,
            Kind::Mixed => match self.structure_or_strings(&from_doc, path) {
                Some((shape, strings)) => FieldType::OneOf(
                    Box::new(self.type_from_shape(key, &shape, doc_type, row, path)),
                    strings,
                ),
                None => FieldType::Json,
            },
            Kind::Bool => FieldType::Boolean,
            Kind::Integer if from_doc == FieldType::Number => FieldType::Number,
            Kind::Integer => FieldType::Integer,
            Kind::BigInteger if from_doc == FieldType::Number => FieldType::Number,
            Kind::BigInteger => FieldType::BigInteger,
            Kind::Number => FieldType::Number,
            Kind::String
                if from_doc == FieldType::Timestamp || self.holds_timestamps(row, path) =>
            {
                FieldType::Timestamp
            }
            Kind::String => FieldType::String,
            // An item or value seen as `null` too has no typed form inside a
            // container (`Option` is a field's property here): it stays JSON.
            Kind::Array(item) => FieldType::Array(Box::new(match item.kind {
                Kind::Unknown => FieldType::Json,
                _ if item.null => FieldType::Json,
                _ => self.type_from_shape("", item, "", row, path),
            })),
            Kind::Object(keys) if self.is_dictionary(key, doc_type, keys) => {
                let values = keys
                    .iter()
                    .map(|(_, s)| s.clone())
                    .fold(Shape::unknown(), Shape::merge);
                FieldType::Map(Box::new(match values.kind {
                    Kind::Unknown => FieldType::Json,
                    _ if values.null => FieldType::Json,
                    _ => self.type_from_shape("", &values, "", row, path),
                }))
            }
            Kind::Object(keys) => {
                // A top-level key no parameter names is a wrapper the list leaves
                // out (Manila, Cinder and Neutron list `id`, `name` for a body the
                // samples wrap in `share`): its fields take parameters from the
                // whole list. Deeper down, a key with no parameter gives its
                // children none: a wrong description is worse than none.
                let parent = match row {
                    Some(i) => Parent::Row(i),
                    None if path.len() == 1 => Parent::Top,
                    None => Parent::Unknown,
                };
                FieldType::Object(self.object_from_shape(keys, parent, path))
            }
        }
    }

    /// Whether the strings at `path` are timestamps: every one the samples show
    /// is shaped like one, and either there are some or the parameter says so
    /// (`in ISO 8601 format`), since `string` is all an os-api-ref type says.
    fn holds_timestamps(&self, row: Option<usize>, path: &[String]) -> bool {
        let mut values = Vec::new();
        for sample in self.samples {
            values_at(sample, path, &mut values);
        }
        let strings: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
        let described =
            row.is_some_and(|i| describes_timestamp(&self.rows[i].param.parameter.description));
        strings.iter().all(|s| looks_like_timestamp(s)) && (described || !strings.is_empty())
    }

    /// At a place the samples show both as the parameter's container kind (array or
    /// object) and as strings, the container's merged shape and the strings seen,
    /// in first-seen order: the value is "an X, or one of these strings", which
    /// only a description says (Nova's `networks`: a list, or `"auto"`).
    fn structure_or_strings(
        &self,
        from_doc: &FieldType,
        path: &[String],
    ) -> Option<(Shape, Vec<String>)> {
        if !matches!(from_doc, FieldType::Array(_) | FieldType::Map(_)) {
            return None;
        }
        let mut values = Vec::new();
        for sample in self.samples {
            values_at(sample, path, &mut values);
        }
        let mut strings: Vec<String> = Vec::new();
        let mut shape = Shape::unknown();
        for value in values {
            match value {
                serde_json::Value::String(s) => {
                    if !strings.contains(s) {
                        strings.push(s.clone());
                    }
                }
                serde_json::Value::Null => {}
                other => shape = shape.merge(Shape::of(other)),
            }
        }
        let container = matches!(
            (&shape.kind, from_doc),
            (Kind::Array(_), FieldType::Array(_)) | (Kind::Object(_), FieldType::Map(_))
        );
        (container && !strings.is_empty()).then_some((shape, strings))
    }

    /// Where a parameter's type names a definite kind that the samples contradict,
    /// says so (the samples win; `apiref lint` shows it as the doc's mistake).
    fn check_type(&mut self, row: usize, shape: &Shape) {
        let param = self.rows[row].param;
        let doc_type = param.parameter.ty.as_str();
        let from_doc = scalar_from_doc_type(doc_type);
        if matches!(shape.kind, Kind::Mixed) && from_doc == FieldType::Json {
            return;
        }
        let Some(seen) = shape.kind.described() else {
            return;
        };
        let path = self.paths[row].clone().unwrap_or_default();
        if matches!(shape.kind, Kind::Mixed)
            && let Some((_, strings)) = self.structure_or_strings(&from_doc, &path)
        {
            let strings: Vec<String> = strings.iter().map(|s| format!("{s:?}")).collect();
            self.warn(
                param,
                DiagnosticKind::TypeFromExample,
                format!(
                    "`{}` is `type: {doc_type}` in `{}` but the samples also show the \
                     string {}; the generated type is an enum of both (list every \
                     allowed string with `or_enum` in an overlay)",
                    param.name,
                    param.key,
                    strings.join(", ")
                ),
            );
            return;
        }
        let agrees = shape.kind.fits(&from_doc);
        if !agrees {
            let message = if param.is_table_row() {
                format!(
                    "row `{}` says `{doc_type}` but the examples show {seen}; \
                     the generated type follows the examples",
                    param.name
                )
            } else {
                format!(
                    "`{}` is `type: {doc_type}` in `{}` but the samples show {seen}; \
                     the generated type follows the samples",
                    param.name, param.key
                )
            };
            self.warn(param, DiagnosticKind::TypeFromExample, message);
        }
    }

    /// An object whose keys are no parameter names is a dictionary when its
    /// parameter says object and has no dotted children, it is `metadata`, a key
    /// cannot be an identifier, or every key is an id.
    fn is_dictionary(&self, key: &str, doc_type: &str, keys: &[(String, Shape)]) -> bool {
        if keys.iter().any(|(k, _)| self.names.contains(k)) {
            return false;
        }
        let says_object = matches!(scalar_from_doc_type(doc_type), FieldType::Map(_));
        let not_identifiers = keys
            .iter()
            .any(|(k, _)| !k.chars().all(|c| c.is_alphanumeric() || "_-:.".contains(c)));
        let ids = keys.iter().all(|(k, _)| is_id(k));
        keys.is_empty() || says_object || key == "metadata" || not_identifiers || ids
    }

    /// The leading parameter of a body keyed by ids, when no sample shows it and
    /// it is a string: it names the keys (`consumer_uuid`), so it is no field of
    /// the values. Said as a warning, since the reference lists it as one.
    fn skip_key_row(&mut self) {
        let Some(row) = self.rows.first() else {
            return;
        };
        let is_string = matches!(
            scalar_from_doc_type(&row.param.parameter.ty),
            FieldType::String
        );
        if self.used[0] || row.parent.is_some() || !is_string {
            return;
        }
        self.used[0] = true;
        let param = row.param;
        let message = format!(
            "`{}` names the keys of the body, which the samples show as a dictionary keyed \
             by ids; it is the key, not a field of each value",
            param.name
        );
        self.warn(param, DiagnosticKind::UnplacedRow, message);
    }

    /// Parameters of a body that is a JSON array and that no item shows: there is
    /// no object to put them in, so each is a warning where the list names it.
    fn report_unused_in_array(&mut self) {
        for i in 0..self.rows.len() {
            if std::mem::replace(&mut self.used[i], true) {
                continue;
            }
            let param = self.rows[i].param;
            self.warn(
                param,
                DiagnosticKind::UnplacedRow,
                format!(
                    "`{}` is in no sample, and the samples show the body as a JSON \
                     array, with no object to put it in; it is left out",
                    param.name
                ),
            );
        }
    }

    /// Rows no sample shows: dotted ones under their parent, plain ones in the main
    /// object.
    fn place_unused(&mut self, root: &mut Object) {
        // The main object: the sample's single wrapper, else (no sample at all) a
        // leading object or array parameter, since the lists name the wrapper first.
        let first_row = self.rows.first().filter(|r| r.parent.is_none());
        // A list reply's main object is its collection's item: the fields a
        // reference lists without a parent (`locked`, `fault`) belong to each
        // server, not beside `servers`.
        let holds_resource = |ty: &FieldType| match ty {
            FieldType::Object(_) => true,
            FieldType::Array(item) => matches!(**item, FieldType::Object(_)),
            _ => false,
        };
        let main: Option<String> = match root.fields.as_slice() {
            [only] if holds_resource(&only.ty) => Some(only.json_name.clone()),
            [] => first_row
                .filter(|r| {
                    matches!(
                        scalar_from_doc_type(&r.param.parameter.ty),
                        FieldType::Map(_) | FieldType::Array(_)
                    )
                })
                .map(|r| r.leaf.clone()),
            // Several keys at the top (`server` and `os:scheduler_hints`): the
            // first parameter names the wrapper, if the samples show it as one.
            fields => first_row.map(|r| r.leaf.clone()).filter(|name| {
                fields
                    .iter()
                    .any(|f| f.json_name == *name && holds_resource(&f.ty))
            }),
        };
        for i in 0..self.rows.len() {
            if self.used[i] {
                continue;
            }
            self.used[i] = true;
            let row = &self.rows[i];
            let target = match (row.parent, &main) {
                (Some(p), _) => match &self.paths[p] {
                    Some(path) => path.clone(),
                    None => continue, // its parent could not be placed: reported there
                },
                (None, Some(m)) if *m != row.leaf => vec![m.clone()],
                (None, _) => Vec::new(),
            };
            let param = row.param;
            let leaf = row.leaf.clone();
            // A parent that a sample shows as a dictionary: its dotted children
            // describe the entries (`key`, `value`), which the map type holds.
            if row.parent.is_some() && is_map_at(root, &target) {
                continue;
            }
            let placed = match object_at(root, &target, !self.sampled.contains(&target)) {
                Some(object) if object.fields.len() >= MAX_OBJECT_KEYS => {
                    // One error per object: the first parameter past the limit.
                    if self.full.insert(target.clone()) {
                        self.warnings.push(Diagnostic::error(
                            &param.file,
                            param.line,
                            param.column.max(2),
                            format!(
                                "`{}` would be field {} of one object; an object may have at \
                                 most {MAX_OBJECT_KEYS} fields (a sample can nest them into objects)",
                                param.name,
                                object.fields.len() + 1
                            ),
                        ).with_kind(DiagnosticKind::ModelError));
                    }
                    continue;
                }
                Some(object) if object.field(&leaf).is_none() => {
                    object.fields.push(field_from_param(&leaf, param));
                    true
                }
                _ => false,
            };
            if placed {
                let mut path = target;
                path.push(leaf);
                self.paths[i] = Some(path);
            } else {
                let message = if param.is_table_row() {
                    format!(
                        "row `{}` is in no example and its name is taken at the level it would \
                         go to; it is not a typed field (its values are kept in `extra`); place \
                         it with an overlay",
                        param.name
                    )
                } else {
                    format!(
                        "`{}` is in no sample and cannot be placed (its name is taken where \
                         it would go, or its parent holds no object); its values are kept in \
                         `extra`",
                        param.name
                    )
                };
                self.warn(param, DiagnosticKind::UnplacedRow, message);
            }
        }
    }
}

/// An object with keys, every one of them an id: a dictionary, whatever the
/// parameters say, since no field is named like a UUID.
fn keyed_by_ids(value: &serde_json::Value) -> bool {
    value
        .as_object()
        .is_some_and(|m| !m.is_empty() && m.keys().all(|k| is_id(k)))
}

/// A UUID as OpenStack writes ids: 32 hex digits, bare (Keystone's) or in the
/// 8-4-4-4-12 groups.
fn is_id(key: &str) -> bool {
    let hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    let groups: Vec<&str> = key.split('-').collect();
    match groups.as_slice() {
        [bare] => bare.len() == 32 && hex(bare),
        [a, b, c, d, e] => {
            [a.len(), b.len(), c.len(), d.len(), e.len()] == [8, 4, 4, 4, 12]
                && groups.iter().all(|g| hex(g))
        }
        _ => false,
    }
}

/// Every value at `path` (JSON names from the top) in `value`, arrays on the way
/// passed through: what a field's samples hold, one by one.
fn values_at<'v>(
    value: &'v serde_json::Value,
    path: &[String],
    out: &mut Vec<&'v serde_json::Value>,
) {
    let Some((first, rest)) = path.split_first() else {
        out.push(value);
        return;
    };
    match value {
        serde_json::Value::Object(map) => {
            if let Some(v) = map.get(first) {
                values_at(v, rest, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                values_at(item, path, out);
            }
        }
        _ => {}
    }
}

/// The object at `path` (JSON names through objects, arrays and maps), turning the
/// last field, if `convert` and it is an untyped object or array, into one that can
/// hold fields.
fn object_at<'o>(root: &'o mut Object, path: &[String], convert: bool) -> Option<&'o mut Object> {
    let Some((first, rest)) = path.split_first() else {
        return Some(root);
    };
    let field = root.field_mut(first)?;
    let here = convert && rest.is_empty();
    if !here {
        // Walk through without changing types.
    } else if is_untyped_map(&field.ty) {
        field.ty = FieldType::Object(Object::default());
    } else if field.ty == FieldType::Array(Box::new(FieldType::Json)) {
        field.ty = FieldType::Array(Box::new(FieldType::Object(Object::default())));
    }
    let mut ty = &mut field.ty;
    if let FieldType::OneOf(inner, _) = ty {
        ty = inner.as_mut();
    }
    match ty {
        FieldType::Object(o) => object_at(o, rest, convert),
        FieldType::Array(item) => match item.as_mut() {
            FieldType::Object(o) => object_at(o, rest, convert),
            _ => None,
        },
        _ => None,
    }
}

fn is_untyped_map(ty: &FieldType) -> bool {
    matches!(ty, FieldType::Json) || matches!(ty, FieldType::Map(v) if **v == FieldType::Json)
}

fn is_map_at(root: &Object, path: &[String]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut object = root;
    for name in parents {
        match object.field(name).and_then(|f| f.ty.inner_object()) {
            Some(o) => object = o,
            None => return false,
        }
    }
    // Only a dictionary a sample showed: a parameter's bare `object` type is
    // untyped until its children give it fields.
    matches!(object.field(last).map(|f| &f.ty), Some(FieldType::Map(_)))
        && !is_untyped_map(object.field(last).map_or(&FieldType::String, |f| &f.ty))
}
