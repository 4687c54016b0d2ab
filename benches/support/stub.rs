//! The loopback stub the client benches talk to (see `loopback.rs`): a hand-written
//! HTTP/1.1 keep-alive server replaying the recorded Update Server reply and serving
//! a server listing in pages as Nova does.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::OnceLock;

use serde_json::Value;

use crate::measure::{number, pin};
use crate::{PROJECT, SERVER, TOKEN, update_reply};

#[path = "loopback.rs"]
mod loopback;
pub use loopback::Stub;

impl Stub {
    /// The stub's compute endpoint, with the project.
    pub fn endpoint(&self) -> String {
        format!("{}/v2.1/{PROJECT}", self.url())
    }
}

pub fn run_stub() {
    pin(1);
    let (reply, _) = update_reply();
    let body = serde_json::to_vec(&reply).expect("reply serializes");
    let ok = response(
        "200 OK",
        &body,
        &[
            ("OpenStack-API-Version", "compute 2.75"),
            ("X-OpenStack-Nova-API-Version", "2.75"),
            (
                "Vary",
                "OpenStack-API-Version, X-OpenStack-Nova-API-Version",
            ),
        ],
    );
    let not_found = response(
        "404 Not Found",
        br#"{"itemNotFound": {"code": 404, "message": "The resource could not be found."}}"#,
        &[],
    );
    let unauthorized = response(
        "401 Unauthorized",
        br#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#,
        &[],
    );
    let replies = [ok, not_found, unauthorized];
    // The listing `pages` walks: each server's bytes made on the first list request
    // (not before: the other sections never ask), pages cut per request.
    let listing = Listing {
        template: reply["server"].clone(),
        servers: OnceLock::new(),
    };
    loopback::serve(move |stream, port| serve(stream, &replies, &listing, port));
}

fn response(status: &str, body: &[u8], headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         x-openstack-request-id: req-5f0c8a7e-2d41-4b6a-9e13-7c2f4d8a1b90\r\n\
         x-compute-request-id: req-5f0c8a7e-2d41-4b6a-9e13-7c2f4d8a1b90\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// The servers the stub lists, each as JSON bytes, made when first asked for.
struct Listing {
    template: Value,
    servers: OnceLock<Vec<Vec<u8>>>,
}

impl Listing {
    fn servers(&self) -> &[Vec<u8>] {
        self.servers.get_or_init(|| {
            (0..number("BENCH_PAGES_SERVERS", 10_000))
                .map(|i| serde_json::to_vec(&list_server(&self.template, i)).expect("server"))
                .collect()
        })
    }
}

/// Server `i` of the listing: the recorded server with its own id and name.
pub fn list_server(template: &Value, i: usize) -> Value {
    let mut server = template.clone();
    server["id"] = Value::from(format!("{i:08x}-7b44-4f0e-a8c1-5e6f7a8b9c0d"));
    server["name"] = Value::from(format!("bench-{i}"));
    server
}

/// The page of `listing` a `GET .../servers/detail?limit=N[&marker=ID]` asks for, as
/// Nova answers it: the servers after the marker, and a `next` link (absolute, with
/// the limit and the page's last id) while more remain.
fn list_page(target: &str, listing: &[Vec<u8>], port: u16) -> Vec<u8> {
    let query = target.split_once('?').map_or("", |(_, q)| q);
    let mut limit = 1000;
    let mut start = 0;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("limit", n)) => limit = n.parse().unwrap_or(limit),
            Some(("marker", id)) => {
                start = usize::from_str_radix(id.get(..8).unwrap_or(""), 16).map_or(0, |i| i + 1);
            }
            _ => {}
        }
    }
    let end = listing.len().min(start + limit);
    let mut body = b"{\"servers\": [".to_vec();
    for (n, server) in listing[start.min(end)..end].iter().enumerate() {
        if n > 0 {
            body.push(b',');
        }
        body.extend_from_slice(server);
    }
    body.extend_from_slice(b"]");
    if end < listing.len() {
        let next = format!(
            ", \"servers_links\": [{{\"rel\": \"next\", \"href\": \"http://127.0.0.1:{port}/v2.1/{PROJECT}/servers/detail?limit={limit}&marker={:08x}-7b44-4f0e-a8c1-5e6f7a8b9c0d\"}}]",
            end - 1
        );
        body.extend_from_slice(next.as_bytes());
    }
    body.push(b'}');
    response(
        "200 OK",
        &body,
        &[("OpenStack-API-Version", "compute 2.75")],
    )
}

/// Answers the requests on one keep-alive connection: PUT to a server with the token
/// gets the recorded reply, GET of the server list a page of `listing`, a wrong path
/// 404, a missing token 401.
fn serve(
    mut stream: TcpStream,
    replies: &[Vec<u8>; 3],
    listing: &Listing,
    port: u16,
) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut buf = Vec::with_capacity(16 * 1024);
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap_or_default();
        let (mut length, mut close, mut token) = (0usize, false, false);
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            if name.eq_ignore_ascii_case("content-length") {
                length = value.parse().unwrap_or(0);
            } else if name.eq_ignore_ascii_case("connection") {
                close = value.eq_ignore_ascii_case("close");
            } else if name.eq_ignore_ascii_case("x-auth-token") {
                token = value == TOKEN;
            }
        }
        while buf.len() < head_end + length {
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        buf.drain(..head_end + length);
        let path = format!("/v2.1/{PROJECT}/servers/{SERVER} ");
        let list = format!("/v2.1/{PROJECT}/servers/detail");
        let page;
        let reply = if !token {
            &replies[2]
        } else if let Some(target) = request_line.strip_prefix("GET ")
            && target.starts_with(&list)
        {
            let target = target.split(' ').next().unwrap_or("");
            page = list_page(target, listing.servers(), port);
            &page
        } else if !request_line.starts_with("PUT ") || !request_line[4..].starts_with(&path) {
            &replies[1]
        } else {
            &replies[0]
        };
        stream.write_all(reply)?;
        if close {
            return Ok(());
        }
    }
}
