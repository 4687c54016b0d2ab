//! # apiref
//!
//! Typed, compile-checked Rust clients generated from OpenStack API-reference docs.
//!
//! ```
//! mod compute {
//!     apiref::generate!("spec/compute");
//! }
//! # let _ = compute::SERVICE;
//! ```
//!
//! Generated code names only `::apiref::…` paths, so this crate is the one
//! dependency a user adds. The README is the front door; `docs/generated-api.md`
//! describes the generated API and its naming rules, `docs/overlays.md` the overlay
//! format.
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

/// The README's and the docs' Rust examples, compiled (and the runnable ones run) by
/// `cargo test --doc`, so a page cannot drift from the API it shows.
#[cfg(doctest)]
mod doc_examples {
    #[doc = include_str!("../README.md")]
    mod readme {}
    #[doc = include_str!("../docs/generated-api.md")]
    mod generated_api {}
    #[doc = include_str!("../docs/generating.md")]
    mod generating {}
    #[doc = include_str!("../docs/connecting.md")]
    mod connecting {}
    #[doc = include_str!("../docs/auth.md")]
    mod auth {}
    #[doc = include_str!("../docs/services.md")]
    mod services {}
    #[doc = include_str!("../docs/references.md")]
    mod references {}
    #[doc = include_str!("../docs/overlays.md")]
    mod overlays {}
    #[doc = include_str!("../docs/learn.md")]
    mod learn {}
    #[doc = include_str!("../docs/conformance.md")]
    mod conformance {}
    #[doc = include_str!("../docs/internals.md")]
    mod internals {}
    #[doc = include_str!("../docs/testing.md")]
    mod testing {}
    #[doc = include_str!("../docs/corpus.md")]
    mod corpus {}
    #[doc = include_str!("../docs/performance.md")]
    mod performance {}
}
