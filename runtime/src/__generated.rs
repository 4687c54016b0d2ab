//! What only generated code names: the pieces an endpoint module is built from
//! (its field-version tables, its service's microversion scheme, the way its
//! structs read and write JSON) and the serde it derives with, so a user's crate
//! needs no serde dependency of its own. Users name none of it; it changes
//! whenever the generator does, so it is hidden from the docs and is no stable
//! API. Everything a user calls or matches on is at the crate root.

pub mod object;
pub mod serde_helpers;

pub use serde;
pub use serde_json;

pub use crate::call::Call;
pub use crate::field_versions::{FieldVersion, check_field_versions};
pub use crate::path::render_path;
pub use crate::service::{MicroversionHeader, MicroversionScheme, STANDARD_REQUEST_ID_HEADER};
