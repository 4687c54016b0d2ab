//! Bodies that are not JSON, over HTTP on loopback (tests/hostile): an upload
//! read from a file or any reader is sent streamed with its length and its
//! exact bytes; a download is written to a writer and checked against a
//! digest; a server that breaks off, stalls or refuses is a typed error; the
//! progress callbacks see totals that only grow.

mod hostile;

#[path = "common/compute_service.rs"]
mod compute_service;

use std::io::Cursor;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use apiref_runtime::{
    Client, Digest, Error, Method, Operation, Progress, TransportErrorKind, Upload,
};
use hostile::{Hostile, Reply};
use sha2::Digest as _;

/// An upload as Glance's reference describes it (`PUT .../file`, 204).
const UPLOAD: Operation = Operation {
    name: "images::file::add",
    method: Method::Put,
    path: "/v2.1/images/{image_id}/file",
    service: &compute_service::COMPUTE,
    documented_statuses: &[204, 400, 409, 413, 415],
    min_microversion: None,
    max_microversion: None,
};

/// A download (`GET .../file`, 200 or 204).
const DOWNLOAD: Operation = Operation {
    name: "images::file::get",
    method: Method::Get,
    path: "/v2.1/images/{image_id}/file",
    documented_statuses: &[200, 204, 206, 403, 404, 416],
    ..UPLOAD
};

/// Bytes no two chunks of which are alike, so a misplaced chunk is seen.
fn image(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}

fn client(server: &Hostile, timeout: Duration) -> Client {
    Client::builder(&format!("{}/v2.1", server.url))
        .token("a-token")
        .timeout(timeout)
        .build()
        .expect("client")
}

fn no_content() -> Reply {
    Reply::with_body("204 No Content", &[], "")
}

