//! The runtime that generated apiref clients call, and the API their users hold.
//!
//! # What a user names
//!
//! - The client: [`Client`], built by [`ClientBuilder`] from an endpoint, Keystone
//!   credentials ([`KeystoneAuth`], [`Credentials`] and their parts, [`TokenCache`])
//!   or a [`CloudConfig`]; [`TlsOptions`], [`Interface`], the [`Service`] a
//!   generated client names, the [`Endpoint`] it resolved.
//! - A call: what an endpoint function returns, [`Pending`] (awaited, or spawned
//!   as a [`Sending`]), and its [`Response`]; lists walked as [`Pages`] or
//!   [`Items`]; [`Waiter`] polling a resource into a state ([`Observed`],
//!   [`WaitError`]); [`Client::call`] for an [`Operation`] held by hand.
//! - Bodies that are not JSON (image data): an [`Upload`] read as it is sent, a
//!   [`Download`] written out as it arrives, checked against a [`Digest`],
//!   with their [`Progress`].
//! - Versions: [`Microversion`], [`Version`], [`VersionRange`].
//! - Errors: [`Error`] and its parts ([`ApiError`], [`DecodeError`],
//!   [`TransportError`], [`ReplyTooLarge`], [`MissingAuthMethods`], [`CatalogError`],
//!   [`DigestMismatch`]); Placement's generation conflicts retried by
//!   [`retry_on_generation_conflict`].
//! - Field types in generated structs: [`Nullable`], [`OrEmpty`], [`Timestamp`],
//!   [`Json`], [`Extra`], [`Secret`]; drift reporting through
//!   [`ClientBuilder::on_unknown_fields`] ([`UnknownFields`], [`unknown_fields`]),
//!   and replies recorded for `apiref learn` through
//!   [`ClientBuilder::record_replies`] (or `APIREF_RECORD=DIR`).
//!
//! What only generated code names (field-version tables, microversion schemes,
//! the struct codec, serde) lives in one hidden module, `__generated`, which is
//! no stable API.
//!
//! # Module graph
//!
//! Imports between the modules go one way, from the client down to the leaves, so
//! each module can be read (and tested) knowing only what is below it:
//!
//! ```text
//! pages          ─► client, error, operation, response, microversion
//! call           ─► client, error, field_versions, operation, response, microversion,
//!                   transfer
//! client/        ─► auth, cloud_config, negotiation, field_versions, query, path,
//!                   endpoint, body, transfer, retry, trace, redact, drift, response, ...
//!   mod          ─► builder, send, versions, wire
//!   send         ─► wire
//!   versions     ─► wire
//! cloud_config   ─► auth, catalog, error, secret, service, tls, retry, redact
//! auth           ─► body, catalog, error, method, secret, timestamp, trace, redact
//! negotiation    ─► error, operation, microversion
//! field_versions ─► error, microversion
//! query          ─► path, error
//! path           ─► error
//! endpoint       ─► error, service
//! body           ─► error, method
//! transfer/      ─► error, method
//!   mod          ─► upload, download, digest, stall
//! error          ─► operation, method, catalog
//! operation      ─► method, microversion, service
//! service        ─► microversion
//! response       ─► drift, microversion
//! drift          ─► microversion
//! trace          ─► method, microversion, redact, secret
//! record         ─► operation, microversion, redact
//! retry          ─► method
//! tls, wait      ─► error
//! generation     ─► error
//! __generated    ─► call, field_versions, path, service, drift
//! method, microversion, catalog, secret, timestamp, nullable, or_empty, redact:
//! leaves
//! ```
//!
//! - Leaves import nothing from their siblings.
//! - `operation` (an endpoint's static facts) names a `method` and `microversion`s;
//!   `response` names the `microversion` the server answered with.
//! - `error` knows the `operation` (to map a documented status to its variant), the
//!   `method` (for transport errors) and the `catalog`'s error.
//! - `negotiation` (the rule behind [`Microversion::Negotiate`]) needs an operation, a
//!   version range and an error, so it lives above all three instead of in
//!   `microversion`.
//! - `path`, `query` and `endpoint` turn caller input into a URL and fail with `error`;
//!   `auth` (Keystone) also reads `secret`, `timestamp` and `catalog`; `cloud_config`
//!   builds `auth`.
//! - `client` ties everything together, one job per module: `builder` (settings to a
//!   client, its transport and auth), `versions` (the version document and the
//!   microversion a call is sent at), `send` (the send loop: token renewal, retries,
//!   tracing, redaction) and `wire` (pure header, query and body helpers).
//! - `transfer` holds the bodies that are not JSON: an upload read as it is sent,
//!   a download written as it arrives, the digests that check it, and how a
//!   transfer is timed; it fails with `error`'s variants (a digest mismatch
//!   is one, beside the other errors of a reply).
//! - `call` is how every request is prepared and sent: generated endpoint functions
//!   and [`Client::call`] both go through it; `pages` walks a list operation through
//!   the client, one page at a time.
//! - `auth/identity_api` is generated from Keystone's reference (`--runtime-path
//!   crate`), so the login sends and reads the reference's types. Besides them it
//!   holds each operation's `OPERATION`, `SERVICE` and endpoint function, which name
//!   `operation`, `service` and `client`: generated code the login does not call,
//!   and the one place an import points up the graph.
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
mod generation;
mod method;
mod microversion;
mod negotiation;
mod nullable;
mod operation;
mod or_empty;
mod pages;
mod path;
mod query;
mod record;
mod redact;
mod response;
mod retry;
mod secret;
mod service;
mod timestamp;
mod tls;
mod trace;
mod transfer;
mod wait;

pub use auth::{
    ApplicationCredential, Credentials, DomainRef, KeystoneAuth, MultiFactor, Password, ProjectRef,
    TokenCache, Totp, TotpCode, UserRef,
};
pub use call::{Pending, Sending};
pub use catalog::{
    Catalog, CatalogEndpoint, CatalogError, CatalogService, Interface, ParseInterfaceError,
};
pub use client::{Client, ClientBuilder};
pub use cloud_config::{CloudAuth, CloudConfig};
pub use drift::{UnknownFields, unknown_fields};
pub use endpoint::Endpoint;
pub use error::{
    ApiError, DecodeError, DigestMismatch, Error, MissingAuthMethods, ReplyTooLarge,
    TransportError, TransportErrorKind,
};
pub use generation::retry_on_generation_conflict;
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
pub use transfer::{Digest, Download, Progress, Upload};
pub use wait::{Observed, WaitError, Waiter};

/// Fields a generated struct does not know, kept via `#[serde(flatten)] pub extra: Extra`
/// so newer microversions never lose data.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Any JSON value: what generated code uses where a field's type cannot be known.
pub type Json = serde_json::Value;
