//! [`Download`]: a 2xx reply whose body is still on the connection, read chunk
//! by chunk into the caller's writer, so a download of any size holds one
//! chunk at a time.

use std::fmt;
use std::time::Duration;

use tokio::io::{AsyncWrite, AsyncWriteExt};

use super::digest::Digest;
use super::{Progress, ProgressHook};
use crate::error::{Error, TransportError};
use crate::method::Method;

/// A reply body not read yet: what a generated function whose reference
/// answers with raw data (Glance's image download) gives in its
/// [`Response`](crate::Response). Write it out with
/// [`to_writer`](Download::to_writer), after asking for a digest check and a
/// progress callback if wanted.
///
/// ```no_run
/// # async fn f(download: apiref_runtime::Download) -> Result<(), apiref_runtime::Error> {
/// use apiref_runtime::Digest;
/// // An image's `os_hash_algo` and `os_hash_value` (or "md5" and its `checksum`).
/// let expected = Digest::new("sha512", &"0".repeat(128))?;
/// let mut file = tokio::fs::File::create("image.qcow2").await.expect("created");
/// let bytes = download
///     .verify(expected)
///     .on_progress(|p| eprintln!("{} of {:?} bytes", p.done, p.total))
///     .to_writer(&mut file)
///     .await?;
/// # Ok(()) }
/// ```
pub struct Download {
    reply: reqwest::Response,
    method: Method,
    url: String,
    /// The longest wait for a chunk (the client's timeout).
    stall: Duration,
    expected: Option<Digest>,
    progress: Option<ProgressHook>,
}

impl Download {
    pub(crate) fn new(
        reply: reqwest::Response,
        method: Method,
        url: &str,
        stall: Duration,
    ) -> Download {
        Download {
            reply,
            method,
            url: url.to_owned(),
            stall,
            expected: None,
            progress: None,
        }
    }

    /// The body's length as the server declared it (`Content-Length`), if it did.
    pub fn content_length(&self) -> Option<u64> {
        self.reply.content_length()
    }

    /// Checks the bytes against `expected` as they are written: a mismatch is
    /// [`Error::DigestMismatch`] once the last byte is in. A digest is of the
    /// whole image, so it cannot check a `Range` request's part.
    pub fn verify(mut self, expected: Digest) -> Download {
        self.expected = Some(expected);
        self
    }

    /// Calls `progress` after each chunk is written, with the bytes written so
    /// far and the `Content-Length`, when declared.
    pub fn on_progress(mut self, progress: impl FnMut(Progress) + Send + 'static) -> Download {
        self.progress = Some(Box::new(progress));
        self
    }

    /// Writes the whole body to `writer`, flushes it, and gives the number of
    /// bytes written. A connection that breaks or closes early is
    /// [`Error::Transport`]; one where no byte arrives for the client's timeout
    /// is [`Error::Transport`] of kind `Timeout`; a writer that fails is
    /// [`Error::Io`]; a digest that does not match is [`Error::DigestMismatch`]
    /// (the writer then holds bytes that are not the expected ones).
    pub async fn to_writer<W>(self, writer: &mut W) -> Result<u64, Error>
    where
        W: AsyncWrite + Unpin + ?Sized,
    {
        let Download {
            mut reply,
            method,
            url,
            stall,
            expected,
            mut progress,
        } = self;
        let total = reply.content_length();
        let mut hasher = expected.as_ref().map(Digest::hasher);
        let write_error = |source| Error::Io {
            what: format!("writing the reply of {method} {url}"),
            source,
        };
        let mut done: u64 = 0;
        loop {
            let chunk = match tokio::time::timeout(stall, reply.chunk()).await {
                Err(_) => {
                    return Err(Error::Transport(TransportError::stalled(
                        method, &url, stall,
                    )));
                }
                Ok(read) => {
                    read.map_err(|e| Error::Transport(TransportError::new(method, &url, e)))?
                }
            };
            let Some(chunk) = chunk else { break };
            if let Some(hasher) = &mut hasher {
                hasher.update(&chunk);
            }
            writer.write_all(&chunk).await.map_err(write_error)?;
            done += chunk.len() as u64;
            if let Some(progress) = &mut progress {
                progress(Progress { done, total });
            }
        }
        writer.flush().await.map_err(write_error)?;
        if let (Some(expected), Some(hasher)) = (expected, hasher) {
            expected
                .check(hasher, done)
                .map_err(Error::DigestMismatch)?;
        }
        Ok(done)
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("content_length", &self.content_length())
            .field("expected", &self.expected)
            .finish_non_exhaustive()
    }
}
