//! Bodies that are not JSON: image data and the like, gigabytes long, streamed
//! both ways so that memory stays flat whatever their size.
//!
//! - `upload`: [`Upload`], a request body read from a file or any `AsyncRead`
//!   as it is sent, with its length when known.
//! - `download`: [`Download`], a 2xx reply whose body has not been read yet,
//!   written to any `AsyncWrite` and checked against a [`Digest`].
//! - `digest`: [`Digest`], what the caller expects the bytes to hash to, and
//!   the hashers that check it.
//! - `stall`: how a transfer is timed: by the longest wait in which no byte
//!   moves, never by its whole length.
//!
//! A generated endpoint function takes an [`Upload`] or returns a [`Download`]
//! where the reference says its request or reply is not JSON (its
//! `Content-Type` is `application/octet-stream`).

mod digest;
mod download;
mod stall;
mod upload;

pub use digest::Digest;
pub use download::Download;
pub(crate) use stall::{Moved, within_stall};
pub(crate) use upload::ReadFailure;
pub use upload::Upload;

/// How far a transfer is, as told to a progress callback
/// ([`Upload::on_progress`], [`Download::on_progress`]) after each chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The bytes moved so far: handed to the connection for an upload, written
    /// to the writer for a download.
    pub done: u64,
    /// The whole size, when known: the upload's length, the download's
    /// `Content-Length`.
    pub total: Option<u64>,
}

/// A progress callback. `FnMut`, so a callback may keep state (a rate, the
/// last time it printed) without a lock: only the transfer calls it.
pub(crate) type ProgressHook = Box<dyn FnMut(Progress) + Send>;
