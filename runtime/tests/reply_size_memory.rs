//! Peak memory while a hostile server sends far more than the reply-size limit. Its
//! own test binary, so no other test's allocations count in the process's peak RSS.

mod hostile;

#[path = "common/compute_service.rs"]
mod compute_service;

use std::time::Duration;

use apiref_runtime::{Client, Error, Json, Method, Microversion, Operation};
use hostile::{Hostile, Reply};

const GET: Operation = Operation {
    name: "test",
    method: Method::Get,
    path: "/v2.1/things",
    service: &compute_service::COMPUTE,
    documented_statuses: &[200],
    min_microversion: None,
    max_microversion: None,
};

/// `VmHWM` (peak resident set) from /proc/self/status, in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

#[tokio::test]
async fn peak_memory_stays_near_the_default_limit() {
    const MIB: u64 = 1024 * 1024;
    // 512 MiB, chunked, then a 2 GB declared length: 16 times the default limit.
    let server = Hostile::start(|attempt, _| {
        if attempt == 0 {
            Reply::Chunked {
                head: "HTTP/1.1 200 OK".to_owned(),
                chunk: vec![b' '; 64 * 1024],
                count: Some(8 * 1024),
            }
        } else {
            Reply::Raw(b"HTTP/1.1 200 OK\r\ncontent-length: 2000000000\r\n\r\n".to_vec())
        }
    })
    .await;
    let client = Client::builder(&format!("{}/v2.1", server.url))
        .timeout(Duration::from_secs(120))
        .build()
        .expect("client");
    let before = peak_rss_kib();
    for _ in 0..2 {
        let err = client
            .call::<(), (), Json>(&GET, &[], None, None, Microversion::Default)
            .await
            .expect_err("over the limit");
        let Error::ReplyTooLarge(e) = &err else {
            panic!("not ReplyTooLarge: {err:?}");
        };
        assert_eq!(e.limit, 32 * MIB);
    }
    let after = peak_rss_kib();
    eprintln!("peak RSS: {before} KiB before, {after} KiB after 512 MiB + 2 GB offered");
    // The 32 MiB body buffer, at most one more chunk, the HTTP stack's buffers.
    assert!(
        after < before + 96 * 1024,
        "peak RSS grew from {before} KiB to {after} KiB"
    );
}
