//! The runtime that generated apiref clients call: one [`Client`] with one generic
//! [`Client::call`], plus the types generated code names (operations, microversions,
//! errors, timestamps).

mod auth;
mod catalog;
mod client;
mod cloud_config;
mod endpoint;
mod error;
mod field_versions;
mod microversion;
mod operation;
mod or_empty;
mod path;
mod query;
mod response;
mod secret;
mod timestamp;

pub use auth::{
    ApplicationCredential, Credentials, DomainRef, KeystoneAuth, Password, ProjectRef, UserRef,
};
pub use catalog::{Catalog, CatalogEndpoint, CatalogError, CatalogService, Interface};
pub use client::{Client, ClientBuilder};
pub use cloud_config::{CloudAuth, CloudConfig};
pub use endpoint::Endpoint;
pub use error::{ApiError, DecodeError, Error, TransportError, TransportErrorKind};
pub use field_versions::{FieldVersion, check_field_versions};
pub use microversion::{Microversion, ParseVersionError, Version, VersionRange};
pub use operation::{Method, Operation};
pub use or_empty::OrEmpty;
pub use path::render_path;
pub use response::Response;
pub use secret::Secret;
pub use timestamp::{Timestamp, TimestampError, TimestampParts};

/// Fields a generated struct does not know, kept via `#[serde(flatten)] pub extra: Extra`
/// so newer microversions never lose data.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Any JSON value: what generated code uses where a field's type cannot be known.
pub type Json = serde_json::Value;

/// `deserialize_with` helpers for generated code.
pub mod serde_helpers {
    use serde::{Deserialize, Deserializer};

    /// For `Option<Option<T>>` fields with `#[serde(default, deserialize_with = ..)]`:
    /// an absent field stays `None` (via `default`), `null` becomes `Some(None)`, and a
    /// value `Some(Some(v))`.
    pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
    where
        T: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Option::<T>::deserialize(deserializer).map(Some)
    }

    #[cfg(test)]
    mod tests {
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
}

/// Re-exports for generated code (`#[serde(crate = "::apiref::runtime::__private::serde")]`),
/// so users need no direct serde dependency. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}
