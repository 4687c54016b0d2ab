//! An operation built by hand the way generated code declares one, at every
//! microversion. One definition for both sides of the crate boundary: the
//! runtime's unit tests include this file (`crate::operation::unbounded`), its
//! loopback tests through `common`, and the `apiref` crate's Nova tests through
//! `tests/common/nova.rs`. The including module has `Method`, `Operation` and
//! `Service` in scope.

use super::{Method, Operation, Service};

/// An operation of `service` without microversion bounds; tests that need bounds
/// write `Operation { max_microversion: .., ..op }`.
pub const fn operation(
    service: &'static Service,
    name: &'static str,
    method: Method,
    path: &'static str,
    documented_statuses: &'static [u16],
) -> Operation {
    Operation {
        name,
        method,
        path,
        service,
        documented_statuses,
        min_microversion: None,
        max_microversion: None,
    }
}
