//! Reading a reply body with a size limit, so a hostile or broken server cannot make
//! the client allocate without bound (a timeout bounds time, not memory).
//!
//! A declared `Content-Length` over the limit is refused before any byte is read; a
//! chunked or undeclared body is read chunk by chunk and refused as soon as it grows
//! past the limit, so at most `limit` bytes plus one chunk are ever held.

use crate::error::{Error, ReplyTooLarge, TransportError};
use crate::method::Method;

/// The default limit, 32 MiB. The largest replies an OpenStack client normally reads
/// are list pages and Keystone catalogs: a page of 1000 detailed Nova servers is about
/// 5 MiB, a large catalog well under 1 MiB. 32 MiB leaves six times that headroom and
/// still bounds the memory one call can take (the body, then its decoded form) to a
/// small multiple of 32 MiB.
pub(crate) const DEFAULT_MAX_REPLY_BYTES: u64 = 32 * 1024 * 1024;

/// What one request was, for the errors a read can end in.
pub(crate) struct ReadContext<'a> {
    pub(crate) method: Method,
    pub(crate) url: &'a str,
    pub(crate) status: u16,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) limit: u64,
}

/// Reads `reply`'s whole body if it is at most `context.limit` bytes.
pub(crate) async fn read_limited(
    mut reply: reqwest::Response,
    context: ReadContext<'_>,
) -> Result<Vec<u8>, Error> {
    let too_large = |declared_length: Option<u64>| {
        Error::ReplyTooLarge(ReplyTooLarge {
            method: context.method,
            url: context.url.to_owned(),
            status: context.status,
            request_id: context.request_id.map(str::to_owned),
            limit: context.limit,
            declared_length,
        })
    };
    let declared = reply.content_length();
    if let Some(length) = declared
        && length > context.limit
    {
        return Err(too_large(Some(length)));
    }
    let transport = |e| Error::Transport(TransportError::new(context.method, context.url, e));
    // Trust a declared length only for the first allocation, and never beyond the limit.
    let capacity = declared.unwrap_or(0).min(context.limit);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = reply.chunk().await.map_err(transport)? {
        let total = u64::try_from(body.len().saturating_add(chunk.len())).unwrap_or(u64::MAX);
        if total > context.limit {
            return Err(too_large(declared));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
