//! Values that a server replaces with the empty string when there are none.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `T`, or the `""` a server sends in its place. Nova sends `"image": ""` for a
/// server booted from a volume where every other server has an image object: typing
/// the field as the object alone would make such a reply fail to decode, typing it
/// as any JSON would lose the type for everyone else. Serializes back to what it read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OrEmpty<T> {
    /// The server sent a real value.
    Value(T),
    /// The server sent `""`.
    Empty,
}

impl<T> OrEmpty<T> {
    /// The value, unless the server sent `""`.
    pub fn value(&self) -> Option<&T> {
        match self {
            OrEmpty::Value(v) => Some(v),
            OrEmpty::Empty => None,
        }
    }

    /// The value by move, unless the server sent `""`.
    pub fn into_value(self) -> Option<T> {
        match self {
            OrEmpty::Value(v) => Some(v),
            OrEmpty::Empty => None,
        }
    }

    /// Whether the server sent `""` (there is no value).
    pub fn is_empty(&self) -> bool {
        matches!(self, OrEmpty::Empty)
    }
}

impl<T: Serialize> Serialize for OrEmpty<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OrEmpty::Value(v) => v.serialize(serializer),
            OrEmpty::Empty => serializer.serialize_str(""),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for OrEmpty<T> {
    /// Streams the value into `T` unless it is `""`: no `serde_json::Value` is built
    /// and no text made, so a reply pays nothing for the `""` case it rarely holds.
    /// Numbers beyond 64 bits in a `#[serde(flatten)]` field of `T` survive, since
    /// `T` reads the same deserializer it would read without `OrEmpty`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OrEmptyVisitor(PhantomData))
    }
}

struct OrEmptyVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for OrEmptyVisitor<T> {
    type Value = OrEmpty<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or \"\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<OrEmpty<T>, E> {
        if v.is_empty() {
            return Ok(OrEmpty::Empty);
        }
        T::deserialize(v.into_deserializer()).map(OrEmpty::Value)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<OrEmpty<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(OrEmpty::Value)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<OrEmpty<T>, A::Error> {
        T::deserialize(SeqAccessDeserializer::new(seq)).map(OrEmpty::Value)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<OrEmpty<T>, E> {
        T::deserialize(v.into_deserializer()).map(OrEmpty::Value)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<OrEmpty<T>, E> {
        T::deserialize(v.into_deserializer()).map(OrEmpty::Value)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<OrEmpty<T>, E> {
        T::deserialize(v.into_deserializer()).map(OrEmpty::Value)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<OrEmpty<T>, E> {
        T::deserialize(v.into_deserializer()).map(OrEmpty::Value)
    }

    fn visit_unit<E: de::Error>(self) -> Result<OrEmpty<T>, E> {
        T::deserialize(().into_deserializer()).map(OrEmpty::Value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Image {
        id: String,
    }

    #[test]
    fn reads_and_writes_both_forms() {
        let image: OrEmpty<Image> = serde_json::from_value(json!({"id": "i-1"})).unwrap();
        assert_eq!(image.value().map(|i| i.id.as_str()), Some("i-1"));
        assert_eq!(serde_json::to_value(&image).unwrap(), json!({"id": "i-1"}));

        let empty: OrEmpty<Image> = serde_json::from_value(json!("")).unwrap();
        assert!(empty.is_empty());
        assert_eq!(serde_json::to_value(&empty).unwrap(), json!(""));
    }

    #[derive(Debug, Deserialize)]
    struct Flavor {
        vcpus: u32,
        #[serde(flatten)]
        extra: crate::Extra,
    }

    #[derive(Debug, Deserialize)]
    struct Server {
        progress: Option<u8>,
        flavor: OrEmpty<Flavor>,
        #[serde(flatten)]
        extra: crate::Extra,
    }

    #[test]
    fn numbers_beyond_64_bits_survive_inside_and_beside_it() {
        let text = r#"{"progress": 7, "flavor": {"vcpus": 2, "huge": 18446744073709551616,
            "tiny": 1e-400}, "big": 1e400, "wide": -123456789012345678901234567890}"#;
        let server: Server = serde_json::from_str(text).expect("decodes");
        assert_eq!(server.progress, Some(7));
        let flavor = server.flavor.value().expect("flavor");
        assert_eq!(flavor.vcpus, 2);
        assert_eq!(flavor.extra["huge"].to_string(), "18446744073709551616");
        assert_eq!(flavor.extra["tiny"].to_string(), "1e-400");
        assert_eq!(server.extra["big"].to_string(), "1e+400");
        assert_eq!(
            server.extra["wide"].to_string(),
            "-123456789012345678901234567890"
        );
    }

    #[test]
    fn anything_else_is_an_error() {
        assert!(serde_json::from_value::<OrEmpty<Image>>(json!("x")).is_err());
        assert!(serde_json::from_value::<OrEmpty<Image>>(json!({"id": 1})).is_err());
    }
}
