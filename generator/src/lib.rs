//! apiref's generator: OpenStack API-reference docs in, Rust code out.
//!
//! # Using it
//!
//! [`Generator`] is the one entry point that the macro, the CLI and build scripts
//! share: give it spec paths, get code for the compiler ([`Generator::generate`]) or formatted
//! source ([`Generator::generate_source`]). A build script's [`Config`] is a
//! generator plus where to write the file. Every problem is a [`Diagnostic`]
//! with its file, line and column, and a run reports all of them together
//! ([`Diagnostics`]). [`Generator::operations`], [`Generator::inspect`] and
//! [`lint_paths`] serve `apiref list`, `apiref inspect` and `apiref lint`.
//!
//! # The pipeline and its module graph
//!
//! One module per stage, and imports go one way only: no two modules import each
//! other, and the leaves import nothing from their siblings. Each line lists
//! what a module imports (tests aside):
//!
//! ```text
//! build_script      ─▶ generator, diagnostic
//! generator         ─▶ load, model, inspect, operation_names, reference_service, reference_overlay, emit, diagnostic, learn
//! learn             ─▶ model, microversion
//! lint              ─▶ load, model, parse, overlay, diagnostic
//! inspect           ─▶ load, parse
//! emit              ─▶ model, names, method, microversion, services, text, diagnostic
//! model             ─▶ parse, overlay, reference_overlay, names, method, microversion, services, media_type, text, diagnostic
//! load              ─▶ spec_files, parse, overlay, reference_overlay, diagnostic
//! reference_service ─▶ services, diagnostic
//! reference_overlay ─▶ overlay, diagnostic
//! overlay           ─▶ operation_names, microversion, services, media_type, diagnostic
//! operation_names   ─▶ model, names, method
//! parse             ─▶ method, microversion, text, diagnostic
//! spec_files        ─▶ diagnostic
//! diagnostic, media_type, method, microversion, names, services, text: leaves
//! ```
//!
//! `spec_files` finds docs and overlays (and tells os-api-ref references from
//! grid-table docs); `parse` reads the RST into a parsed doc (`parse/os_api_ref`
//! reads an os-api-ref file into operations, each also viewed as a parsed doc);
//! `overlay` reads the corrections kept beside a doc into typed values with their
//! places, and `reference_overlay` one file of them per reference;
//! `services` holds facts about OpenStack services (types, aliases, repositories,
//! version prefixes, microversion schemes) and `reference_service` finds which one
//! a spec describes;
//! `load` reads a whole spec for generation and lint alike; `model` resolves a doc
//! and its overlay, or an operation, into an [`Endpoint`]; `emit` turns the
//! model into Rust source text (`emit/type_names` names each module's types,
//! `emit/types` writes them) and formats it with prettyplease; `generator` runs
//! them in order. `operation_names` names each operation from its method, path
//! and action key (`servers::reboot`), for `apiref list` and the emitter. Inside
//! a stage the same holds: `model/endpoint` holds the model's data and its
//! siblings import it, never the other way round;
//! `lint/finding` is what `lint/tables` and `lint/examples` report through.
//! `learn` (the `learn` feature, for `apiref learn`) compares recorded replies
//! with the model and proposes overlay entries.

#![deny(missing_docs)]

mod build_script;
mod diagnostic;
mod emit;
mod generator;
mod inspect;
#[cfg(feature = "learn")]
pub mod learn;
mod lint;
mod load;
mod media_type;
mod method;
mod microversion;
mod model;
mod names;
mod operation_names;
mod overlay;
mod parse;
mod reference_overlay;
mod reference_service;
mod services;
mod spec_files;
#[cfg(test)]
mod test_folder;
mod text;

pub use build_script::Config;
pub use diagnostic::{Diagnostic, DiagnosticKind, Diagnostics, Severity};
pub use generator::{Generator, Output, format_source};
pub use lint::{Report, lint_paths};
pub use method::Method;
pub use microversion::Microversion;
pub use model::Endpoint;
pub use operation_names::{NameBasis, Naming, NamingProblem, OperationName};

/// The pipeline one stage at a time, and the data each stage hands the next,
/// for this repository's benchmarks, fuzzers and end-to-end tests: not an API
/// (it changes with the pipeline). [`Generator`] runs the stages in order.
#[doc(hidden)]
pub mod __stages {
    pub use crate::diagnostic::{Ctxt, FileCtxt};
    pub use crate::emit::{emit, format};
    pub use crate::generator::{assign_endpoint_names, resolve};
    pub use crate::inspect::inspect_json;
    pub use crate::lint::lint_source;
    pub use crate::load::LoadedDoc;
    pub use crate::method::MethodToken;
    pub use crate::model::{
        Body, Field, FieldType, HeaderParam, Object, PathParam, Status, Top, build_endpoint,
    };
    pub use crate::operation_names::{OperationInput, Renames, name_operations, operation_input};
    pub use crate::overlay::{
        BodyOverlay, FieldOverlay, OperationOverlay, Overlay, Position, TypeExpr, parse_overlay,
        read_overlay,
    };
    pub use crate::parse::{
        CodeRow, Example, ExampleKind, ParamRow, ParsedDoc, Row, Table, TableKind, parse_doc,
        parse_doc_with_warnings, read_source,
    };
    pub use crate::spec_files::SpecFile;

    use std::path::Path;

    use crate::diagnostic::Diagnostics;

    /// The docs (and the overlays beside them) that `inputs` name, relative to
    /// `base`, in the order generation reads them: the listing every door uses.
    pub fn find_spec_files(base: &Path, inputs: &[String]) -> Result<Vec<SpecFile>, Diagnostics> {
        let cx = Ctxt::new();
        let files = crate::spec_files::find_spec_files(&cx, base, inputs);
        cx.check().map(|_| files)
    }
}
