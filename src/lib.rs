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
//!
//! A build script can generate the same code into `OUT_DIR` instead, with
//! [`Config`] (add `apiref` to `[build-dependencies]` too):
//!
//! ```no_run
//! // build.rs: `fn main() { ... }` around this
//! apiref::Config::new()
//!     .file_name("compute.rs")
//!     .generate(&["spec/compute"])
//!     .unwrap_or_else(|e| panic!("{e}"));
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/compute.rs"));
//! ```

#![deny(missing_docs)]

pub use apiref_macros::generate;

/// The build-script API: generates the client into `OUT_DIR` (see the crate docs).
pub use apiref_generator::Config;

/// The runtime that generated code calls: [`runtime::Client`], errors, microversions.
pub use apiref_runtime as runtime;
