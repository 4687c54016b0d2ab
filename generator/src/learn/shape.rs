//! What the replies of one operation showed, merged into one tree: at each place
//! of the body, the kinds of value seen (and at which microversions), how many
//! replies had it, and its children. The model guides only where a value's keys
//! are not fields: the values of a dictionary the model types as a map merge into
//! one child, as overlay paths see them.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::microversion::Microversion;
use crate::model::{FieldType, Object};

/// The most distinct strings kept per place: enough for any enum, and a bound on
/// what a field of free text costs.
const MAX_STRINGS: usize = 64;

/// How often something was seen, and at which microversions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    /// How many times.
    pub count: usize,
    /// The lowest microversion it was seen at.
    pub min: Option<Microversion>,
    /// The highest.
    pub max: Option<Microversion>,
}

impl Seen {
    fn add(&mut self, version: Option<Microversion>) {
        self.count += 1;
        if let Some(v) = version {
            self.min = Some(self.min.map_or(v, |m| m.min(v)));
            self.max = Some(self.max.map_or(v, |m| m.max(v)));
        }
    }

    /// `2.1–2.60`, `2.19`, or empty without microversions.
    pub fn range(&self) -> String {
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}–{b}"),
            _ => String::new(),
        }
    }
}

/// The kind of a JSON value, as far as typing a field goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `null`
    Null,
    /// `""`
    EmptyString,
    /// any other string
    String,
    /// an integer
    Integer,
    /// a number with a fraction or an exponent
    Number,
    /// `true` or `false`
    Boolean,
    /// an object
    Object,
    /// an array
    Array,
}

impl Kind {
    /// The kind of `value`.
    pub fn of(value: &Value) -> Kind {
        match value {
            Value::Null => Kind::Null,
            Value::String(s) if s.is_empty() => Kind::EmptyString,
            Value::String(_) => Kind::String,
            Value::Number(n) if n.is_i64() || n.is_u64() => Kind::Integer,
            Value::Number(_) => Kind::Number,
            Value::Bool(_) => Kind::Boolean,
            Value::Object(_) => Kind::Object,
            Value::Array(_) => Kind::Array,
        }
    }

    /// How a comment names it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::EmptyString => "\"\"",
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Object => "object",
            Kind::Array => "array",
        }
    }
}

/// One place of a body, over every reply.
#[derive(Debug, Clone, Default)]
pub struct Node {
    /// Each kind of value seen here.
    pub kinds: BTreeMap<Kind, Seen>,
    /// How many replies had a value here.
    pub replies: usize,
    last_reply: Option<usize>,
    /// The distinct strings seen, up to [`MAX_STRINGS`].
    pub strings: Vec<String>,
    /// More distinct strings than that were seen.
    pub many_strings: bool,
    /// An object's keys, in the order first seen, each with what it held.
    pub fields: Vec<(String, Node)>,
    /// An array's items, or a dictionary's values.
    pub items: Option<Box<Node>>,
    /// The microversions objects were seen at here: where a field could have
    /// been and was not.
    pub object_versions: BTreeSet<Microversion>,
    /// Two objects seen here had keys, and not the same ones: what a
    /// dictionary's values look like (an empty object says nothing either way).
    pub keys_vary: bool,
    first_keys: Option<Vec<String>>,
}

