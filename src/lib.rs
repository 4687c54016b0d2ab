//! # apiref
//!
//! Typed, compile-checked Rust clients generated from OpenStack API-reference docs.
//!
//! ```ignore
//! mod compute {
//!     apiref::generate!("spec/compute");
//! }
//! ```
//!
//! Generated code names only `::apiref::…` paths, so this crate is the one
//! dependency a user adds. See the README for the generated API, the overlay
//! format and the naming rules.

pub use apiref_macros::generate;

/// The runtime that generated code calls: [`runtime::Client`], errors, microversions.
pub use apiref_runtime as runtime;
