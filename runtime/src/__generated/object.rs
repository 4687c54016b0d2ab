//! How a generated struct reads and writes its JSON object.
//!
//! A generated struct says, in [`Object`], which JSON key sets which field and
//! which fields it writes back; [`deserialize`] and [`serialize`] do the rest:
//! the loop over the keys, the required fields, and the `extra` map that keeps
//! every key the spec does not know.
//!
//! Why not `#[derive(Serialize, Deserialize)]` with `#[serde(flatten)] extra`:
//! serde's derive writes a field enum, a key visitor with a dozen methods and a
//! buffered map for every struct, and Nova's reference has over 600 structs. That
//! code was most of what `cargo check` of a generated client spent its time on,
//! and this trait's one loop is a small part of it. It also buffers
//! every unknown key before reading it, which this loop does not.
//!
//! Two choices differ from serde's derive, both documented on [`deserialize`]:
//! a key sent twice keeps its last value, and a missing required field is found
//! after the whole object is read.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};

pub use serde::de::MapAccess;
pub use serde::ser::SerializeMap;
pub use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Extra, Nullable};

/// A struct read from and written to a JSON object, key by key. Generated code
/// implements it; its `Deserialize` and `Serialize` impls call [`deserialize`]
/// and [`serialize`].
pub trait Object: Default {
    /// The struct's name, for "expected struct Server" in errors.
    const NAME: &'static str;

    /// JSON keys that must be present. A required field that may be `null` is
    /// listed too: only its absence is an error.
    const REQUIRED: &'static [&'static str] = &[];

    /// Reads the value of `key` into its field, or returns `false` when the
    /// struct has no field for it (the value is then kept in `extra`). Each arm
    /// of a generated one is a call to [`read`] (or [`read_some`]).
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// Writes the fields that are set, in declaration order (`extra` follows),
    /// one [`Writer::required`] or [`Writer::optional`] call per field.
    fn write_fields<M: SerializeMap>(&self, out: &mut Writer<M>);

    /// The keys the spec does not know, as received.
    fn extra(&self) -> &Extra;

    /// The same, to fill while reading.
    fn extra_mut(&mut self) -> &mut Extra;
}

/// Reads a `T` from a JSON object: each key goes to [`Object::read_field`], and a
/// key no field takes goes to `extra` as it was sent.
///
/// A key sent twice keeps its last value, as Python's `json` (which OpenStack
/// services parse with) and `serde_json::Value` do. A required key that never
/// came is a `missing field` error, naming the first one missing.
pub fn deserialize<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Writes a `T` as a JSON object: its set fields, then `extra`.
pub fn serialize<T: Object, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut out = Writer {
        map: serializer.serialize_map(None)?,
        error: None,
    };
    value.write_fields(&mut out);
    // `drift::unknown_fields` asks for the known part alone.
    if !crate::drift::skipping_extra() {
        for (key, value) in value.extra() {
            out.entry(key, value);
        }
    }
    match out.error {
        Some(error) => Err(error),
        None => out.map.end(),
    }
}

/// Reads the value of the key just read into `field`, for one arm of a generated
/// [`Object::read_field`]; always `Ok(true)` unless the value does not decode.
///
/// Why a function rather than `self.field = map.next_value()?` written out in
/// each arm: one call is less for rustc to check than the `?` desugaring, and a
/// generated client has thousands of fields, each checked in every downstream
/// crate's first `cargo check` ([`Writer`] does the same for writing).
pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    field: &mut T,
) -> Result<bool, A::Error> {
    *field = map.next_value()?;
    Ok(true)
}

/// [`read`] for an optional request field that may be sent as `null`: whatever
/// came, `null` included, is `Some`, so it is written back as it came.
pub fn read_some<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    field: &mut Option<T>,
) -> Result<bool, A::Error> {
    *field = Some(map.next_value()?);
    Ok(true)
}

/// A field that is written only when set: a response's [`Nullable`] unless it
/// is absent, a request's `Option` when it is `Some`.
pub trait Optional: Serialize {
    /// Whether the key goes into the JSON object at all.
    fn is_set(&self) -> bool;
}

impl<T: Serialize> Optional for Nullable<T> {
    fn is_set(&self) -> bool {
        !self.is_absent()
    }
}

impl<T: Serialize> Optional for Option<T> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
}

/// The JSON object a generated [`Object::write_fields`] writes into. It keeps
/// the first error and skips every write after it, so the generated code is a
/// plain list of calls with no `?` (see [`read`] for why that matters);
/// [`serialize`] returns the error.
pub struct Writer<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> Writer<M> {
    /// Writes a field that is always sent (`null` included, when it may be).
    pub fn required<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.entry(key, value);
    }

    /// Writes a field when it is set ([`Optional::is_set`]).
    pub fn optional<T: Optional>(&mut self, key: &'static str, value: &T) {
        if value.is_set() {
            self.entry(key, value);
        }
    }

    fn entry<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if self.error.is_none()
            && let Err(error) = self.map.serialize_entry(key, value)
        {
            self.error = Some(error);
        }
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut seen = Required::new(T::REQUIRED.len());
        while let Some(Key(key)) = map.next_key()? {
            if value.read_field(&key, &mut map)? {
                if let Some(i) = T::REQUIRED.iter().position(|r| *r == key) {
                    seen.mark(i);
                }
            } else {
                let extra = map.next_value()?;
                value.extra_mut().insert(key.into_owned(), extra);
            }
        }
        match seen.first_missing() {
            Some(i) => Err(de::Error::missing_field(T::REQUIRED[i])),
            None => Ok(value),
        }
    }
}

