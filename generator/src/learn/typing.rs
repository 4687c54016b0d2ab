//! Types in the overlay's words: whether a kind of value fits a model type, and
//! the type every value seen at a place has (`integer`, `or_empty<integer>`,
//! `map<string>`, `json` where they disagree).

use super::shape::{Kind, Node};
use crate::model::FieldType;

/// Names of objects that are dictionaries of free keys, as the generator reads
/// them in samples (`metadata`) and as OpenStack uses them.
const DICTIONARY_NAMES: [&str; 4] = ["metadata", "properties", "extra_specs", "capabilities"];

/// A type for an overlay entry: its `type` text, and whether `null` was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    /// As an overlay writes it.
    pub ty: String,
    /// Some value was `null`.
    pub nullable: bool,
}

/// Whether a value of `kind` decodes as `ty` (`null` aside: presence is
/// `required`'s and `nullable`'s to say).
pub fn fits(ty: &FieldType, kind: Kind) -> bool {
    match ty {
        FieldType::Json => true,
        _ if kind == Kind::Null => true,
        FieldType::String | FieldType::Enum(_) | FieldType::Timestamp => {
            matches!(kind, Kind::String | Kind::EmptyString)
        }
        FieldType::Integer | FieldType::BigInteger => kind == Kind::Integer,
        FieldType::Number => matches!(kind, Kind::Integer | Kind::Number),
        FieldType::Boolean => kind == Kind::Boolean,
        FieldType::Object(_) | FieldType::Map(_) => kind == Kind::Object,
        FieldType::Array(_) => kind == Kind::Array,
        FieldType::OrEmptyString(inner) => kind == Kind::EmptyString || fits(inner, kind),
        FieldType::OneOf(inner, _) => {
            matches!(kind, Kind::String | Kind::EmptyString) || fits(inner, kind)
        }
    }
}

/// The type for a field the model types as `model` whose values do not all fit
/// it: `or_empty<T>` when only `""` does not (the model is right about the rest,
/// even where replies only ever sent `""`), else what the values say.
pub fn corrected(model: &FieldType, name: &str, node: &Node) -> Typed {
    let only_empty = node
        .kinds
        .keys()
        .all(|k| *k == Kind::EmptyString || fits(model, *k));
    match overlay_name(model) {
        Some(inner) if only_empty => Typed {
            ty: format!("or_empty<{inner}>"),
            nullable: node.kinds.contains_key(&Kind::Null),
        },
        _ => type_of(name, node),
    }
}

/// A plain model type as an overlay names it.
fn overlay_name(ty: &FieldType) -> Option<&'static str> {
    Some(match ty {
        FieldType::Integer | FieldType::BigInteger => "integer",
        FieldType::Number => "number",
        FieldType::Boolean => "boolean",
        _ => return None,
    })
}

/// The type that holds every value seen at `node`, a field named `name`.
pub fn type_of(name: &str, node: &Node) -> Typed {
    let nullable = node.kinds.contains_key(&Kind::Null);
    let kinds: Vec<Kind> = node
        .kinds
        .keys()
        .copied()
        .filter(|k| *k != Kind::Null)
        .collect();
    let ty = match kinds.as_slice() {
        [] => "json".to_owned(),
        [Kind::EmptyString] | [Kind::EmptyString, Kind::String] | [Kind::String] => {
            "string".to_owned()
        }
        [Kind::EmptyString, other] => match one_type(&[*other], name, node) {
            Some(inner) if inner != "json" => format!("or_empty<{inner}>"),
            _ => "json".to_owned(),
        },
        _ => one_type(&kinds, name, node).unwrap_or_else(|| "json".to_owned()),
    };
    Typed { ty, nullable }
}

/// The one type of values of these kinds (no `null`, no `""`), if they share one.
fn one_type(kinds: &[Kind], name: &str, node: &Node) -> Option<String> {
    Some(match kinds {
        [Kind::String] => "string".to_owned(),
        [Kind::Integer] => "integer".to_owned(),
        [Kind::Integer, Kind::Number] | [Kind::Number] => "number".to_owned(),
        [Kind::Boolean] => "boolean".to_owned(),
        [Kind::Array] => match node.items.as_deref() {
            Some(items) if items.count() > 0 => format!("array<{}>", scalar(name, items)?),
            _ => "json".to_owned(),
        },
        [Kind::Object] => dictionary(name, node).unwrap_or_else(|| "json".to_owned()),
        _ => return None,
    })
}

