//! The resolved model: one [`Endpoint`] per operation, after the samples and the
//! overlays have corrected what the reference says. The emitter reads only this.
//!
//! `endpoint` holds the data; `build` makes it from the one parsed form
//! ([`Operation`](crate::parse::os_api_ref::Operation)), whichever reader produced
//! it, with `nesting` (parameters into objects, by the samples' `shape`),
//! `doc_type` (the written types) and `overlay_apply` (an overlay's corrections,
//! for a grid-table doc's overlay and a reference overlay's entries alike);
//! `placement` places a parameter whose entry gives no `in:`. Names come after,
//! from `operation_names`.

mod build;
mod doc_type;
mod endpoint;
#[cfg(test)]
mod fixtures;
mod nesting;
mod overlay_apply;
mod placement;
mod shape;

pub use build::{build_endpoint, build_operation};
pub use endpoint::{Body, Endpoint, Field, FieldType, HeaderParam, Object, PathParam, Status, Top};
pub(crate) use overlay_apply::apply_reference_overlay;
