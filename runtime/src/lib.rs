//! The runtime that generated apiref clients call: one [`Client`] with one generic
//! [`Client::call`], plus the types generated code names (operations, microversions,
//! errors, timestamps).
//!
//! # Module graph
//!
//! Imports between the modules go one way, from the client down to the leaves, so
//! each module can be read (and tested) knowing only what is below it:
//!
//! ```text
//! pages         ─► client, error, operation, response
//! client        ─► cloud_config, auth, negotiation, field_versions, query, endpoint, ...
//! cloud_config  ─► auth, catalog, error, secret, service, tls, microversion
//! auth          ─► catalog, error, method, secret, timestamp, nullable, trace
//! negotiation   ─► error, operation, microversion
//! field_versions ─► error, microversion
//! query         ─► path, error
//! path         ─► error
//! endpoint     ─► error, service
//! error         ─► operation, method, catalog
//! operation     ─► method, microversion, service
//! service       ─► microversion
//! response      ─► microversion
//! trace         ─► method, redact, secret
//! tls           ─► error
//! method, microversion, catalog, secret, timestamp, or_empty: leaves
//! ```
//!
//! - Leaves, which import nothing from their siblings: `method`, `microversion`,
//!   `catalog`, `secret`, `timestamp`, `or_empty`.
//! - `operation` (an endpoint's static facts) names a `method` and `microversion`s;
//!   `response` names the `microversion` the server answered with.
//! - `error` knows the `operation` (to map a documented status to its variant), the
//!   `method` (for transport errors) and the `catalog`'s error.
//! - `negotiation` (the rule behind [`Microversion::Negotiate`]) needs an operation, a
//!   version range and an error, so it lives above all three instead of in
//!   `microversion`.
//! - `path`, `query` and `endpoint` turn caller input into a URL and fail with `error`;
//!   `auth` (Keystone) also reads `secret`, `timestamp` and `catalog`; `cloud_config`
//!   builds `auth`; `client` ties everything together.
//! - `auth/identity_api` is generated from Keystone's reference (`--runtime-path
//!   crate`), so the login sends and reads the reference's types. Besides them it
//!   holds each operation's `OPERATION`, `SERVICE` and endpoint function, which name
//!   `operation`, `service` and `client`: generated code the login does not call,
//!   and the one place an import points up the graph.
//! - `pages` walks a list operation through the client, one page at a time.
//!
//! When two modules would need each other, the shared piece moves to a third, smaller
//! module (`method`, `negotiation`), or the lower one gets its own error type
//! ([`ParseInterfaceError`], [`ParseVersionError`]) that converts into [`Error`].

#![warn(missing_docs)]

#[doc(hidden)]
pub mod __generated;
mod auth;
mod body;
mod call;
mod catalog;
mod client;
mod cloud_config;
mod drift;
mod endpoint;
mod error;
mod field_versions;
mod method;
mod microversion;
mod negotiation;
mod nullable;
mod operation;
mod or_empty;
mod pages;
mod path;
mod query;
mod redact;
mod response;
mod retry;
mod secret;
mod service;
mod timestamp;
mod tls;
mod trace;
mod wait;

pub use auth::{
    ApplicationCredential, Credentials, DomainRef, KeystoneAuth, MultiFactor, Password, ProjectRef,
    TokenCache, Totp, TotpCode, UserRef,
};
pub use call::{Call, Pending, Sending};
pub use catalog::{
    Catalog, CatalogEndpoint, CatalogError, CatalogService, Interface, ParseInterfaceError,
};
pub use client::{Client, ClientBuilder};
pub use cloud_config::{CloudAuth, CloudConfig};
pub use drift::{UnknownFields, unknown_fields};
pub use endpoint::Endpoint;
pub use error::{
    ApiError, DecodeError, Error, MissingAuthMethods, ReplyTooLarge, TransportError,
    TransportErrorKind,
};
pub use method::Method;
pub use microversion::{Microversion, ParseVersionError, Version, VersionRange};
pub use nullable::Nullable;
pub use operation::Operation;
pub use or_empty::OrEmpty;
pub use pages::{Items, Pages};
pub use response::Response;
pub use secret::Secret;
pub use service::Service;
pub use timestamp::{Timestamp, TimestampError, TimestampParts};
pub use tls::TlsOptions;
pub use wait::{Observed, WaitError, Waiter};

/// Fields a generated struct does not know, kept via `#[serde(flatten)] pub extra: Extra`
/// so newer microversions never lose data.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Any JSON value: what generated code uses where a field's type cannot be known.
pub type Json = serde_json::Value;

/// Re-exports for generated code (`#[serde(crate = "::apiref::runtime::__private::serde")]`),
/// so users need no direct serde dependency. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}

// Old paths of `__generated` items, until the emitter names the new ones.
#[doc(hidden)]
pub use __generated::{
    FieldVersion, MicroversionHeader, MicroversionScheme, STANDARD_REQUEST_ID_HEADER,
    check_field_versions, object, render_path, serde_helpers,
};