/// Which required keys came: bits for the usual handful, a list beyond 64.
enum Required {
    Bits { count: usize, seen: u64 },
    Many(Vec<bool>),
}

impl Required {
    fn new(count: usize) -> Self {
        if count <= 64 {
            Required::Bits { count, seen: 0 }
        } else {
            Required::Many(vec![false; count])
        }
    }

    fn mark(&mut self, i: usize) {
        match self {
            Required::Bits { seen, .. } => *seen |= 1 << i,
            Required::Many(seen) => seen[i] = true,
        }
    }

    fn first_missing(&self) -> Option<usize> {
        match self {
            Required::Bits { count, seen } => (0..*count).find(|i| seen & (1 << i) == 0),
            Required::Many(seen) => seen.iter().position(|s| !s),
        }
    }
}

/// An object key, borrowed from the input when the deserializer can lend it (no
/// allocation per key for `serde_json::from_slice`).
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_owned())))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key)))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Key<'de>, E> {
        std::str::from_utf8(key)
            .map(|key| Key(Cow::Owned(key.to_owned())))
            .map_err(|_| E::invalid_value(de::Unexpected::Bytes(key), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Nullable;

    /// What the generator writes for `{"id": string (required), "name": string or
    /// null (optional), "OS-EXT:zone": string (optional)}`.
    #[derive(Debug, Default, PartialEq)]
    struct Thing {
        id: String,
        name: Nullable<String>,
        zone: Nullable<String>,
        extra: Extra,
    }

    impl Object for Thing {
        const NAME: &'static str = "Thing";
        const REQUIRED: &'static [&'static str] = &["id"];

        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> Result<bool, A::Error> {
            match key {
                "id" => read(map, &mut self.id),
                "name" => read(map, &mut self.name),
                "OS-EXT:zone" => read(map, &mut self.zone),
                _ => Ok(false),
            }
        }

        fn write_fields<M: SerializeMap>(&self, out: &mut Writer<M>) {
            out.required("id", &self.id);
            out.optional("name", &self.name);
            out.optional("OS-EXT:zone", &self.zone);
        }

        fn extra(&self) -> &Extra {
            &self.extra
        }

        fn extra_mut(&mut self) -> &mut Extra {
            &mut self.extra
        }
    }

    impl<'de> Deserialize<'de> for Thing {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::deserialize(deserializer)
        }
    }

    impl Serialize for Thing {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::serialize(self, serializer)
        }
    }

    fn round_trip(json: &str) -> Thing {
        let thing: Thing = serde_json::from_str(json).expect("decodes");
        let back: serde_json::Value = serde_json::to_value(&thing).expect("encodes");
        let sent: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
        assert_eq!(back, sent, "{json}");
        thing
    }

    #[test]
    fn known_keys_fill_fields_and_the_rest_is_kept_in_extra() {
        let thing = round_trip(r#"{"id": "a", "OS-EXT:zone": "z", "new": {"x": [1]}}"#);
        assert_eq!(thing.id, "a");
        assert_eq!(thing.zone.as_deref(), Some("z"));
        assert!(thing.name.is_absent());
        assert_eq!(thing.extra["new"], serde_json::json!({"x": [1]}));
    }

    #[test]
    fn null_and_absent_stay_apart() {
        assert!(round_trip(r#"{"id": "a", "name": null}"#).name.is_null());
        assert!(round_trip(r#"{"id": "a"}"#).name.is_absent());
    }

    #[test]
    fn a_missing_required_key_and_a_wrong_type_are_errors_that_name_them() {
        let missing = serde_json::from_str::<Thing>(r#"{"name": "n"}"#).unwrap_err();
        assert!(
            missing.to_string().contains("missing field `id`"),
            "{missing}"
        );
        let not_object = serde_json::from_str::<Thing>("[1]").unwrap_err();
        assert!(
            not_object.to_string().contains("expected struct Thing"),
            "{not_object}"
        );
        let wrong = serde_json::from_str::<Thing>(r#"{"id": 7}"#).unwrap_err();
        assert!(
            wrong.to_string().contains("invalid type: integer `7`"),
            "{wrong}"
        );
    }

    #[test]
    fn a_key_sent_twice_keeps_its_last_value_like_python_json() {
        let thing: Thing = serde_json::from_str(r#"{"id": "a", "id": "b"}"#).expect("decodes");
        assert_eq!(thing.id, "b");
    }

    #[test]
    fn keys_with_escapes_and_keys_from_a_value_are_read_too() {
        let escaped: Thing = serde_json::from_str(r#"{"i\u0064": "a"}"#).expect("decodes");
        assert_eq!(escaped.id, "a");
        let from_value: Thing =
            serde_json::from_value(serde_json::json!({"id": "a", "k": 1})).expect("decodes");
        assert_eq!(
            (from_value.id.as_str(), &from_value.extra["k"]),
            ("a", &serde_json::json!(1))
        );
    }

    #[test]
    fn errors_carry_the_path_of_the_field() {
        let mut de = serde_json::Deserializer::from_str(r#"{"id": "a", "name": 3}"#);
        let err = serde_path_to_error::deserialize::<_, Thing>(&mut de).unwrap_err();
        assert_eq!(err.path().to_string(), "name");
    }

    /// A request with an optional field that may be sent as `null`, and one whose
    /// value cannot be written.
    #[derive(Debug, Default)]
    struct Request {
        description: Option<Option<String>>,
        broken: Option<Unwritable>,
        after: Option<String>,
        extra: Extra,
    }

    #[derive(Debug, Default)]
    struct Unwritable;

    impl Serialize for Unwritable {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("cannot write this"))
        }
    }

    impl Object for Request {
        const NAME: &'static str = "Request";

        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> Result<bool, A::Error> {
            match key {
                "description" => read_some(map, &mut self.description),
                "after" => read(map, &mut self.after),
                _ => Ok(false),
            }
        }

        fn write_fields<M: SerializeMap>(&self, out: &mut Writer<M>) {
            out.optional("description", &self.description);
            out.optional("broken", &self.broken);
            out.optional("after", &self.after);
        }

        fn extra(&self) -> &Extra {
            &self.extra
        }

        fn extra_mut(&mut self) -> &mut Extra {
            &mut self.extra
        }
    }

    #[test]
    fn an_optional_request_field_sent_as_null_is_written_back_as_null() {
        let request: Request = deserialize(serde_json::json!({"description": null})).unwrap();
        assert_eq!(request.description, Some(None));
        assert_eq!(
            serialize(&request, serde_json::value::Serializer).unwrap(),
            serde_json::json!({"description": null})
        );
        let unset: Request = deserialize(serde_json::json!({})).unwrap();
        assert_eq!(
            serialize(&unset, serde_json::value::Serializer).unwrap(),
            serde_json::json!({})
        );
    }

    #[test]
    fn the_first_write_error_is_returned_and_nothing_after_it_is_written() {
        let request = Request {
            broken: Some(Unwritable),
            after: Some("not reached".into()),
            ..Request::default()
        };
        let err = serialize(&request, serde_json::value::Serializer).unwrap_err();
        assert!(err.to_string().contains("cannot write this"), "{err}");
        // The same through a writer that streams: no `after` key in the output.
        let mut bytes = Vec::new();
        let err = serialize(&request, &mut serde_json::Serializer::new(&mut bytes)).unwrap_err();
        assert!(err.to_string().contains("cannot write this"), "{err}");
        let written = String::from_utf8(bytes).unwrap();
        assert!(!written.contains("after"), "{written}");
    }

    /// Over 64 required keys take the list, not the bits.
    #[derive(Debug, Default)]
    struct Wide {
        seen: usize,
        extra: Extra,
    }

    const WIDE_KEYS: [&str; 70] = [
        "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13",
        "k14", "k15", "k16", "k17", "k18", "k19", "k20", "k21", "k22", "k23", "k24", "k25", "k26",
        "k27", "k28", "k29", "k30", "k31", "k32", "k33", "k34", "k35", "k36", "k37", "k38", "k39",
        "k40", "k41", "k42", "k43", "k44", "k45", "k46", "k47", "k48", "k49", "k50", "k51", "k52",
        "k53", "k54", "k55", "k56", "k57", "k58", "k59", "k60", "k61", "k62", "k63", "k64", "k65",
        "k66", "k67", "k68", "k69",
    ];

    impl Object for Wide {
        const NAME: &'static str = "Wide";
        const REQUIRED: &'static [&'static str] = &WIDE_KEYS;

        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> Result<bool, A::Error> {
            if WIDE_KEYS.contains(&key) {
                map.next_value::<de::IgnoredAny>()?;
                self.seen += 1;
                return Ok(true);
            }
            Ok(false)
        }

        fn write_fields<M: SerializeMap>(&self, _: &mut Writer<M>) {}

        fn extra(&self) -> &Extra {
            &self.extra
        }

        fn extra_mut(&mut self) -> &mut Extra {
            &mut self.extra
        }
    }

    #[test]
    fn more_than_64_required_keys_are_all_checked() {
        let all: serde_json::Map<String, serde_json::Value> = WIDE_KEYS
            .iter()
            .map(|k| (k.to_string(), serde_json::Value::Null))
            .collect();
        let wide: Wide = deserialize(serde_json::Value::Object(all.clone())).expect("all present");
        assert_eq!(wide.seen, 70);
        let mut short = all;
        short.remove("k67");
        let err = deserialize::<Wide, _>(serde_json::Value::Object(short)).unwrap_err();
        assert!(err.to_string().contains("missing field `k67`"), "{err}");
    }
}