/// What the model says a place holds, to merge a dictionary's values.
#[derive(Debug, Clone, Copy)]
pub enum Guide<'a> {
    /// Nothing: a place the model does not type (or types as any JSON).
    Free,
    /// A field's type.
    Type(&'a FieldType),
    /// A body's top object.
    Object(&'a Object),
}

impl Node {
    /// The child at `key`, if a reply had it.
    pub fn field(&self, key: &str) -> Option<&Node> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, n)| n)
    }

    /// How many values were seen here, of any kind.
    pub fn count(&self) -> usize {
        self.kinds.values().map(|s| s.count).sum()
    }

    /// Every version a value was seen at, any kind.
    pub fn seen(&self) -> Seen {
        let mut all = Seen::default();
        for s in self.kinds.values() {
            all.count += s.count;
            for v in [s.min, s.max].into_iter().flatten() {
                all.min = Some(all.min.map_or(v, |m| m.min(v)));
                all.max = Some(all.max.map_or(v, |m| m.max(v)));
            }
        }
        all
    }

    /// How many objects were seen here.
    pub fn objects(&self) -> Seen {
        self.kinds.get(&Kind::Object).copied().unwrap_or_default()
    }

    /// Merges `value`, from reply number `reply` at `version`, into this place.
    pub fn observe(
        &mut self,
        value: &Value,
        guide: Guide<'_>,
        version: Option<Microversion>,
        reply: usize,
    ) {
        self.kinds.entry(Kind::of(value)).or_default().add(version);
        if self.last_reply != Some(reply) {
            self.last_reply = Some(reply);
            self.replies += 1;
        }
        match value {
            Value::String(s) => self.keep_string(s),
            Value::Array(items) => {
                let item_guide = match structural(guide) {
                    Some(FieldType::Array(item)) => Guide::Type(item),
                    _ => Guide::Free,
                };
                let node = self.items.get_or_insert_with(Box::default);
                for item in items {
                    node.observe(item, item_guide, version, reply);
                }
            }
            Value::Object(map) => {
                if let Some(FieldType::Map(value_type)) = structural(guide) {
                    let node = self.items.get_or_insert_with(Box::default);
                    for item in map.values() {
                        node.observe(item, Guide::Type(value_type), version, reply);
                    }
                    return;
                }
                if let Some(v) = version {
                    self.object_versions.insert(v);
                }
                let keys: Vec<String> = map.keys().cloned().collect();
                match &self.first_keys {
                    _ if keys.is_empty() => {}
                    None => self.first_keys = Some(keys),
                    Some(first) if *first != keys => self.keys_vary = true,
                    Some(_) => {}
                }
                let object = match guide {
                    Guide::Object(o) => Some(o),
                    _ => structural(guide).and_then(FieldType::inner_object),
                };
                for (key, item) in map {
                    let child_guide = object
                        .and_then(|o| o.field(key))
                        .map_or(Guide::Free, |f| Guide::Type(&f.ty));
                    let at = match self.fields.iter().position(|(k, _)| k == key) {
                        Some(at) => at,
                        None => {
                            self.fields.push((key.clone(), Node::default()));
                            self.fields.len() - 1
                        }
                    };
                    self.fields[at].1.observe(item, child_guide, version, reply);
                }
            }
            _ => {}
        }
    }

    /// Adds `other`'s kinds (not its children) to this one's.
    pub fn absorb_kinds(&mut self, other: &Node) {
        for (kind, seen) in &other.kinds {
            let mine = self.kinds.entry(*kind).or_default();
            mine.count += seen.count;
            for v in [seen.min, seen.max].into_iter().flatten() {
                mine.min = Some(mine.min.map_or(v, |m| m.min(v)));
                mine.max = Some(mine.max.map_or(v, |m| m.max(v)));
            }
        }
    }

    fn keep_string(&mut self, s: &str) {
        if self.many_strings || self.strings.iter().any(|k| k == s) {
            return;
        }
        if self.strings.len() == MAX_STRINGS {
            self.many_strings = true;
            self.strings.clear();
        } else {
            self.strings.push(s.to_owned());
        }
    }
}

/// The type whose structure a value has: a value-or-`""` and a value-or-strings
/// hold their value's structure.
fn structural<'a>(guide: Guide<'a>) -> Option<&'a FieldType> {
    let mut ty = match guide {
        Guide::Type(ty) => ty,
        _ => return None,
    };
    while let FieldType::OrEmptyString(inner) | FieldType::OneOf(inner, _) = ty {
        ty = inner;
    }
    Some(ty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v(minor: u16) -> Option<Microversion> {
        Some(Microversion { major: 2, minor })
    }

    #[test]
    fn merges_kinds_versions_and_replies() {
        let mut root = Node::default();
        root.observe(&json!({"a": [{"x": ""}, {"x": 1}]}), Guide::Free, v(1), 0);
        root.observe(&json!({"a": [{"x": 2, "y": null}]}), Guide::Free, v(75), 1);
        let x = root
            .field("a")
            .and_then(|a| a.items.as_deref())
            .and_then(|i| i.field("x"));
        let x = x.expect("a/x");
        assert_eq!(x.replies, 2);
        assert_eq!(x.kinds[&Kind::EmptyString].range(), "2.1");
        assert_eq!(x.kinds[&Kind::Integer].range(), "2.1–2.75");
        assert_eq!(x.kinds[&Kind::Integer].count, 2);
        let items = root
            .field("a")
            .and_then(|a| a.items.as_deref())
            .expect("items");
        assert!(items.keys_vary);
        assert_eq!(items.objects().count, 3);
        let mut options = Node::default();
        options.observe(&json!({}), Guide::Free, None, 0);
        options.observe(&json!({"immutable": true}), Guide::Free, None, 1);
        assert!(!options.keys_vary, "an empty object is no other key set");
    }

    #[test]
    fn a_maps_values_merge_into_one_child() {
        let map = FieldType::Map(Box::new(FieldType::String));
        let mut node = Node::default();
        node.observe(&json!({"k1": "a", "k2": "b"}), Guide::Type(&map), None, 0);
        assert!(node.fields.is_empty());
        let values = node.items.as_deref().expect("values");
        assert_eq!(values.count(), 2);
        assert_eq!(values.strings, ["a", "b"]);
    }
}
