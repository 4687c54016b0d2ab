//! apiref's generator: OpenStack API-reference docs in, Rust tokens out.
//!
//! # Using it
//!
//! [`Generator`] is the one entry point that the macro, the CLI and build scripts
//! ([`Config`]) share: give it spec paths, get tokens ([`Generator::generate`]) or
//! formatted source ([`Generator::generate_source`]). Every problem is a
//! [`Diagnostic`] with its file, line and column; a run collects all of them in one
//! [`Ctxt`] and reports them together. [`lint_paths`] and [`inspect_json`]
//! serve `apiref lint` and `apiref inspect`; [`stages`] runs the pipeline one stage at a
//! time, for benchmarks and fuzzing.
//!
//! # The pipeline and its module graph
//!
//! One module per stage, and imports go one way only: no two modules import each
//! other, and the leaves (`diagnostic`, `method`, `microversion`, `names`,
//! `services`) import nothing from their siblings. Each line lists what a module
//! imports:
//!
//! ```text
//! build_script      ─▶ generator, diagnostic
//! generator         ─▶ load, model, reference_service, reference_overlay, emit, diagnostic
//! lint              ─▶ load, model, parse, overlay, diagnostic
//! inspect           ─▶ load, parse
//! emit              ─▶ model, names, method, microversion, services, diagnostic
//! operation_names   ─▶ model, names, method
//! model             ─▶ parse, overlay, reference_overlay, names, method, microversion, services, diagnostic
//! load              ─▶ spec_files, parse, overlay, reference_overlay, diagnostic
//! reference_service ─▶ services, diagnostic
//! reference_overlay ─▶ overlay, diagnostic
//! overlay           ─▶ microversion, services, diagnostic
//! parse             ─▶ method, microversion, diagnostic
//! spec_files        ─▶ diagnostic
//! diagnostic, method, microversion, names, services: leaves
//! ```
//!
//! `spec_files` finds docs and overlays (and tells os-api-ref references from
//! grid-table docs); `parse` reads the RST into a [`ParsedDoc`] (`parse/os_api_ref`
//! reads an os-api-ref file into operations, each also viewed as a `ParsedDoc`);
//! `overlay` reads the corrections kept beside a doc into typed values with their
//! places ([`Overlay`]), and `reference_overlay` one file of them per reference;
//! `services` holds facts about OpenStack services (types, aliases, repositories,
//! version prefixes, microversion schemes) and `reference_service` finds which one
//! a spec describes;
//! `load` reads a whole spec for generation and lint alike; `model` resolves a doc
//! and its overlay, or an operation, into an [`Endpoint`]; `emit` turns the
//! model into Rust tokens and formats them with prettyplease; `generator` runs
//! them in order. `operation_names` names each operation from its method, path
//! and action key (`servers::reboot`), for `apiref list` and the emitter. Inside
//! a stage the same holds: `model/endpoint` holds the model's data and its
//! siblings import it, never the other way round;
//! `lint/finding` is what `lint/tables` and `lint/examples` report through.

#![deny(missing_docs)]

mod build_script;
mod diagnostic;
mod emit;
mod generator;
mod inspect;
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
mod text;

pub use build_script::Config;
pub use diagnostic::{Ctxt, Diagnostic, DiagnosticKind, Diagnostics, FileCtxt, Severity};
pub use generator::{Generator, Output, format_source, resolve};
pub use inspect::inspect_json;
pub use lint::{Report, lint_paths, lint_source};
pub use load::LoadedDoc;
pub use method::{Method, MethodToken};
pub use microversion::Microversion;
pub use model::{Body, Endpoint, Field, FieldType, HeaderParam, Object, PathParam, Status, Top};
pub use operation_names::{
    NameBasis, Naming, NamingProblem, OperationInput, OperationName, Renames, name_operations,
    operation_input,
};
pub use overlay::{BodyOverlay, FieldOverlay, OperationOverlay, Overlay, Position, TypeExpr};
pub use parse::{CodeRow, Example, ExampleKind, ParamRow, ParsedDoc, Row, Table, TableKind};

/// The pipeline one stage at a time, for benchmarks that time each stage and
/// fuzzers that drive each one: read a doc, read an overlay, build the model,
/// name the endpoints, emit tokens, format them. [`Generator`] runs them in order.
pub mod stages {
    pub use crate::emit::{emit, format};
    pub use crate::generator::assign_endpoint_names;
    pub use crate::model::build_endpoint;
    pub use crate::overlay::{parse_overlay, read_overlay};
    pub use crate::parse::{parse_doc, parse_doc_with_warnings, read_source};
    pub use crate::spec_files::SpecFile;

    use std::path::Path;

    use crate::{Ctxt, Diagnostics};

    /// The docs (and the overlays beside them) that `inputs` name, relative to
    /// `base`, in the order generation reads them: the listing every door uses.
    pub fn find_spec_files(base: &Path, inputs: &[String]) -> Result<Vec<SpecFile>, Diagnostics> {
        let cx = Ctxt::new();
        let files = crate::spec_files::find_spec_files(&cx, base, inputs);
        cx.check().map(|_| files)
    }
}
