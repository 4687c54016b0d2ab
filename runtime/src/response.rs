//! A successful reply: the decoded body plus the reply metadata worth keeping.

use crate::microversion::Version;

/// A 2xx reply.
#[derive(Clone, Debug, PartialEq)]
pub struct Response<T> {
    pub body: T,
    pub status: u16,
    /// `X-OpenStack-Request-Id`, else `X-Compute-Request-Id`.
    pub request_id: Option<String>,
    /// The version the server used, from its `OpenStack-API-Version` header.
    pub microversion: Option<Version>,
}

impl<T> Response<T> {
    pub fn into_body(self) -> T {
        self.body
    }
}
