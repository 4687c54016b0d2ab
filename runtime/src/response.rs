//! A successful reply: the decoded body plus the reply metadata worth keeping.

use crate::microversion::Version;

/// A 2xx reply.
#[derive(Clone, Debug, PartialEq)]
pub struct Response<T> {
    /// The decoded body (`()` for a reply the doc gives no body).
    pub body: T,
    /// The 2xx status; some operations answer 200, 202 or 204 by case.
    pub status: u16,
    /// `X-OpenStack-Request-Id`, else `X-Compute-Request-Id`.
    pub request_id: Option<String>,
    /// The version the server used, from its `OpenStack-API-Version` header.
    pub microversion: Option<Version>,
}

impl<T> Response<T> {
    /// The body alone, for callers that need no metadata.
    pub fn into_body(self) -> T {
        self.body
    }
}
