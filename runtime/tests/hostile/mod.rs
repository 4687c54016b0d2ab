//! A hostile HTTP server on loopback: a bare tokio TCP listener that writes raw
//! bytes, so a test controls what no well-behaved server library would send (lying
//! `Content-Length`, endless chunked bodies, echoed secrets, hang-ups). Every reply
//! closes its connection, so the server sees one connection per attempt.

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request the server read.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What to do with one request.
pub enum Reply {
    /// These bytes, then close.
    Raw(Vec<u8>),
    /// A chunked body after `head` (status line and headers, without the blank line):
    /// `chunk` `count` times (`None`: until the client hangs up), then the last chunk.
    Chunked {
        head: String,
        chunk: Vec<u8>,
        count: Option<usize>,
    },
    /// Close without a byte.
    Hangup,
}

impl Reply {
    /// A complete reply with a correct `Content-Length`.
    pub fn with_body(status: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut text = format!("HTTP/1.1 {status}\r\nconnection: close\r\n");
        for (name, value) in headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        text.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
        Reply::Raw(text.into_bytes())
    }

    pub fn json(status: &str, body: &str) -> Reply {
        Reply::with_body(status, &[("content-type", "application/json")], body)
    }
}

type Handler = dyn Fn(usize, &Seen) -> Reply + Send + Sync;

/// A running hostile server; stops when the test's runtime ends.
pub struct Hostile {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    connections: Arc<AtomicUsize>,
}

impl Hostile {
    /// Serves every request with `handler(attempt, request)`, `attempt` counting from 0.
    pub async fn start(handler: impl Fn(usize, &Seen) -> Reply + Send + Sync + 'static) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let log = Arc::clone(&seen);
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&connections);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let (log, handler) = (Arc::clone(&log), Arc::clone(&handler));
                tokio::spawn(serve(stream, log, handler));
            }
        });
        Hostile {
            url,
            seen,
            connections,
        }
    }

    /// The same server as an `https` URL: it answers no TLS handshake (it hangs up),
    /// so every attempt is a connect failure the server still counts.
    pub fn https_url(&self) -> String {
        self.url.replacen("http://", "https://", 1)
    }

    /// The number of connections accepted, HTTP or not.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The requests read so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("log").clone()
    }

    /// The number of connections that sent a request.
    pub fn attempts(&self) -> usize {
        self.seen.lock().expect("log").len()
    }
}

async fn serve(mut stream: TcpStream, log: Arc<Mutex<Vec<Seen>>>, handler: Arc<Handler>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let attempt = {
        let mut log = log.lock().expect("log");
        log.push(request.clone());
        log.len() - 1
    };
    match handler(attempt, &request) {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes).await;
        }
        Reply::Chunked { head, chunk, count } => {
            let head = format!("{head}\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n");
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
            framed.extend_from_slice(&chunk);
            framed.extend_from_slice(b"\r\n");
            let mut sent = 0;
            while count.is_none_or(|n| sent < n) {
                if stream.write_all(&framed).await.is_err() {
                    return;
                }
                sent += 1;
            }
            let _ = stream.write_all(b"0\r\n\r\n").await;
        }
        Reply::Hangup => {}
    }
    let _ = stream.shutdown().await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        // A TLS handshake record: not HTTP, hang up.
        if buf[0] == 0x16 {
            return None;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let mut body = buf[head_end + 4..].to_vec();
    if chunked {
        while !body.ends_with(b"0\r\n\r\n") {
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
        body = dechunk(&body);
    }
    while !chunked && body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Seen {
        method,
        path,
        headers,
        body,
    })
}

/// The data of a chunked body (`<hex size>\r\n<data>\r\n` ... `0\r\n\r\n`).
fn dechunk(mut framed: &[u8]) -> Vec<u8> {
    let mut data = Vec::new();
    while let Some(line_end) = framed.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&framed[..line_end])
            .ok()
            .and_then(|text| usize::from_str_radix(text.split(';').next()?.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        let Some(chunk) = framed.get(start..start + size) else {
            break;
        };
        data.extend_from_slice(chunk);
        framed = framed.get(start + size + 2..).unwrap_or_default();
    }
    data
}
