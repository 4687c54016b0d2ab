//! What a reply held that the generated types do not know: every generated
//! struct keeps such keys in its `extra` map, and [`unknown_fields`] lists where
//! they are, as JSON pointers into the value (`/server/locked_reason`,
//! `/servers/1/pinned_availability_zone`).
//!
//! How: the value is serialized twice, once as sent back (with every `extra`) and
//! once with the `extra` maps left out; what only the first has is what the types
//! did not know. No generated code takes part, so every type can say it.

use std::cell::Cell;

use serde::Serialize;
use serde_json::Value;

use crate::microversion::Version;

thread_local! {
    /// Set while [`unknown_fields`] serializes the known part of a value:
    /// `object::serialize` then writes no `extra` entry.
    static SKIP_EXTRA: Cell<bool> = const { Cell::new(false) };
}

/// Whether `object::serialize` should leave out `extra` on this thread now.
pub(crate) fn skipping_extra() -> bool {
    SKIP_EXTRA.with(Cell::get)
}

/// The JSON pointers of every key of `value`, at any depth, that no typed field
/// holds (it is in some struct's `extra`), in the order the value is written
/// back (each struct's typed fields, then its `extra`). Empty when the
/// types know everything, or when `value` cannot be serialized.
pub fn unknown_fields<T: Serialize + ?Sized>(value: &T) -> Vec<String> {
    let Ok(all) = serde_json::to_value(value) else {
        return Vec::new();
    };
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            SKIP_EXTRA.with(|s| s.set(false));
        }
    }
    let known = {
        SKIP_EXTRA.with(|s| s.set(true));
        let _reset = Reset;
        serde_json::to_value(value)
    };
    let Ok(known) = known else {
        return Vec::new();
    };
    let mut out = Vec::new();
    missing(&all, &known, &mut String::new(), &mut out);
    out
}

/// Pointers of what `all` has and `known` lacks.
fn missing(all: &Value, known: &Value, at: &mut String, out: &mut Vec<String>) {
    match (all, known) {
        (Value::Object(all), Value::Object(known)) => {
            for (key, value) in all {
                let len = at.len();
                at.push('/');
                // JSON pointer escaping (RFC 6901).
                at.push_str(&key.replace('~', "~0").replace('/', "~1"));
                match known.get(key) {
                    Some(k) => missing(value, k, at, out),
                    None => out.push(at.clone()),
                }
                at.truncate(len);
            }
        }
        (Value::Array(all), Value::Array(known)) => {
            for (i, (value, k)) in all.iter().zip(known).enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                missing(value, k, at, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// A reply that held fields its types do not know, as
/// [`ClientBuilder::on_unknown_fields`](crate::ClientBuilder::on_unknown_fields)
/// reports it: the raw material for correcting a reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFields {
    /// The operation's name (`servers::get`).
    pub operation: &'static str,
    /// The microversion the server answered with, if it said.
    pub microversion: Option<Version>,
    /// Where the unknown keys are (see [`unknown_fields`]).
    pub paths: Vec<String>,
}

/// A callback for replies with unknown fields.
pub(crate) type UnknownFieldsHook = std::sync::Arc<dyn Fn(&UnknownFields) + Send + Sync>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__generated::object::{self, MapAccess, Object, SerializeMap, Writer};
    use crate::{Extra, Nullable};

    #[derive(Debug, Default, Clone, PartialEq)]
    struct Server {
        id: Option<String>,
        links: Nullable<Vec<Link>>,
        extra: Extra,
    }

    #[derive(Debug, Default, Clone, PartialEq)]
    struct Link {
        href: Option<String>,
        extra: Extra,
    }

    /// What the generator writes for a struct whose fields are all optional:
    /// `Object`, reading and writing each field by its key, and serde impls that
    /// go through `object`, which leaves `extra` out while `unknown_fields` asks.
    macro_rules! generated_object {
        ($ty:ident { $($key:literal => $field:ident),* $(,)? }) => {
            impl Object for $ty {
                const NAME: &'static str = stringify!($ty);
                fn read_field<'de, A: MapAccess<'de>>(
                    &mut self,
                    key: &str,
                    map: &mut A,
                ) -> Result<bool, A::Error> {
                    match key {
                        $($key => object::read(map, &mut self.$field),)*
                        _ => Ok(false),
                    }
                }
                fn write_fields<M: SerializeMap>(&self, out: &mut Writer<M>) {
                    $(out.optional($key, &self.$field);)*
                }
                fn extra(&self) -> &Extra {
                    &self.extra
                }
                fn extra_mut(&mut self) -> &mut Extra {
                    &mut self.extra
                }
            }
            impl<'de> serde::Deserialize<'de> for $ty {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    object::deserialize(d)
                }
            }
            impl Serialize for $ty {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    object::serialize(self, s)
                }
            }
        };
    }

    generated_object!(Server { "id" => id, "links" => links });
    generated_object!(Link { "href" => href });

    #[test]
    fn unknown_keys_are_listed_at_every_depth_and_nothing_else() {
        let server: Server = serde_json::from_str(
            r#"{"id": "x", "locked": true, "links": [{"href": "h"}, {"href": "i", "rel": "self"}],
                "a/b": {"c": 1}}"#,
        )
        .unwrap();
        assert_eq!(
            unknown_fields(&server),
            ["/links/1/rel", "/locked", "/a~1b"]
        );
        // The value still sends everything back, and a known one has nothing.
        assert_eq!(serde_json::to_value(&server).unwrap()["locked"], true);
        let known: Server = serde_json::from_str(r#"{"id": "x", "links": null}"#).unwrap();
        assert!(unknown_fields(&known).is_empty());
        assert!(unknown_fields(&serde_json::json!({"any": 1})).is_empty());
    }
}
