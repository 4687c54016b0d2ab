//! A successful reply: the decoded body plus the reply metadata worth keeping.

use reqwest::header::HeaderMap;

use crate::microversion::Version;

/// A 2xx reply.
#[derive(Clone, Debug, PartialEq)]
pub struct Response<T> {
    /// The decoded body (`()` for a reply the doc gives no body).
    pub body: T,
    /// The 2xx status; some operations answer 200, 202 or 204 by case.
    pub status: u16,
    /// `X-OpenStack-Request-Id`, else a header of the service's own
    /// (`X-Compute-Request-Id`).
    pub request_id: Option<String>,
    /// The version the server used, from its `OpenStack-API-Version` header.
    pub microversion: Option<Version>,
    /// Every reply header, for those that carry data (Keystone's `X-Subject-Token`).
    /// Token headers are marked sensitive, so `Debug` does not show them.
    pub(crate) headers: HeaderMap,
}

impl<T> Response<T> {
    /// A reply header's value (`x-subject-token`), if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body alone, for callers that need no metadata.
    pub fn into_body(self) -> T {
        self.body
    }
}