/// A 200 carrying `body` as raw data.
fn data_reply(body: &[u8]) -> Reply {
    let mut raw = format!(
        "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-type: application/octet-stream\r\n\
         content-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(body);
    Reply::Raw(raw)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A progress callback that keeps what it is told.
fn recorder() -> (
    Arc<Mutex<Vec<Progress>>>,
    impl FnMut(Progress) + Send + 'static,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let keep = Arc::clone(&seen);
    (seen, move |p| keep.lock().expect("progress").push(p))
}

/// Each report moves forward, says the same total, and the last one is the end.
fn assert_monotonic(seen: &[Progress], len: u64) {
    assert!(seen.len() > 1, "one report per chunk: {seen:?}");
    for pair in seen.windows(2) {
        assert!(pair[1].done > pair[0].done, "{pair:?}");
    }
    assert!(seen.iter().all(|p| p.total == Some(len)), "{seen:?}");
    assert_eq!(seen.last().map(|p| p.done), Some(len));
}

async fn upload(client: &Client, body: Upload) -> Result<(), Error> {
    client
        .prepare(&UPLOAD, &["img-1"])
        .upload(body)
        .send::<()>()
        .await
        .map(|_| ())
}

#[tokio::test]
async fn a_file_is_sent_streamed_with_its_length_and_its_exact_bytes() {
    let bytes = image(3 * 1024 * 1024 + 17);
    let path = std::env::temp_dir().join(format!("apiref-upload-{}.img", std::process::id()));
    std::fs::write(&path, &bytes).expect("temp file");
    let server = Hostile::start(|_, _| no_content()).await;
    let (seen, progress) = recorder();
    let body = Upload::file(&path)
        .await
        .expect("opened")
        .on_progress(progress);
    assert_eq!(body.length(), Some(bytes.len() as u64));
    upload(&client(&server, Duration::from_secs(20)), body)
        .await
        .expect("uploaded");
    std::fs::remove_file(&path).ok();

    let sent = &server.seen()[0];
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("PUT", "/v2.1/images/img-1/file")
    );
    let expected_length = bytes.len().to_string();
    assert_eq!(
        sent.header("content-length"),
        Some(expected_length.as_str())
    );
    assert_eq!(sent.header("transfer-encoding"), None);
    assert_eq!(
        sent.header("content-type"),
        Some("application/octet-stream")
    );
    assert!(sent.body == bytes, "the bytes sent are the file's");
    assert_monotonic(&seen.lock().expect("progress"), bytes.len() as u64);
}

#[tokio::test]
async fn a_reader_is_sent_with_the_length_given_or_chunked_without_one() {
    let bytes = image(700 * 1024);
    let server = Hostile::start(|_, _| no_content()).await;
    let client = client(&server, Duration::from_secs(20));
    let given = Upload::reader(Cursor::new(bytes.clone()), Some(bytes.len() as u64));
    upload(&client, given).await.expect("with a length");
    upload(&client, Upload::reader(Cursor::new(bytes.clone()), None))
        .await
        .expect("chunked");

    let seen = server.seen();
    let expected_length = bytes.len().to_string();
    assert_eq!(
        seen[0].header("content-length"),
        Some(expected_length.as_str())
    );
    assert_eq!(seen[1].header("content-length"), None);
    assert_eq!(seen[1].header("transfer-encoding"), Some("chunked"));
    for sent in &seen {
        assert!(sent.body == bytes, "the bytes sent are the reader's");
    }
}

#[tokio::test]
async fn a_reader_that_breaks_its_length_is_an_io_error() {
    let server = Hostile::start(|_, _| no_content()).await;
    let client = client(&server, Duration::from_secs(20));
    for (len, announced) in [(10, 20), (30, 20)] {
        let body = Upload::reader(Cursor::new(vec![7u8; len]), Some(announced));
        let err = upload(&client, body).await.expect_err("length not kept");
        let Error::Io { what, source } = &err else {
            panic!("not Io: {err:?}");
        };
        assert!(what.contains("PUT"), "{what}");
        assert!(
            source.to_string().contains("20 bytes announced"),
            "{source}"
        );
    }
}

#[tokio::test]
async fn a_server_that_hangs_up_on_an_upload_is_a_transport_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/v2.1", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            // The head and a little of the body, then gone.
            let mut some = [0u8; 8192];
            let _ = tokio::io::AsyncReadExt::read(&mut stream, &mut some).await;
            drop(stream);
        }
    });
    let client = Client::builder(&url).token("t").build().expect("client");
    let big = image(16 * 1024 * 1024);
    let len = big.len() as u64;
    let err = upload(&client, Upload::reader(Cursor::new(big), Some(len)))
        .await
        .expect_err("hung up");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn a_download_is_written_out_and_checked_against_its_digest() {
    let bytes = image(2 * 1024 * 1024 + 5);
    let reply = bytes.clone();
    let server = Hostile::start(move |_, _| data_reply(&reply)).await;
    let client = client(&server, Duration::from_secs(20));
    let sha512 = hex(&sha2::Sha512::digest(&bytes));
    let md5 = hex(&md5::Md5::digest(&bytes));
    for (algorithm, value) in [("sha512", &sha512), ("md5", &md5)] {
        let reply = client
            .prepare(&DOWNLOAD, &["img-1"])
            .download()
            .await
            .expect("a reply");
        assert_eq!(reply.status, 200);
        assert_eq!(reply.body.content_length(), Some(bytes.len() as u64));
        let (seen, progress) = recorder();
        let mut written = Vec::new();
        let count = reply
            .body
            .verify(Digest::new(algorithm, value).expect("digest"))
            .on_progress(progress)
            .to_writer(&mut written)
            .await
            .expect("downloaded and checked");
        assert_eq!(count, bytes.len() as u64);
        assert!(written == bytes, "the bytes written are the server's");
        assert_monotonic(&seen.lock().expect("progress"), bytes.len() as u64);
    }
}

