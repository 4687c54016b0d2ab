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
        serde_json::from_value(value)
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

    #[test]
    fn anything_else_is_an_error() {
        assert!(serde_json::from_value::<OrEmpty<Image>>(json!("x")).is_err());
        assert!(serde_json::from_value::<OrEmpty<Image>>(json!({"id": 1})).is_err());
    }
}
