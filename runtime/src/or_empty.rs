//! Values that a server replaces with the empty string when there are none.

use serde::de::{DeserializeOwned, Error as _};
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
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.as_str() == Some("") {
            return Ok(OrEmpty::Empty);
        }
        // Through JSON text, not `from_value`: with arbitrary precision, a number
        // beyond 64 bits in a `#[serde(flatten)]` field of `T` fails from a `Value`
        // (serde buffers it as a u128 it cannot hold) but decodes from text.
        serde_json::from_str(&value.to_string())
            .map(OrEmpty::Value)
            .map_err(D::Error::custom)
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
