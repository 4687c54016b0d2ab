//! Comparing what replies showed with the model's types: one overlay entry per
//! field the replies contradict, each with the facts that support it.
//!
//! - a key no type has: a new field, typed from every value seen, `nullable` if
//!   one was `null`, `since`/`until` when replies at the microversion next to
//!   its first (last) one lacked it;
//! - a required field absent from some replies: `required = false`; one sent as
//!   `null`: `nullable = true`;
//! - a value of another kind than the field's type: the type every value has
//!   (`or_empty<integer>`, `json` when the kind changes at a microversion);
//! - an enum's string it does not list: the enum with it;
//! - an object of the model whose keys are free: `map<T>`;
//! - a body whose top key is not the one the model has (a wrong wrapper): the
//!   new key required, the model's keys that never came removed.

use super::shape::{Kind, Node, Seen};
use super::typing::{corrected, dictionary, fits, type_of};
use super::{Entry, EntryKind, Setting};
use crate::microversion::Microversion;
use crate::model::{Body, Field, FieldType, Object, Top};

/// The entries of one operation, as they are found.
struct Compare<'a> {
    operation: &'a str,
    entries: Vec<Entry>,
}

/// Compares `root`, every body of `operation`'s replies merged, with `body`, the
/// model's response body (`None`: the model has none).
pub fn compare(operation: &str, body: Option<&Body>, root: &Node) -> Vec<Entry> {
    let mut out = Compare {
        operation,
        entries: Vec::new(),
    };
    let empty = Object::default();
    match body.map(|b| &b.top) {
        Some(Top::Array(item)) => {
            if let Some(items) = root.items.as_deref() {
                out.inside(item, items, "", "");
            }
        }
        Some(Top::ArrayOrObject(item)) => {
            if let Some(items) = root.items.as_deref() {
                out.inside(item, items, "", "");
            }
            out.object(body.map_or(&empty, |b| &b.object), root, "", "", true);
        }
        _ => out.object(body.map_or(&empty, |b| &b.object), root, "", "", true),
    }
    out.entries
}

/// `parent/name`, or `name` at the top.
fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}/{name}")
    }
}