/// `map<T>` for an object whose keys are free: it is named like a dictionary, or
/// its key sets differ from one object to the next, and every value is of one
/// plain type.
pub fn dictionary(name: &str, node: &Node) -> Option<String> {
    let named = DICTIONARY_NAMES.contains(&name);
    if !named && !node.keys_vary {
        return None;
    }
    let mut values = Node::default();
    for (_, child) in &node.fields {
        values.absorb_kinds(child);
    }
    if let Some(items) = node.items.as_deref() {
        values.absorb_kinds(items);
    }
    if values.count() == 0 {
        return None;
    }
    Some(format!("map<{}>", scalar(name, &values)?))
}

/// The plain type (string, integer, number, boolean) of `node`'s values, if all
/// have one and none is `null`.
fn scalar(name: &str, node: &Node) -> Option<String> {
    let typed = type_of(name, node);
    let plain = ["string", "integer", "number", "boolean"].contains(&typed.ty.as_str());
    (plain && !typed.nullable).then_some(typed.ty)
}

#[cfg(test)]
mod tests {
    use super::super::shape::Guide;
    use super::*;
    use serde_json::{Value, json};

    fn node_of(values: &[Value]) -> Node {
        let mut node = Node::default();
        for (i, value) in values.iter().enumerate() {
            node.observe(value, Guide::Free, None, i);
        }
        node
    }

    fn ty(name: &str, values: &[Value]) -> String {
        type_of(name, &node_of(values)).ty
    }

    #[test]
    fn types_from_every_value() {
        assert_eq!(ty("a", &[json!(1), json!(2)]), "integer");
        assert_eq!(ty("a", &[json!(1), json!(2.5)]), "number");
        assert_eq!(ty("a", &[json!(""), json!(0)]), "or_empty<integer>");
        assert_eq!(ty("a", &[json!(""), json!("x")]), "string");
        assert_eq!(ty("a", &[json!("x"), json!(1)]), "json");
        assert_eq!(ty("a", &[json!(["x"]), json!([])]), "array<string>");
        assert_eq!(ty("a", &[json!([])]), "json");
        assert_eq!(ty("a", &[json!([{"x": 1}])]), "json");
        assert_eq!(ty("a", &[json!({"id": "x"})]), "json");
        assert_eq!(ty("metadata", &[json!({"k": "v"})]), "map<string>");
        assert_eq!(
            ty("a", &[json!({"k1": "v"}), json!({"k2": "w"})]),
            "map<string>"
        );
        assert_eq!(ty("metadata", &[json!({})]), "json");
        let null = type_of("a", &node_of(&[json!(null)]));
        assert_eq!((null.ty.as_str(), null.nullable), ("json", true));
        let some = type_of("a", &node_of(&[json!(null), json!(true)]));
        assert_eq!((some.ty.as_str(), some.nullable), ("boolean", true));
    }

    #[test]
    fn only_empty_strings_keep_the_models_type() {
        let only_empty = node_of(&[json!(""), json!("")]);
        assert_eq!(
            corrected(&FieldType::Integer, "swap", &only_empty).ty,
            "or_empty<integer>"
        );
        let strings = node_of(&[json!(""), json!("x")]);
        assert_eq!(
            corrected(&FieldType::Integer, "swap", &strings).ty,
            "string"
        );
    }

    #[test]
    fn kinds_fit_model_types() {
        let int = FieldType::Integer;
        assert!(fits(&int, Kind::Integer) && !fits(&int, Kind::EmptyString));
        let or_empty = FieldType::OrEmptyString(Box::new(FieldType::Integer));
        assert!(fits(&or_empty, Kind::EmptyString));
        assert!(fits(&FieldType::Number, Kind::Integer));
        assert!(fits(&FieldType::Timestamp, Kind::EmptyString));
        assert!(!fits(&FieldType::Object(Default::default()), Kind::String));
        assert!(fits(&FieldType::Json, Kind::Array));
    }
}
