//! `deserialize_with` helpers for generated code.

use serde::{Deserialize, Deserializer};

/// For request fields that may be sent as `null`: `Option<Option<T>>` with
/// `#[serde(default, deserialize_with = ..)]`:
/// an absent field stays `None` (via `default`), `null` becomes `Some(None)`, and a
/// value `Some(Some(v))`.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// For required fields that may be `null` (`Option<T>` with
/// `#[serde(deserialize_with = ..)]`): reads `null` as `None` like `Option` does,
/// but, being a `deserialize_with`, makes serde report a missing field as an
/// error instead of reading it as `None`, so absent never turns into `null`.
pub fn present<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Required {
        #[serde(deserialize_with = "super::present")]
        host: Option<String>,
    }

    #[test]
    fn present_reads_null_and_refuses_absent() {
        let parse = |s: &str| serde_json::from_str::<Required>(s);
        assert_eq!(parse(r#"{"host": null}"#).expect("valid").host, None);
        assert_eq!(
            parse(r#"{"host": "h"}"#).expect("valid").host.as_deref(),
            Some("h")
        );
        let err = parse("{}").expect_err("missing");
        assert!(err.to_string().contains("missing field `host`"), "{err}");
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct S {
        #[serde(default, deserialize_with = "super::double_option")]
        key_name: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_value_differ() {
        let parse = |s: &str| serde_json::from_str::<S>(s).expect("valid");
        assert_eq!(parse("{}").key_name, None);
        assert_eq!(parse(r#"{"key_name": null}"#).key_name, Some(None));
        assert_eq!(
            parse(r#"{"key_name": "k"}"#).key_name,
            Some(Some("k".to_owned()))
        );
    }
}
