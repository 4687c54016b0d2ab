//! [`Upload`]: a request body read as it is sent. It is read in chunks of
//! [`CHUNK`] bytes, and a chunk is read only when the connection has taken the
//! one before, so an upload of any size holds a few chunks at a time.

use std::fmt;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use tokio::io::AsyncRead;
use tokio_util::io::ReaderStream;

use super::stall::Moved;
use super::{Progress, ProgressHook};
use crate::error::Error;

/// The size of one read. Large enough that a file read costs few trips to the
/// blocking pool tokio reads files on; small enough to stay out of sight next
/// to the connection's own buffers.
const CHUNK: usize = 256 * 1024;

/// A request body read from a file or any [`AsyncRead`] while it is sent
/// (`Content-Type: application/octet-stream` unless the operation names
/// another), what a generated function whose reference takes raw data
/// (Glance's image upload and stage) takes in place of a JSON body.
///
/// With a length (a file's, or one the caller gives), the request says
/// `Content-Length`, and a reader that gives more or fewer bytes fails the
/// call; without one, the body is sent chunked. A streamed body is sent once:
/// neither retried nor sent again after a 401.
///
/// ```no_run
/// # async fn f() -> Result<(), apiref_runtime::Error> {
/// use apiref_runtime::Upload;
/// let from_file = Upload::file("cirros.qcow2").await?
///     .on_progress(|p| eprintln!("{} of {:?} bytes", p.done, p.total));
/// let from_memory = Upload::reader(std::io::Cursor::new(vec![0u8; 1024]), Some(1024));
/// # Ok(()) }
/// ```
pub struct Upload {
    reader: Pin<Box<dyn AsyncRead + Send>>,
    length: Option<u64>,
    progress: Option<ProgressHook>,
}

impl Upload {
    /// The file at `path`, with its length. A file that cannot be opened or
    /// measured is [`Error::Io`].
    pub async fn file(path: impl AsRef<Path>) -> Result<Upload, Error> {
        let path = path.as_ref();
        let io = |what: &str, source| Error::Io {
            what: format!("{what} {}", path.display()),
            source,
        };
        let file = tokio::fs::File::open(path)
            .await
            .map_err(|e| io("opening", e))?;
        let length = file
            .metadata()
            .await
            .map_err(|e| io("reading the size of", e))?
            .len();
        Ok(Upload::reader(file, Some(length)))
    }

    /// Whatever `reader` gives until its end; `length`, when given, is sent as
    /// `Content-Length` and must be exactly what the reader gives.
    pub fn reader(reader: impl AsyncRead + Send + 'static, length: Option<u64>) -> Upload {
        Upload {
            reader: Box::pin(reader),
            length,
            progress: None,
        }
    }

    /// Calls `progress` after each chunk is handed to the connection, with the
    /// bytes sent so far and the length, when known.
    pub fn on_progress(mut self, progress: impl FnMut(Progress) + Send + 'static) -> Upload {
        self.progress = Some(Box::new(progress));
        self
    }

    /// The length sent as `Content-Length`, if known.
    pub fn length(&self) -> Option<u64> {
        self.length
    }

    /// The body for reqwest. Every chunk read sets `moved`; a failure of the
    /// reader (or a length it does not keep to) is kept in `failure`, so the
    /// call can say the caller's side broke, not the connection.
    pub(crate) fn into_body(self, moved: Moved, failure: ReadFailure) -> reqwest::Body {
        reqwest::Body::wrap_stream(Chunks {
            inner: ReaderStream::with_capacity(self.reader, CHUNK),
            done: 0,
            length: self.length,
            progress: self.progress,
            moved,
            failure,
        })
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("length", &self.length)
            .field("progress", &self.progress.is_some())
            .finish_non_exhaustive()
    }
}

/// Where an upload's reader failure is kept for the call to report.
pub(crate) type ReadFailure = Arc<Mutex<Option<io::Error>>>;

/// The reader as chunks, counted.
struct Chunks {
    inner: ReaderStream<Pin<Box<dyn AsyncRead + Send>>>,
    done: u64,
    length: Option<u64>,
    progress: Option<ProgressHook>,
    moved: Moved,
    failure: ReadFailure,
}

impl Chunks {
    /// Keeps `error` for the call, and gives the connection one to stop on.
    fn fail(&self, error: io::Error) -> Poll<Option<io::Result<Bytes>>> {
        let kind = error.kind();
        let text = error.to_string();
        if let Ok(mut slot) = self.failure.lock() {
            slot.get_or_insert(error);
        }
        Poll::Ready(Some(Err(io::Error::new(kind, text))))
    }
}

impl Stream for Chunks {
    type Item = io::Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(Err(e))) => this.fail(e),
            Poll::Ready(Some(Ok(chunk))) => {
                this.done += chunk.len() as u64;
                if let Some(length) = this.length
                    && this.done > length
                {
                    return this.fail(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("the upload's reader gave more than the {length} bytes announced"),
                    ));
                }
                this.moved.set(this.done);
                if let Some(progress) = &mut this.progress {
                    progress(Progress {
                        done: this.done,
                        total: this.length,
                    });
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(None) => match this.length {
                Some(length) if this.done < length => this.fail(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!(
                        "the upload's reader ended after {} of the {length} bytes announced",
                        this.done
                    ),
                )),
                _ => Poll::Ready(None),
            },
        }
    }
}
