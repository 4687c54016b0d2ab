//! An optional response field that remembers whether the server sent `null`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional field of a reply: a value, `null`, or absent, each serialized back
/// as it was read. Docs rarely say which fields may be `null` (their examples show a
/// value), and a plain `Option` skipped when `None` would turn a `null` into an
/// absent key, so a client that proxies, caches, diffs or re-sends a reply would
/// rewrite what the server said.
///
/// It reads like the `Option` it holds: `Deref`/`DerefMut` to `Option<T>`
/// (`server.name.as_deref()`, `server.name.is_some()`, `&*server.name`), a `null`
/// reading as `None`. [`Nullable::is_null`] and [`Nullable::is_absent`] tell the two
/// `None`s apart. Generated code pairs it with
/// `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`.
#[derive(Clone, Copy)]
pub struct Nullable<T> {
    value: Option<T>,
    /// The server sent `null`; only meaningful while `value` is `None`.
    null: bool,
}

impl<T> Nullable<T> {
    /// The field was not sent.
    pub const fn absent() -> Self {
        Nullable {
            value: None,
            null: false,
        }
    }

    /// The field was sent as `null`.
    pub const fn null() -> Self {
        Nullable {
            value: None,
            null: true,
        }
    }

    /// The field was sent with a value.
    pub const fn new(value: T) -> Self {
        Nullable {
            value: Some(value),
            null: false,
        }
    }

    /// The server sent `null` (and no value was set since).
    pub fn is_null(&self) -> bool {
        self.value.is_none() && self.null
    }

    /// The server did not send the field (and no value was set since).
    pub fn is_absent(&self) -> bool {
        self.value.is_none() && !self.null
    }

    /// The value; `null` and absent are both `None`.
    pub fn into_option(self) -> Option<T> {
        self.value
    }

    // `Option`'s methods that take `self` cannot be reached through `Deref`; the
    // common ones are here so `reply.server.name.unwrap_or_default()` reads as it
    // would on an `Option`.

    /// [`Option::expect`].
    #[track_caller]
    pub fn expect(self, message: &str) -> T {
        self.value.expect(message)
    }

    /// [`Option::unwrap`].
    #[track_caller]
    pub fn unwrap(self) -> T {
        self.value.unwrap()
    }

    /// [`Option::unwrap_or`].
    pub fn unwrap_or(self, default: T) -> T {
        self.value.unwrap_or(default)
    }

    /// [`Option::unwrap_or_else`].
    pub fn unwrap_or_else(self, default: impl FnOnce() -> T) -> T {
        self.value.unwrap_or_else(default)
    }

    /// [`Option::unwrap_or_default`].
    pub fn unwrap_or_default(self) -> T
    where
        T: Default,
    {
        self.value.unwrap_or_default()
    }

    /// [`Option::map`].
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Option<U> {
        self.value.map(f)
    }

    /// [`Option::ok_or`].
    pub fn ok_or<E>(self, error: E) -> Result<T, E> {
        self.value.ok_or(error)
    }
}

impl<T> Default for Nullable<T> {
    fn default() -> Self {
        Nullable::absent()
    }
}

impl<T> Deref for Nullable<T> {
    type Target = Option<T>;

    fn deref(&self) -> &Option<T> {
        &self.value
    }
}

/// Setting a value through `DerefMut` replaces a `null`; setting `None` keeps
/// whether the field was `null` or absent.
impl<T> DerefMut for Nullable<T> {
    fn deref_mut(&mut self) -> &mut Option<T> {
        &mut self.value
    }
}

/// `None` becomes absent; `Nullable::null()` is the way to say `null`.
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        Nullable { value, null: false }
    }
}

impl<T> From<Nullable<T>> for Option<T> {
    fn from(value: Nullable<T>) -> Self {
        value.value
    }
}

/// Two fields are equal when their values are and both or neither are `null`.
impl<T: PartialEq> PartialEq for Nullable<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.is_null() == other.is_null()
    }
}

impl<T: Eq> Eq for Nullable<T> {}

impl<T: Hash> Hash for Nullable<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
        self.is_null().hash(state);
    }
}

/// Compares the `Option` view: `null` equals `None`, like `Deref` reads it.
impl<T: PartialEq> PartialEq<Option<T>> for Nullable<T> {
    fn eq(&self, other: &Option<T>) -> bool {
        self.value == *other
    }
}

/// Reads like `Option`'s: `Some(..)`, `None` (absent) or `Null`.
impl<T: fmt::Debug> fmt::Debug for Nullable<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(v) => f.debug_tuple("Some").field(v).finish(),
            None if self.null => f.write_str("Null"),
            None => f.write_str("None"),
        }
    }
}

/// The value, or `null` for both `null` and absent: an absent field is left out by
/// the field's `skip_serializing_if = "Nullable::is_absent"`.
impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.value {
            Some(v) => serializer.serialize_some(v),
            None => serializer.serialize_none(),
        }
    }
}

/// `null` is remembered; an absent field comes from `Default` (`#[serde(default)]`).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Nullable::new(v),
            None => Nullable::null(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Server {
        #[serde(skip_serializing_if = "Nullable::is_absent")]
        key_name: Nullable<String>,
        #[serde(flatten)]
        extra: serde_json::Map<String, Value>,
    }

    fn round_trip(value: Value) -> Server {
        let server: Server = serde_json::from_value(value.clone()).expect("decodes");
        assert_eq!(serde_json::to_value(&server).expect("encodes"), value);
        server
    }

    #[test]
    fn absent_null_and_value_round_trip_and_differ() {
        let absent = round_trip(json!({}));
        let null = round_trip(json!({"key_name": null}));
        let set = round_trip(json!({"key_name": "k", "other": null}));
        assert!(absent.key_name.is_absent() && !absent.key_name.is_null());
        assert!(null.key_name.is_null() && !null.key_name.is_absent());
        assert_eq!(set.key_name.as_deref(), Some("k"));
        assert_ne!(absent, null);
        assert_eq!(
            null.key_name, None,
            "null reads as None through the Option view"
        );
        assert_eq!(set.extra.get("other"), Some(&Value::Null));
    }

    #[test]
    fn debug_reads_like_option() {
        assert_eq!(format!("{:?}", Nullable::new(1)), "Some(1)");
        assert_eq!(format!("{:?}", Nullable::<i32>::absent()), "None");
        assert_eq!(format!("{:?}", Nullable::<i32>::null()), "Null");
    }

    #[test]
    fn setting_a_value_replaces_null_and_none_keeps_it() {
        let mut field = Nullable::<String>::null();
        *field = Some("x".into());
        assert!(!field.is_null() && !field.is_absent());
        assert_eq!(serde_json::to_value(&field).unwrap(), json!("x"));
        *field = None;
        assert!(field.is_null());
        assert_eq!(Nullable::from(Some(2)).into_option(), Some(2));
        assert_eq!(Nullable::new(String::from("a")).unwrap_or_default(), "a");
        assert_eq!(Nullable::<String>::null().unwrap_or_default(), "");
        assert_eq!(Nullable::new(2).map(|n| n * 2), Some(4));
        assert_eq!(Nullable::<i32>::null().ok_or("none"), Err("none"));
        assert!(Nullable::<i32>::from(None).is_absent());
    }

    #[test]
    fn a_wrong_type_is_still_an_error() {
        let err = serde_json::from_value::<Server>(json!({"key_name": 1})).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }
}
