//! The resolved model: one [`Endpoint`] per doc, after the doc's examples and its
//! overlay have corrected its tables. The emitter reads only this.
//!
//! `endpoint` holds the data; `build` makes it from a parsed doc, with `nesting`
//! (rows into objects, by the examples' `shape`), `doc_type` (the type column) and
//! `overlay_apply` (the overlay's corrections); `from_os_api_ref` makes it from an
//! os-api-ref operation (its own nesting by dotted names and samples) and applies
//! a reference overlay; `endpoint_names` makes names unique across endpoints.

mod build;
mod doc_type;
mod endpoint;
mod endpoint_names;
mod from_os_api_ref;
mod nesting;
mod overlay_apply;
mod shape;

pub use build::build_endpoint;
pub use endpoint::{Body, Endpoint, Field, FieldType, HeaderParam, Object, PathParam, Status};
pub use endpoint_names::assign_endpoint_names;
pub(crate) use from_os_api_ref::{apply_reference_overlay, build_reference_endpoint};
