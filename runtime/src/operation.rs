//! The static description of one API operation, as the generator read it from the
//! API-reference doc. Generated code holds one `const` [`Operation`] per endpoint and
//! hands it to the client (hand-written code to [`Client::call`](crate::Client::call)
//! or [`Client::pages`](crate::Client::pages)), so nothing about an endpoint's
//! transport is duplicated in generated code.

use crate::method::Method;
use crate::microversion::Version;
use crate::service::Service;

/// One documented endpoint: what to send and which replies the doc promises.
///
/// Every field is `const`-constructible so generated code can write
/// `pub const OPERATION: Operation = Operation { .. };`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The doc's operation name, e.g. `updateServer`; used in diagnostics only.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template with its own version prefix, e.g.
    /// `/v2.1/{tenant_id}/servers/{server_id}`. Each `{name}` is filled, in order, by
    /// one path argument.
    pub path: &'static str,
    /// The service the operation belongs to: its microversion header, version
    /// document and request-id headers. Generated code points at its `SERVICE`.
    pub service: &'static Service,
    /// Every status code in the doc's table, success and error. Error statuses in
    /// this list map to their own [`Error`](crate::Error) variant; others become
    /// [`Error::UnexpectedStatus`](crate::Error::UnexpectedStatus).
    pub documented_statuses: &'static [u16],
    /// The lowest microversion that has this operation, if the doc says.
    pub min_microversion: Option<Version>,
    /// The highest microversion that has this operation, if the doc says.
    pub max_microversion: Option<Version>,
}

impl Operation {
    /// Whether the doc's table lists `status`.
    pub fn documents(&self, status: u16) -> bool {
        self.documented_statuses.contains(&status)
    }
}

// The loopback tests build their operations with the same helper; they cannot
// see crate items, so the file is shared instead.
#[cfg(test)]
#[path = "../tests/common/unbounded.rs"]
pub(crate) mod unbounded;

#[cfg(test)]
mod tests {
    use super::*;

    const OP: Operation = Operation {
        min_microversion: Some(Version::new(2, 1)),
        ..unbounded::operation(
            &Service::new("thing"),
            "updateServer",
            Method::Put,
            "/v2.1/{tenant_id}/servers/{server_id}",
            &[200, 404],
        )
    };

    #[test]
    fn documents_only_listed_statuses() {
        assert!(OP.documents(404));
        assert!(!OP.documents(406));
    }
}
