//! The shape of JSON examples: what keys, arrays and scalar kinds they show.
//!
//! The doc's tables flatten nesting; its examples do not. Merging every example of
//! a body into one [`Shape`] gives the nesting and the value kinds real servers send.

use serde_json::Value;

use super::endpoint::FieldType;

/// What the examples show at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub kind: Kind,
    /// Some example had `null` here.
    pub null: bool,
}

/// The kind of value seen, merged over all examples.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Only `null`, or nothing, was seen.
    Unknown,
    Bool,
    /// An integer that fits `i64`.
    Integer,
    /// A whole number beyond `i64` (Neutron's IPv6 `total_ips`,
    /// 18446744073709551616).
    BigInteger,
    Number,
    String,
    /// The item shape of every array seen here (Unknown when all were empty).
    Array(Box<Shape>),
    /// Keys in first-seen order.
    Object(Vec<(String, Shape)>),
    /// Examples disagree (a string here, an object there).
    Mixed,
}

impl Kind {
    /// What the examples showed, as a warning names it; `None` when they showed
    /// nothing definite.
    pub fn described(&self) -> Option<&'static str> {
        Some(match self {
            Kind::Unknown => return None,
            Kind::Mixed => "values of different kinds",
            Kind::Bool => "a boolean",
            Kind::Integer => "an integer",
            Kind::BigInteger => "an integer beyond 64 bits",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        })
    }

    /// Whether the type a doc declares (as `scalar_from_doc_type` reads it) fits
    /// what the examples showed: both readers warn where it does not.
    pub fn fits(&self, declared: &FieldType) -> bool {
        matches!(
            (declared, self),
            (FieldType::Json, _)
                | (FieldType::String | FieldType::Timestamp, Kind::String)
                | (FieldType::Integer, Kind::Integer | Kind::BigInteger)
                | (FieldType::BigInteger, Kind::Integer | Kind::BigInteger)
                | (
                    FieldType::Number,
                    Kind::Integer | Kind::BigInteger | Kind::Number
                )
                | (FieldType::Boolean, Kind::Bool)
                | (FieldType::Map(_), Kind::Object(_))
                | (FieldType::Array(_), Kind::Array(_))
        )
    }
}

impl Shape {
    pub fn unknown() -> Self {
        Shape {
            kind: Kind::Unknown,
            null: false,
        }
    }

    /// The shape of one JSON value.
    pub fn of(value: &Value) -> Self {
        let kind = match value {
            Value::Null => {
                return Shape {
                    kind: Kind::Unknown,
                    null: true,
                };
            }
            Value::Bool(_) => Kind::Bool,
            Value::Number(n) if n.is_i64() => Kind::Integer,
            Value::Number(n) if n.is_u64() || is_big_integer(n) => Kind::BigInteger,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(items) => {
                let item = items
                    .iter()
                    .map(Shape::of)
                    .fold(Shape::unknown(), Shape::merge);
                Kind::Array(Box::new(item))
            }
            Value::Object(map) => {
                Kind::Object(map.iter().map(|(k, v)| (k.clone(), Shape::of(v))).collect())
            }
        };
        Shape { kind, null: false }
    }

    /// Both shapes at once: keys are united, kinds widened (integer + number is a
    /// number), and disagreement becomes [`Kind::Mixed`].
    pub fn merge(self, other: Shape) -> Shape {
        let null = self.null || other.null;
        let kind = match (self.kind, other.kind) {
            (Kind::Unknown, k) | (k, Kind::Unknown) => k,
            (Kind::Integer | Kind::BigInteger, Kind::Number)
            | (Kind::Number, Kind::Integer | Kind::BigInteger) => Kind::Number,
            (Kind::Integer, Kind::BigInteger) | (Kind::BigInteger, Kind::Integer) => {
                Kind::BigInteger
            }
            (Kind::Array(a), Kind::Array(b)) => Kind::Array(Box::new(a.merge(*b))),
            (Kind::Object(mut a), Kind::Object(b)) => {
                for (key, shape) in b {
                    match a.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, existing)) => {
                            let old = std::mem::replace(existing, Shape::unknown());
                            *existing = old.merge(shape);
                        }
                        None => a.push((key, shape)),
                    }
                }
                Kind::Object(a)
            }
            (a, b) if a == b => a,
            _ => Kind::Mixed,
        };
        Shape { kind, null }
    }

    pub fn object_keys(&self) -> &[(String, Shape)] {
        match &self.kind {
            Kind::Object(fields) => fields,
            _ => &[],
        }
    }
}

/// A number JSON wrote without a fraction but too large for `u64`, which
/// serde_json reads as a float: whole, and within `i128`.
fn is_big_integer(n: &serde_json::Number) -> bool {
    n.as_f64()
        .is_some_and(|f| f.fract() == 0.0 && f.abs() >= 9.2e18 && f.abs() < 1.7e38)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merges_keys_and_widens_numbers() {
        let a = Shape::of(&json!({"server": {"id": "x", "progress": 0}}));
        let b = Shape::of(&json!({"server": {"progress": 0.5, "key_name": null}}));
        let m = a.merge(b);
        let server = &m.object_keys()[0].1;
        let keys: Vec<_> = server
            .object_keys()
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(keys, ["id", "progress", "key_name"]);
        assert_eq!(server.object_keys()[1].1.kind, Kind::Number);
        assert!(server.object_keys()[2].1.null);
    }

    #[test]
    fn disagreeing_examples_are_mixed() {
        let m = Shape::of(&json!({"image": ""})).merge(Shape::of(&json!({"image": {"id": "1"}})));
        assert_eq!(m.object_keys()[0].1.kind, Kind::Mixed);
    }

    #[test]
    fn integers_beyond_i64_are_big_integers_and_widen_with_small_ones() {
        let big: Value = serde_json::from_str("18446744073709551616").unwrap();
        let u64_max: Value = serde_json::from_str("18446744073709551615").unwrap();
        assert_eq!(Shape::of(&big).kind, Kind::BigInteger);
        assert_eq!(Shape::of(&u64_max).kind, Kind::BigInteger);
        assert_eq!(Shape::of(&json!(253)).kind, Kind::Integer);
        assert_eq!(Shape::of(&json!(2.5e19)).kind, Kind::BigInteger);
        assert_eq!(Shape::of(&json!(2.5)).kind, Kind::Number);
        let merged = Shape::of(&json!(253)).merge(Shape::of(&big));
        assert_eq!(merged.kind, Kind::BigInteger);
        let merged = Shape::of(&big).merge(Shape::of(&json!(0.5)));
        assert_eq!(merged.kind, Kind::Number);
        assert!(Kind::BigInteger.fits(&FieldType::Integer));
    }
}