#[tokio::test]
async fn a_digest_that_does_not_match_is_a_typed_error_with_both_digests() {
    let bytes = image(300 * 1024);
    let reply = bytes.clone();
    let server = Hostile::start(move |_, _| data_reply(&reply)).await;
    let client = client(&server, Duration::from_secs(20));
    let other = hex(&sha2::Sha512::digest(b"another image"));
    let download = client
        .prepare(&DOWNLOAD, &["img-1"])
        .download()
        .await
        .expect("a reply")
        .body;
    let err = download
        .verify(Digest::new("sha512", &other).expect("digest"))
        .to_writer(&mut tokio::io::sink())
        .await
        .expect_err("mismatch");
    let Error::DigestMismatch(mismatch) = &err else {
        panic!("not DigestMismatch: {err:?}");
    };
    assert_eq!(mismatch.algorithm, "sha512");
    assert_eq!(mismatch.expected, other);
    assert_eq!(mismatch.actual, hex(&sha2::Sha512::digest(&bytes)));
    assert_eq!(mismatch.bytes, bytes.len() as u64);
    assert!(err.to_string().contains(&mismatch.actual), "{err}");
}

#[tokio::test]
async fn a_download_cut_short_is_a_transport_error() {
    let server = Hostile::start(|_, _| {
        let mut raw =
            b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 1048576\r\n\r\n".to_vec();
        raw.extend_from_slice(&[1u8; 100 * 1024]);
        Reply::Raw(raw)
    })
    .await;
    let client = client(&server, Duration::from_secs(20));
    let download = client
        .prepare(&DOWNLOAD, &["img-1"])
        .download()
        .await
        .expect("the head arrives")
        .body;
    let err = download
        .to_writer(&mut tokio::io::sink())
        .await
        .expect_err("cut short");
    let Error::Transport(e) = &err else {
        panic!("not Transport: {err:?}");
    };
    assert_eq!((e.method, e.kind), (Method::Get, TransportErrorKind::Other));
}

#[tokio::test]
async fn a_download_that_stalls_times_out_but_a_slow_one_does_not() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/v2.1", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut attempt = 0;
        while let Ok((mut stream, _)) = listener.accept().await {
            attempt += 1;
            tokio::spawn(async move {
                let mut head = [0u8; 4096];
                let _ = stream.read(&mut head).await;
                let _ = stream
                    .write_all(b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 8\r\n\r\n")
                    .await;
                // The first: a byte every 100 ms, longer in all than the timeout.
                // The second: one byte, then nothing.
                let bytes = if attempt == 1 { 8 } else { 1 };
                for _ in 0..bytes {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    let _ = stream.write_all(b"x").await;
                }
                tokio::time::sleep(Duration::from_secs(5)).await;
            });
        }
    });
    let client = Client::builder(&url)
        .token("t")
        .timeout(Duration::from_millis(400))
        .build()
        .expect("client");
    let slow = client
        .prepare(&DOWNLOAD, &["i"])
        .download()
        .await
        .expect("head");
    let mut written = Vec::new();
    assert_eq!(
        slow.body
            .to_writer(&mut written)
            .await
            .expect("slow but moving"),
        8
    );
    let stalled = client
        .prepare(&DOWNLOAD, &["i"])
        .download()
        .await
        .expect("head");
    let err = stalled
        .body
        .to_writer(&mut tokio::io::sink())
        .await
        .expect_err("stalled");
    assert!(err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn an_error_reply_to_a_download_is_its_typed_error() {
    let server = Hostile::start(|_, _| {
        Reply::json(
            "404 Not Found",
            r#"{"message": "No image found with ID img-1", "code": "404 Not Found", "title": "Not Found"}"#,
        )
    })
    .await;
    let client = client(&server, Duration::from_secs(20));
    let err = client
        .prepare(&DOWNLOAD, &["img-1"])
        .download()
        .await
        .expect_err("404");
    let Error::NotFound(api) = &err else {
        panic!("not NotFound: {err:?}");
    };
    assert_eq!(api.fault.as_deref(), Some("Not Found"));
    assert_eq!(api.message.as_deref(), Some("No image found with ID img-1"));
}
