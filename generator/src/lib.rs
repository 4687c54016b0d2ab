//! apiref's generator: OpenStack API-reference docs in, Rust tokens out.
//!
//! The pipeline, one module per stage:
//! [`spec_files`] finds docs and overlays, [`parse`] reads the RST into a
//! [`parse::ParsedDoc`], [`overlay`] reads the corrections kept beside a doc,
//! [`model`] resolves both into an [`model::Endpoint`] and its types, [`emit`] turns
//! the model into Rust tokens and formats them with prettyplease. [`Generator`] is
//! the one entry point that the macro, the CLI and build scripts ([`Config`]) share.

pub mod build_script;
pub mod diagnostic;
pub mod emit;
pub mod generator;
pub mod inspect;
pub mod inspect_reference;
pub mod lint;
pub mod model;
pub mod names;
pub mod overlay;
pub mod parse;
pub mod reference_overlay;
pub mod spec_files;

pub use build_script::Config;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use generator::{Generator, LoadedDoc, Output, format_source};
