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
    /// Every header of the reply: a reference's response headers that carry data
    /// (Keystone's `X-Subject-Token`, Nova's `Location`) are read from here by the
    /// generated `ResponseHeaders`. Values of headers named like a token or a
    /// receipt are marked sensitive, so `Debug` does not print them.
    pub(crate) headers: HeaderMap,
    /// The body as received, when the client keeps raw bodies.
    pub(crate) raw: Option<Vec<u8>>,
}

impl<T> Response<T> {
    /// The body alone, for callers that need no metadata.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The body as the server sent it, when the client was built with
    /// [`ClientBuilder::keep_raw_bodies`](crate::ClientBuilder::keep_raw_bodies).
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.raw.as_deref()
    }

    /// The JSON pointers of what the reply held that its types do not know
    /// (see [`unknown_fields`](crate::unknown_fields)).
    pub fn unknown_fields(&self) -> Vec<String>
    where
        T: serde::Serialize,
    {
        crate::drift::unknown_fields(&self.body)
    }

    /// The value of the reply's header `name` (any case), if it was sent once or
    /// more (the first) and is visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }
}