/// `string at 2.1–2.27 (5), object at 2.28 (1)`: each kind seen, where and how often.
fn kinds(node: &Node) -> String {
    node.kinds
        .iter()
        .map(|(kind, seen)| match seen.range().as_str() {
            "" => format!("{} ({})", kind.name(), seen.count),
            range => format!("{} at {range} ({})", kind.name(), seen.count),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// ` in 3 replies (microversions 2.1–2.60)`.
fn replies(node: &Node) -> String {
    let n = node.replies;
    let plural = if n == 1 { "reply" } else { "replies" };
    match node.seen().range().as_str() {
        "" => format!("{n} {plural}"),
        range => format!("{n} {plural} at {range}"),
    }
}

impl Compare<'_> {
    fn push(
        &mut self,
        path: String,
        json_path: &str,
        kind: EntryKind,
        keys: Vec<(&'static str, Setting)>,
        facts: String,
    ) {
        self.entries.push(Entry {
            operation: self.operation.to_owned(),
            path,
            kind,
            keys,
            evidence: format!("{} {json_path}: {facts}", self.operation),
        });
    }

    /// The fields of `model` against the objects seen at `node`.
    fn object(&mut self, model: &Object, node: &Node, path: &str, json_path: &str, top: bool) {
        let objects = node.objects();
        if objects.count == 0 {
            return;
        }
        let everywhere = |child: &Node| child.count() == objects.count;
        let new: Vec<&(String, Node)> = node
            .fields
            .iter()
            .filter(|(key, _)| model.field(key).is_none() && !key.contains('/') && !key.is_empty())
            .collect();
        // A body whose top keys the model has never all come, and a new one always
        // does: the model's wrapper is wrong.
        let wrong_wrapper = top
            && !model
                .fields
                .iter()
                .any(|f| node.field(&f.json_name).is_some_and(everywhere))
            && new.iter().any(|(_, child)| everywhere(child));
        for field in &model.fields {
            match node.field(&field.json_name) {
                Some(child) => self.known(field, child, objects, path, json_path),
                None if wrong_wrapper => self.push(
                    join(path, &field.json_name),
                    &join_json(json_path, &field.json_name),
                    EntryKind::Remove,
                    vec![("remove", Setting::Flag(true))],
                    format!(
                        "never sent, in {} objects where the model has it at the top",
                        objects.count
                    ),
                ),
                None if field.required => self.push(
                    join(path, &field.json_name),
                    &join_json(json_path, &field.json_name),
                    EntryKind::Optional,
                    vec![("required", Setting::Flag(false))],
                    format!(
                        "required, but absent from all {} objects seen",
                        objects.count
                    ),
                ),
                None => {}
            }
        }
        for (key, child) in new {
            let typed = type_of(key, child);
            let mut keys = vec![("type", Setting::Text(typed.ty))];
            if typed.nullable {
                keys.push(("nullable", Setting::Flag(true)));
            }
            if wrong_wrapper && everywhere(child) {
                keys.push(("required", Setting::Flag(true)));
            }
            // A range only where replies pin it: the object came without the
            // field at the microversion just before the first it came with (or
            // just after the last); a gap between them leaves the range to the
            // comment's kinds and versions.
            let seen = child.seen();
            let next =
                |a: Microversion, b: Microversion| a.major == b.major && a.minor + 1 == b.minor;
            if let Some(first) = seen.min
                && let Some(&before) = node.object_versions.range(..first).next_back()
                && next(before, first)
            {
                keys.push(("since", Setting::Text(first.to_string())));
            }
            if let Some(last) = seen.max
                && let Some(&after) = node
                    .object_versions
                    .range((std::ops::Bound::Excluded(last), std::ops::Bound::Unbounded))
                    .next()
                && next(last, after)
            {
                keys.push(("until", Setting::Text(last.to_string())));
            }
            if key == "extra" {
                // `extra` is every struct's own field for the keys no type has.
                keys.push(("rust_name", Setting::Text("extra_attributes".to_owned())));
            }
            self.push(
                join(path, key),
                &join_json(json_path, key),
                EntryKind::NewField,
                keys,
                format!(
                    "in no type; {}; in {} of {} objects; {}",
                    kinds(child),
                    child.count(),
                    objects.count,
                    replies(child)
                ),
            );
        }
    }

    /// A field the model has, against what came at its place.
    fn known(&mut self, field: &Field, node: &Node, parents: Seen, path: &str, json_path: &str) {
        let path = join(path, &field.json_name);
        let json_path = join_json(json_path, &field.json_name);
        let mut keys = Vec::new();
        let mut facts = Vec::new();
        let mut kind = None;
        let absent = parents.count.saturating_sub(node.count());
        if field.required && absent > 0 {
            keys.push(("required", Setting::Flag(false)));
            facts.push(format!(
                "required, but absent from {absent} of {} objects",
                parents.count
            ));
            kind.get_or_insert(EntryKind::Optional);
        }
        if let Some(nulls) = node.kinds.get(&Kind::Null)
            && field.required
            && !field.nullable
            && !matches!(field.ty, FieldType::Json)
        {
            keys.push(("nullable", Setting::Flag(true)));
            facts.push(format!("null in {} of {}", nulls.count, node.count()));
            kind.get_or_insert(EntryKind::Nullable);
        }
        let misfit = node.kinds.keys().any(|k| !fits(&field.ty, *k));
        if misfit {
            let typed = corrected(&field.ty, &field.json_name, node);
            keys.push(("type", Setting::Text(typed.ty)));
            facts.push(format!("the model's type does not hold {}", kinds(node)));
            kind.get_or_insert(EntryKind::Type);
        } else if let FieldType::Enum(values) = &field.ty
            && !node.many_strings
        {
            let unlisted: Vec<&String> = node
                .strings
                .iter()
                .filter(|s| !s.is_empty() && !values.contains(s))
                .collect();
            if !unlisted.is_empty() {
                let mut all = values.clone();
                all.extend(unlisted.iter().map(|s| (*s).clone()));
                keys.push(("enum", Setting::List(all)));
                let shown: Vec<String> = unlisted.iter().map(|s| format!("{s:?}")).collect();
                facts.push(format!(
                    "values the enum does not list: {}",
                    shown.join(", ")
                ));
                kind.get_or_insert(EntryKind::Enum);
            }
        } else if let FieldType::Object(object) = &field.ty
            && node.fields.iter().any(|(k, _)| object.field(k).is_none())
            && let Some(map) = dictionary(&field.json_name, node)
        {
            let keys_seen: Vec<&str> = node.fields.iter().map(|(k, _)| k.as_str()).collect();
            keys.push(("type", Setting::Text(map)));
            facts.push(format!(
                "an object of free keys ({}), not the model's fields",
                keys_seen.join(", ")
            ));
            kind.get_or_insert(EntryKind::Type);
        } else {
            self.inside(&field.ty, node, &path, &json_path);
        }
        if let Some(kind) = kind {
            let facts = format!("{}; {}", facts.join("; "), replies(node));
            self.push(path, &json_path, kind, keys, facts);
        }
    }

    /// What is inside a value of `ty` seen at `node`: an object's fields, an
    /// array's items, a map's values.
    fn inside(&mut self, ty: &FieldType, node: &Node, path: &str, json_path: &str) {
        match ty {
            FieldType::Object(object) => self.object(object, node, path, json_path, false),
            FieldType::Array(item) => {
                if let Some(items) = node.items.as_deref() {
                    self.inside(item, items, path, &format!("{json_path}[]"));
                }
            }
            FieldType::Map(value) => {
                if let Some(values) = node.items.as_deref() {
                    self.inside(value, values, path, &format!("{json_path}/*"));
                }
            }
            FieldType::OrEmptyString(inner) | FieldType::OneOf(inner, _) => {
                self.inside(inner, node, path, json_path);
            }
            _ => {}
        }
    }
}

/// `servers[]/name`-style: the JSON path a comment shows.
fn join_json(parent: &str, name: &str) -> String {
    join(parent, name)
}
